import { answer } from './approvals';
import { expect, test } from './fixtures';

const SEARCH = '127.0.0.1_http_p'; // site key prefix of http://127.0.0.1:<port>

test('a tool granted in the popup can be called through the mcp endpoint and runs in the page', async ({
  site,
  popup,
  assistant,
}) => {
  await expect(popup.getByRole('heading', { name: /127\.0\.0\.1/ })).toBeVisible();
  await expect(popup.getByRole('status')).toHaveText(/Connected/);
  const search = popup.getByRole('switch', { name: /search_article/ });
  await expect(search).not.toBeChecked(); // deny by default

  const before = await assistant.client.listTools();
  expect(before.tools.map((t) => t.name)).toEqual([]);

  await search.check();
  await expect(search).toBeChecked();
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name))
    .toEqual([expect.stringMatching(new RegExp(`^${SEARCH.replaceAll('.', '\\.')}\\d+__search_article$`))]);
  expect(assistant.notifications).toContain('notifications/tools/list_changed');

  const [tool] = (await assistant.client.listTools()).tools;
  expect(tool?.annotations?.readOnlyHint).toBe(true);
  const result = await assistant.client.callTool({ name: tool!.name, arguments: { query: 'patch cord' } });
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({
    query: 'patch cord',
    matches: [expect.stringContaining('patch cord')],
  });
  expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toEqual([
    { name: 'search_article', input: { query: 'patch cord' } },
  ]);
});

test('an ungranted tool is refused with a clear error and nothing runs in the page', async ({
  site,
  popup,
  assistant,
}) => {
  await expect(popup.getByRole('switch', { name: /add_to_cart/ })).not.toBeChecked();
  const port = new URL(site.url()).port;
  const name = `127.0.0.1_http_p${port}__add_to_cart`;
  await expect(assistant.client.callTool({ name, arguments: { quantity: 1 } })).rejects.toThrow(
    /not granted/,
  );
  expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toEqual([]);
});

test('a revoked tool disappears at once and never runs again', async ({
  context,
  site,
  popup,
  assistant,
}) => {
  const cart = popup.getByRole('switch', { name: /add_to_cart/ });
  await cart.check();
  const name = await expect
    .poll(
      async () =>
        (await assistant.client.listTools()).tools.find((t) => t.name.endsWith('__add_to_cart'))?.name,
    )
    .toBeTruthy()
    .then(async () => (await assistant.client.listTools()).tools[0]!.name);
  // add_to_cart is consequential: it asks on every call.
  const [ok] = await Promise.all([
    assistant.client.callTool({ name, arguments: { quantity: 2 } }),
    answer(context, 'Allow once'),
  ]);
  expect(ok.structuredContent).toEqual({ ok: true, itemsInCart: 2 });

  const changesBefore = assistant.notifications.length;
  await cart.uncheck();
  await expect.poll(async () => (await assistant.client.listTools()).tools).toEqual([]);
  expect(assistant.notifications.length).toBeGreaterThan(changesBefore);
  await expect(assistant.client.callTool({ name, arguments: { quantity: 5 } })).rejects.toThrow(
    /not granted/,
  );
  expect(
    await site.evaluate(() => (window as unknown as { __calls: { name: string }[] }).__calls.length),
  ).toBe(1);
});

test('a tool that appears later shows up in the popup ungranted', async ({ site, popup }) => {
  await expect(popup.getByRole('switch', { name: /search_article/ })).toBeVisible();
  await expect(popup.getByRole('switch', { name: /subscribe_newsletter/ })).toHaveCount(0);
  await site.evaluate(() => (window as unknown as { __registerLateTool(): void }).__registerLateTool());
  const late = popup.getByRole('switch', { name: /subscribe_newsletter/ });
  await expect(late).toBeVisible();
  await expect(late).not.toBeChecked();
  await site.evaluate(() => (window as unknown as { __unregisterLateTool(): void }).__unregisterLateTool());
  await expect(late).toHaveCount(0);
});

