import { answer } from './approvals';
import { grantPageTool, listedToolName } from './assistant';
import { expect, test } from './fixtures';

// Pages built on other WebMCP libraries, in both modes: the real @mcp-b/global 5.1.0 IIFE wraps whatever
// document.modelContext it finds (native, or Switchboard's polyfill) and puts its own in place.
test('a page that bundles @mcp-b/global: its tool is listed once and runs once, with its own result', async ({
  context,
  site,
  popup,
  assistant,
}) => {
  const errors: string[] = [];
  site.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await site.goto(new URL('/mcpb/index.html', site.url()).href);
  await popup.reload();
  const save = popup.getByRole('switch', { name: /save_recipe/ });
  await expect(save).toHaveCount(1, { timeout: 15_000 });
  await save.check();
  const name = await listedToolName(assistant, 'save_recipe');
  expect(
    (await assistant.client.listTools()).tools.filter((t) => t.name.endsWith('__save_recipe')),
  ).toHaveLength(1);
  const call = assistant.client.callTool({ name, arguments: { title: 'Leek soup' } });
  await answer(context, 'Allow once', /save_recipe/);
  expect((await call).content).toEqual([{ type: 'text', text: 'Saved “Leek soup” to your recipe box.' }]);
  expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toEqual([
    { name: 'save_recipe', input: { title: 'Leek soup' } },
  ]);
  await expect(site.locator('#status')).toHaveText('Saved “Leek soup”.');
  expect(errors).toEqual([]);
});

test('a page written for the origin trial (navigator.modelContext.provideContext) offers its tool', async ({
  site,
  popup,
  assistant,
}) => {
  const name = await grantPageTool(site, popup, assistant, '/legacy/index.html', 'get_forecast');
  // Read-only: it runs without asking.
  const result = await assistant.client.callTool({ name, arguments: { city: 'Leeds' } });
  expect(result.content).toEqual([{ type: 'text', text: 'Tomorrow in Leeds: light rain, 9 °C.' }]);
  expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toHaveLength(1);
});
