import type { BrowserContext, Page } from '@playwright/test';
import { type Everything, startEverything } from '../fixtures/everything';
import { answer } from './approvals';
import { connectAssistant, type TestAssistant } from './assistant';
import { expect, test } from './fixtures';

// dist-e2e pre-grants loopback host access for the remote server (see manifest.config.ts); site tools
// behave as in dist.
test.use({ extensionDist: 'dist-e2e' });

type Call = { name: string; input: Record<string, unknown> };
const pageCalls = (page: Page) => page.evaluate(() => (window as unknown as { __calls: Call[] }).__calls);

/** Every approval window the worker opens during a test, so that "nobody was asked" can be checked. */
function watchApprovalWindows(context: BrowserContext): Page[] {
  const opened: Page[] = [];
  context.on('page', (page) => {
    if (page.url().includes('/extension/approval/')) opened.push(page);
    page.on('framenavigated', () => {
      if (page.url().includes('/extension/approval/') && !opened.includes(page)) opened.push(page);
    });
  });
  return opened;
}

async function grantedShopTools(
  site: Page,
  siteUrl: string,
  popup: Page,
  assistant: TestAssistant,
  tools: string[],
) {
  await site.goto(`${siteUrl}/shop/`);
  for (const tool of tools) {
    const toggle = popup.getByRole('switch', { name: new RegExp(tool) });
    await expect(toggle).toBeVisible({ timeout: 15_000 });
    await toggle.check();
  }
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.length, { timeout: 15_000 })
    .toBe(tools.length);
  const names = (await assistant.client.listTools()).tools.map((t) => t.name);
  return (tool: string) => names.find((n) => n.endsWith(`__${tool}`)) as string;
}

test('a shop tool that returns a sentence gives that sentence, runs once, and other result kinds arrive as sites return them', async ({
  context,
  site,
  siteUrl,
  popup,
  assistant,
}) => {
  const name = await grantedShopTools(site, siteUrl, popup, assistant, [
    'add_to_cart',
    'search_products',
    'cart_count',
    'cart_summary',
  ]);
  // add_to_cart is consequential: the user allows it once.
  const [added] = await Promise.all([
    assistant.client.callTool({
      name: name('add_to_cart'),
      arguments: { sku: 'brass-desk-lamp', quantity: 2 },
    }),
    answer(context, 'Allow once', 'add_to_cart'),
  ]);
  expect(added).toEqual({ content: [{ type: 'text', text: 'Added 2 × Brass desk lamp to the cart.' }] });
  expect(await pageCalls(site)).toEqual([
    { name: 'add_to_cart', input: { sku: 'brass-desk-lamp', quantity: 2 } },
  ]);
  await expect(site.getByRole('status')).toHaveText('Your cart has 2 item(s).');

  // An array, a number, and an MCP-shaped result from a tool written for the MCP-B polyfill.
  const found = await assistant.client.callTool({
    name: name('search_products'),
    arguments: { query: 'lamp', maxPrice: 100 },
  });
  expect(found.isError).toBeFalsy();
  expect(JSON.parse((found.content[0] as { text: string }).text)).toEqual([
    { sku: 'black-task-lamp', name: 'Black task lamp', price: 89 },
    { sku: 'clip-lamp', name: 'Clip-on reading lamp', price: 34 },
  ]);
  expect(await assistant.client.callTool({ name: name('cart_count'), arguments: {} })).toEqual({
    content: [{ type: 'text', text: '2' }],
  });
  expect(await assistant.client.callTool({ name: name('cart_summary'), arguments: {} })).toEqual({
    content: [{ type: 'text', text: '2 × Brass desk lamp. Total $258.' }],
  });
});

test('a call with a wrong-typed argument is refused with the reason, without asking the user or running in the page', async ({
  context,
  extId,
  site,
  siteUrl,
  popup,
  assistant,
}) => {
  const approvals = watchApprovalWindows(context);
  const name = await grantedShopTools(site, siteUrl, popup, assistant, ['add_to_cart']);

  const refused = await assistant.client.callTool({
    name: name('add_to_cart'),
    arguments: { sku: 'brass-desk-lamp', quantity: '2' },
  });
  expect(refused.isError).toBe(true);
  const text = (refused.content[0] as { text: string }).text;
  expect(text).toContain('Invalid arguments for "add_to_cart", so it did not run and the user was not asked');
  expect(text).toContain('- quantity: must be integer, but got string "2".');
  const unknownSku = await assistant.client.callTool({
    name: name('add_to_cart'),
    arguments: { sku: 'floor-lamp', quantity: 1 },
  });
  expect((unknownSku.content[0] as { text: string }).text).toContain(
    '- sku: the value does not match any of',
  );

  expect(approvals).toEqual([]);
  expect(await pageCalls(site)).toEqual([]);
  await expect(site.getByRole('status')).toHaveText('Your cart is empty.');

  // The audit log says why.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#activity`);
  const rows = options.locator('table[aria-label="Audit log"] tbody tr[data-kind="call"]');
  await expect
    .poll(async () => {
      await options.getByRole('button', { name: 'Refresh' }).click();
      return rows.count();
    })
    .toBe(2);
  await expect(rows.first().locator('td[data-outcome]')).toHaveAttribute('data-outcome', 'invalid-arguments');
  await expect(rows.first()).toContainText('Refused: the request did not fit the tool');
});

// Run in both WebMCP modes too: the check is the host's, the same for every kind of server.
test.describe('remote server tools', () => {
  let everything: Everything;
  test.beforeAll(async () => {
    everything = await startEverything('streamableHttp');
  });
  test.afterAll(async () => {
    await everything?.stop();
  });

  test('a remote tool called with a string for a number is refused the same way, before anyone is asked', async ({
    context,
    extId,
  }) => {
    const approvals = watchApprovalWindows(context);
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extId}/extension/options/index.html#servers`);
    await options.getByLabel('Server URL').fill(everything.url);
    await options.getByLabel('Name', { exact: true }).fill('Everything');
    // "Allow all tools without asking" stays off: a valid call asks on first use.
    await options.getByRole('button', { name: 'Add server' }).click();
    await expect(options.getByRole('region', { name: 'Everything' }).getByRole('status')).toHaveText(
      'Connected',
      {
        timeout: 15_000,
      },
    );
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
    const assistant = await connectAssistant(page);
    const sum = (await assistant.client.listTools()).tools.find((t) => t.name.endsWith('__get-sum'))?.name;
    expect(sum).toBeTruthy();

    const refused = await assistant.client.callTool({ name: sum!, arguments: { a: '2', b: 3 } });
    expect(refused.isError).toBe(true);
    const text = (refused.content[0] as { text: string }).text;
    expect(text).toContain('Invalid arguments for "get-sum", so it did not run and the user was not asked');
    expect(text).toContain('- a: must be number, but got string "2".');
    expect(approvals).toEqual([]);

    // The same tool with valid arguments is asked about, and runs.
    const [ok] = await Promise.all([
      assistant.client.callTool({ name: sum!, arguments: { a: 2, b: 3 } }),
      answer(context, 'Allow once', 'get-sum'),
    ]);
    expect(ok.content).toEqual([{ type: 'text', text: 'The sum of 2 and 3 is 5.' }]);
    await assistant.client.close();
  });
});
