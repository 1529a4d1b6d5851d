import type { Page } from '@playwright/test';
import { answer } from './approvals';
import { grantPageTool, type TestAssistant } from './assistant';
import { expect, test } from './fixtures';

type Calls = { __calls: { form: string; agentInvoked: boolean; data: Record<string, string> }[] };

async function flightTools(site: Page, popup: Page, assistant: TestAssistant) {
  await site.goto(new URL('/flights/index.html', site.url()).href);
  await popup.reload();
  const find = popup.locator('li', { has: popup.getByRole('switch', { name: /find_flight/ }) });
  await expect(find).toContainText('Form', { timeout: 15_000 }); // the popup marks declarative tools
  await popup.getByRole('switch', { name: /find_flight/ }).check();
  await popup.getByRole('switch', { name: /price_alert/ }).check();
  const names: Record<string, string> = {};
  await expect
    .poll(async () => {
      for (const t of (await assistant.client.listTools()).tools) names[t.name.split('__').at(-1)!] = t.name;
      return Boolean(names.find_flight && names.price_alert);
    })
    .toBe(true);
  return names;
}

test('a form with toolautosubmit is filled, submitted, and answers with the site’s reply', async ({
  context,
  site,
  popup,
  assistant,
}) => {
  const names = await flightTools(site, popup, assistant);
  const tool = (await assistant.client.listTools()).tools.find((t) => t.name === names.price_alert)!;
  expect(tool.inputSchema).toMatchObject({
    properties: { email: { type: 'string' } },
    required: ['email', 'route'],
  });
  const call = assistant.client.callTool({
    name: names.price_alert!,
    arguments: { email: 'ada@example.com', route: 'LHR-JFK' },
  });
  await answer(context, 'Allow once', /price_alert/);
  expect((await call).content).toEqual([
    { type: 'text', text: 'We will email ada@example.com when LHR-JFK gets cheaper.' },
  ]);
  expect(await site.evaluate(() => (window as unknown as Calls).__calls)).toEqual([
    { form: 'alerts', agentInvoked: true, data: { email: 'ada@example.com', route: 'LHR-JFK' } },
  ]);
});

test('a form without it is filled and waits for the user to submit it, then answers', async ({
  context,
  site,
  popup,
  assistant,
}) => {
  const names = await flightTools(site, popup, assistant);
  const progress: (string | undefined)[] = [];
  const call = assistant.client.callTool(
    {
      name: names.find_flight!,
      arguments: { from: 'LHR', to: 'JFK', date: '2026-12-24', cabin: 'business', nonstop: true },
    },
    { onprogress: (p) => progress.push(p.message) },
  );
  const approval = await answer(context, 'Allow once', /find_flight/);
  // While the form waits for the person, the approval window and the assistant are told so.
  const waitingText = /Waiting for you to submit the form on 127\.0\.0\.1:\d+/;
  await expect(approval.getByRole('heading', { name: 'A form is waiting for you' })).toBeVisible();
  await expect(approval.getByText(waitingText)).toBeVisible();
  await expect.poll(() => progress).toEqual([expect.stringMatching(waitingText)]);
  // Filled, not sent: the submit button has the focus, and nothing was submitted.
  await expect(site.locator('#find-flight [name=from]')).toHaveValue('LHR');
  await expect(site.locator('#find-flight [name=cabin]')).toHaveValue('business');
  await expect(site.locator('#find-flight [name=nonstop]')).toBeChecked();
  await expect(site.getByRole('button', { name: 'Search flights' })).toBeFocused();
  expect(await site.evaluate(() => (window as unknown as Calls).__calls)).toEqual([]);
  // The person checks it and submits.
  await site.getByRole('button', { name: 'Search flights' }).click();
  expect((await call).content).toEqual([
    { type: 'text', text: '2 flights from LHR to JFK on 2026-12-24 in business, nonstop.' },
  ]);
  // Nothing waits any more: the window that said so closes.
  await expect.poll(() => approval.isClosed()).toBe(true);
});

test('a form that navigates ends the call with the page it went to', async ({
  context,
  site,
  popup,
  assistant,
}) => {
  const name = await grantPageTool(site, popup, assistant, '/flights/index.html', 'flight_status');
  const call = assistant.client.callTool({ name, arguments: { number: 'BA117' } });
  await answer(context, 'Allow once', /flight_status/);
  const result = await call;
  expect(result.content).toEqual([
    {
      type: 'text',
      text: expect.stringMatching(
        /^The form was submitted and the browser is going to http:\/\/127\.0\.0\.1:\d+\/flights\/status\.html\?number=BA117$/,
      ),
    },
  ]);
  await expect(site.locator('#flight')).toHaveText('Flight BA117 is on time, departing 14:05 from gate B32.');
});