test('the page-content resource reads as the article in Markdown', async ({ popup, assistant }) => {
  expect((await assistant.client.listResources()).resources).toEqual([]);
  await popup.getByRole('switch', { name: /page content/i }).check();
  await expect.poll(async () => (await assistant.client.listResources()).resources.length).toBe(3);
  const { resources } = await assistant.client.listResources();
  const content = resources.find((r) => r.uri.endsWith('/content'));
  expect(content?.mimeType).toBe('text/markdown');
  const read = await assistant.client.readResource({ uri: content!.uri });
  const text = (read.contents[0] as { text: string }).text;
  expect(text).toMatch(/^# The Quiet Genius of the Telephone Switchboard/);
  expect(text).toContain('## A wall of jacks');
  expect(text).toContain('- Answer within ten seconds.');
  expect(text).toContain('_multiple_');
  expect(text).not.toContain('From our shop'); // the aside is not the article
  const meta = resources.find((r) => r.uri.endsWith('/metadata'));
  const metadata = JSON.parse(
    ((await assistant.client.readResource({ uri: meta!.uri })).contents[0] as { text: string }).text,
  );
  expect(metadata).toMatchObject({
    title: 'The Quiet Genius of the Telephone Switchboard',
    description: 'How human operators connected the world, one patch cord at a time.',
    language: 'en',
  });
});

test('malformed, throwing and oversized page tools become MCP error results', async ({
  context,
  popup,
  assistant,
}) => {
  for (const tool of ['broken_tool', 'huge_result']) {
    await popup.getByRole('switch', { name: new RegExp(tool) }).check();
  }
  // The popup will not switch on a tool whose schema cannot be used; grant it behind the popup's back (a
  // grant left from before, or an imported settings file) to check the worker refuses it anyway.
  await expect(popup.getByRole('switch', { name: /bad_schema/ })).toBeDisabled();
  await grantBehindThePopup(popup, 'bad_schema');
  await expect.poll(async () => (await assistant.client.listTools()).tools.length).toBe(3);
  const { tools } = await assistant.client.listTools();
  // None is marked read-only, so each asks on first use.
  const call = async (suffix: string) => {
    const [result] = await Promise.all([
      assistant.client.callTool({ name: tools.find((t) => t.name.endsWith(suffix))!.name, arguments: {} }),
      answer(context, 'Allow once'),
    ]);
    return result;
  };
  const broken = await call('__broken_tool');
  expect(broken.isError).toBe(true);
  expect(JSON.stringify(broken.content)).toMatch(/failed/);
  const huge = await call('__huge_result');
  expect(huge.isError).toBe(true);
  expect(JSON.stringify(huge.content)).toMatch(/too large/);
  // A tool whose schema cannot be used is refused before anyone is asked (no approval to answer).
  const bad = await assistant.client.callTool({
    name: tools.find((t) => t.name.endsWith('__bad_schema'))!.name,
    arguments: {},
  });
  expect(bad.isError).toBe(true);
  expect(JSON.stringify(bad.content)).toMatch(/cannot be called: The site declared an invalid input schema/);
});

test('subscribers hear about in-app navigation and significant DOM changes', async ({
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /page content/i }).check();
  await expect.poll(async () => (await assistant.client.listResources()).resources.length).toBe(3);
  const content = (await assistant.client.listResources()).resources.find((r) => r.uri.endsWith('/content'))!;
  const updates = () => assistant.notifications.filter((n) => n === 'notifications/resources/updated').length;
  await assistant.client.subscribeResource({ uri: content.uri });

  await site.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Breaking: a newly discovered switchboard manual. '.repeat(10);
    document.querySelector('#story')?.append(p);
  });
  await expect.poll(updates).toBe(1);
  const read = await assistant.client.readResource({ uri: content.uri });
  expect((read.contents[0] as { text: string }).text).toContain('newly discovered switchboard manual');

  await site.evaluate(() => history.pushState({}, '', '/?article=2'));
  await site.evaluate(() => document.body.append(document.createElement('hr'))); // SPAs render after pushState
  await expect.poll(updates).toBe(2);

  await assistant.client.unsubscribeResource({ uri: content.uri });
  await site.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Another long paragraph that nobody is listening for. '.repeat(10);
    document.querySelector('#story')?.append(p);
  });
  await site.waitForTimeout(1000);
  expect(updates()).toBe(2);
});

/** Sends set-grant on the ui Port as the popup would, for the site the popup shows. */
async function grantBehindThePopup(popup: import('@playwright/test').Page, tool: string): Promise<void> {
  const host = (await popup.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await popup.evaluate(
    ({ origin, tool }) => {
      const port = chrome.runtime.connect({ name: 'ui' });
      port.postMessage({
        type: 'ui→worker:set-grant',
        payload: { origin, target: { kind: 'tool', tool }, granted: true },
      });
    },
    { origin: `http://${host}`, tool },
  );
  await expect(popup.getByRole('switch', { name: new RegExp(tool) })).toBeChecked();
}
