import { restartWorker } from './assistant';
import { expect, test } from './fixtures';

// Tools in iframes: a same-origin frame's are the site's; a cross-origin frame's are offered only when the
// page allows it tools (allow="tools"), and then under the frame's own origin.
test('frames offer tools under their own origin, only when the page allows it, and take them along when they go', async ({
  site,
  popup,
  assistant,
}) => {
  await site.goto(new URL('/embeds/index.html', site.url()).href);
  const weather = site.frameLocator('#weather');
  await expect(weather.locator('body')).toContainText('light rain');
  await popup.reload();

  // The page's own tool and its same-origin frame's, under the page's origin.
  await expect(popup.getByRole('switch', { name: /search_articles/ })).toBeVisible({ timeout: 15_000 });
  await expect(popup.getByRole('switch', { name: /convert_currency/ })).toBeVisible();
  // The allowed cross-origin frame's, under its origin.
  const frameSection = popup.getByRole('region', { name: /Tools of localhost:\d+, embedded in this page/ });
  await expect(frameSection.getByRole('switch', { name: /local_forecast/ })).toBeVisible();
  // The ad registered a tool (it even forged a parent's answer), but the page never allowed it tools.
  const adFrame = site.frames().find((f) => f.url().endsWith('/embeds/ad.html'));
  expect(await adFrame?.evaluate(() => (window as unknown as { __registered: unknown }).__registered)).toBe(
    true,
  );
  await site.waitForTimeout(1000); // the ad loaded with the weather frame; give its handshake time to fail
  await popup.reload();
  await expect(frameSection.getByRole('switch', { name: /local_forecast/ })).toBeVisible();
  await expect(popup.getByText('claim_prize')).toHaveCount(0);

  // Granting the frame's tool grants it to the frame's origin, not the page's.
  await frameSection.getByRole('switch', { name: /local_forecast/ }).check();
  await popup.getByRole('switch', { name: /convert_currency/ }).check();
  const listed = async () => (await assistant.client.listTools()).tools.map((t) => t.name);
  await expect.poll(async () => (await listed()).length).toBe(2);
  const names = await listed();
  const forecast = names.find((n) => n.endsWith('__local_forecast'))!;
  const convert = names.find((n) => n.endsWith('__convert_currency'))!;
  expect(forecast.split('__')[0]).not.toBe(convert.split('__')[0]); // two sites, two prefixes
  expect(names.some((n) => n.includes('claim_prize'))).toBe(false);

  // Both run in their own frame and answer in plain sentences.
  const forecastResult = await assistant.client.callTool({ name: forecast, arguments: { town: 'Whitby' } });
  expect(forecastResult.content).toEqual([
    { type: 'text', text: 'Tomorrow in Whitby: showers clearing by noon, 14 °C.' },
  ]);
  const weatherFrame = site.frames().find((f) => f.url().endsWith('/embeds/weather.html'))!;
  expect(await weatherFrame.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([
    'Whitby',
  ]);
  const convertResult = await assistant.client.callTool({
    name: convert,
    arguments: { amount: 10, to: 'USD' },
  });
  expect(convertResult.content).toEqual([{ type: 'text', text: '10 EUR is 10.80 USD.' }]);

  // A frame that goes away takes its tools with it.
  await site.evaluate(() => document.getElementById('currency')?.remove());
  await expect.poll(listed).toEqual([forecast]);
  await expect(popup.getByRole('switch', { name: /convert_currency/ })).toHaveCount(0);
});

test('a frame’s tools come back after the service worker was stopped, admitted anew', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  await site.goto(new URL('/embeds/index.html', site.url()).href);
  await expect(site.frameLocator('#weather').locator('body')).toContainText('light rain');
  await popup.reload();
  const frameSection = popup.getByRole('region', { name: /Tools of localhost:\d+, embedded in this page/ });
  await frameSection.getByRole('switch', { name: /local_forecast/ }).check({ timeout: 15_000 });
  await expect.poll(async () => (await assistant.client.listTools()).tools.length).toBe(1);

  // The new worker has forgotten every admission: the frame asks its parent again when the parent reconnects.
  const again = await restartWorker(context, extId, assistant, popup);
  await expect
    .poll(async () => (await again.client.listTools()).tools.map((t) => t.name))
    .toEqual([expect.stringMatching(/^localhost.*__local_forecast$/)]);
  const [tool] = (await again.client.listTools()).tools;
  const result = await again.client.callTool({ name: tool!.name, arguments: { town: 'Staithes' } });
  expect(result.content).toEqual([
    { type: 'text', text: 'Tomorrow in Staithes: showers clearing by noon, 14 °C.' },
  ]);
  await again.client.close();
});
