import { connectAssistant } from './assistant';
import { expect, test } from './fixtures';

type Calls = { __calls: { name: string }[] };

test('grants survive the service worker being stopped, and calls work after it wakes', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /search_article/ }).check();
  await expect.poll(async () => (await assistant.client.listTools()).tools.length).toBe(1);

  const closed = new Promise<void>((resolve) => {
    assistant.client.onclose = () => resolve();
  });
  const cdp = await context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await closed; // the assistant's port went down with the worker

  // A new session wakes the worker, which rebuilds itself from IndexedDB and asks open tabs to reconnect.
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
  const again = await connectAssistant(page);
  const { tools } = await again.client.listTools();
  expect(tools.map((t) => t.name)).toEqual([expect.stringMatching(/__search_article$/)]);
  const result = await again.client.callTool({ name: tools[0]!.name, arguments: { query: 'operator' } });
  expect(result.isError).toBeFalsy();
  expect(await site.evaluate(() => (window as unknown as Calls).__calls.map((c) => c.name))).toEqual([
    'search_article',
  ]);
  await expect(popup.getByRole('switch', { name: /search_article/ })).toBeChecked();
  await again.client.close();
});

test('the page cannot reach the host or forge a grant', async ({ site, popup, assistant }) => {
  await expect(popup.getByRole('status')).toHaveText(/Connected/);
  const reach = await site.evaluate(() => {
    const w = window as unknown as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } };
    // Try everything a page can do: our message shapes over postMessage, tagged and untagged.
    const forged = [
      {
        type: 'ui→worker:set-grant',
        payload: { origin: location.origin, target: { kind: 'page' }, granted: true },
      },
      {
        tag: 'switchboard/webmcp-bridge@1',
        type: 'ui→worker:set-grant',
        payload: { origin: location.origin, target: { kind: 'tool', tool: 'add_to_cart' }, granted: true },
      },
      { tag: 'switchboard/webmcp-bridge@1', type: 'worker→content:connect', payload: {} },
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'add_to_cart', arguments: { quantity: 9 } },
      },
    ];
    for (const message of forged) window.postMessage(message, '*');
    return { runtime: typeof w.chrome?.runtime?.sendMessage, connect: typeof w.chrome?.runtime?.connect };
  });
  expect(reach).toEqual({ runtime: 'undefined', connect: 'undefined' });
  await site.waitForTimeout(500);
  expect((await assistant.client.listTools()).tools).toEqual([]);
  expect((await assistant.client.listResources()).resources).toEqual([]);
  await expect(popup.getByRole('switch', { name: /page content/i })).not.toBeChecked();
  await expect(popup.getByRole('switch', { name: /add_to_cart/ })).not.toBeChecked();
  expect(await site.evaluate(() => (window as unknown as Calls).__calls)).toEqual([]);
});

test('the popup is keyboard operable and says when a page cannot be used', async ({
  context,
  extId,
  popup,
}) => {
  const search = popup.getByRole('switch', { name: /search_article/ });
  await search.focus();
  await popup.keyboard.press('Space');
  await expect(search).toBeChecked();
  await popup.keyboard.press('Space');
  await expect(search).not.toBeChecked();

  // A tab with no content script (an extension page here, like chrome:// pages for users).
  const other = await context.newPage();
  await other.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
  const [tabId] = await other
    .evaluate(async () => (await chrome.tabs.getCurrent())?.id ?? -1)
    .then((id) => [id]);
  const view = await context.newPage();
  await view.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=${tabId}`);
  await expect(view.getByRole('status')).toHaveText(/Not available on this page/);
});

test('the popup follows the tab to a new page, ungranted tools and all', async ({ site, siteUrl, popup }) => {
  await expect(popup.getByRole('status')).toHaveText(/Connected/);
  await site.goto(`${siteUrl}/blank.html`);
  await expect(popup.getByText(/offers no tools on this page/)).toBeVisible({ timeout: 15_000 });
  await expect(popup.getByRole('status')).toHaveText(/Connected/);
  await site.goto(siteUrl);
  await expect(popup.getByRole('switch', { name: /search_article/ })).toBeVisible({ timeout: 15_000 });
  await expect(popup.getByRole('switch', { name: /search_article/ })).not.toBeChecked();
});
