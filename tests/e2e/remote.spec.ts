import { type Everything, startEverything } from '../fixtures/everything';
import { connectAssistant } from './assistant';
import { expect, test } from './fixtures';
import { addServer, openServers as openOptions } from './servers';

test.use({ extensionDist: 'dist-e2e' });
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'remote servers do not depend on WebMCP: run once');
});

let http: Everything;
let sse: Everything;
test.beforeAll(async () => {
  [http, sse] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
});
test.afterAll(async () => {
  await Promise.all([http?.stop(), sse?.stop()]);
});

test('remote servers added in the options page reach assistants, and survive the worker stopping', async ({
  context,
  extId,
}) => {
  const options = await openOptions(context, extId);
  await expect(options.getByText('No servers yet.')).toBeVisible();
  await addServer(options, http.url, 'Everything HTTP');
  await addServer(options, sse.url, 'Everything SSE');
  const card = options.getByRole('region', { name: 'Everything HTTP' });
  await expect(card).toContainText('Protocol 2025-11-25 over Streamable HTTP');
  await expect(options.getByRole('region', { name: 'Everything SSE' })).toContainText('HTTP+SSE (legacy)');

  const page = await context.newPage();
  await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
  const assistant = await connectAssistant(page);
  const names = (await assistant.client.listTools()).tools.map((t) => t.name);
  expect(names).toEqual(
    expect.arrayContaining(['everything_20http_srv__echo', 'everything_20sse_srv__echo']),
  );
  for (const [name, text] of [
    ['everything_20http_srv__echo', 'over http'],
    ['everything_20sse_srv__echo', 'over sse'],
  ] as const) {
    const result = await assistant.client.callTool({ name, arguments: { message: text } });
    expect(result.content).toEqual([{ type: 'text', text: `Echo: ${text}` }]);
  }

  const resource = (await assistant.client.listResources()).resources.find((r) =>
    r.uri.includes('everything_20http_srv'),
  );
  expect(resource).toBeDefined();
  const read = await assistant.client.readResource({ uri: resource!.uri });
  expect(read.contents.length).toBe(1);
  const prompts = (await assistant.client.listPrompts()).prompts.map((p) => p.name);
  expect(prompts).toEqual(
    expect.arrayContaining(['everything_20http_srv__simple-prompt', 'everything_20sse_srv__simple-prompt']),
  );

  const progress: number[] = [];
  await assistant.client.callTool(
    { name: 'everything_20http_srv__trigger-long-running-operation', arguments: { duration: 1, steps: 3 } },
    { onprogress: (p) => progress.push(p.progress) },
  );
  expect(progress).toEqual([1, 2, 3]);
  await assistant.client.setLoggingLevel('debug');
  await assistant.client.callTool({ name: 'everything_20http_srv__toggle-simulated-logging', arguments: {} });
  await expect
    .poll(() => assistant.notifications.includes('notifications/message'), { timeout: 10_000 })
    .toBe(true);

  // Stop every service worker: configs come back from IndexedDB and servers reconnect on wake.
  const cdp = await context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const page2 = await context.newPage();
  await page2.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
  const again = await connectAssistant(page2);
  await expect
    .poll(async () => (await again.client.listTools()).tools.map((t) => t.name), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['everything_20http_srv__echo', 'everything_20sse_srv__echo']));
  const after = await again.client.callTool({
    name: 'everything_20sse_srv__echo',
    arguments: { message: 'back' },
  });
  expect(after.content).toEqual([{ type: 'text', text: 'Echo: back' }]);
  await expect(options.getByRole('region', { name: 'Everything HTTP' }).getByRole('status')).toHaveText(
    'Connected',
    {
      timeout: 15_000,
    },
  );

  // Removing a server takes its tools away from assistants.
  await options.getByRole('button', { name: 'Remove Everything SSE' }).click();
  await expect(options.getByRole('region', { name: 'Everything SSE' })).toHaveCount(0);
  await expect
    .poll(async () =>
      (await again.client.listTools()).tools.some((t) => t.name.startsWith('everything_20sse_srv')),
    )
    .toBe(false);
});

test('the options page refuses bad URLs and imports mcpServers JSON, listing what it cannot run', async ({
  context,
  extId,
}) => {
  const options = await openOptions(context, extId);
  await options.getByLabel('Server URL').fill('http://example.com/mcp');
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect(options.getByRole('alert')).toHaveText(/Use https for example\.com/);

  await options.getByText('Import servers from another app').click();
  const json = options.getByLabel('mcpServers JSON');
  await json.fill('{ not json');
  await options.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(options.getByRole('alert').filter({ hasText: /not valid JSON/ })).toBeVisible();
  await expect(options.getByText('No servers yet.')).toBeVisible();

  await json.fill(
    JSON.stringify({
      mcpServers: {
        everything: { url: http.url },
        filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
      },
    }),
  );
  await options.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(options.getByText('Added 1 server: everything.')).toBeVisible();
  await expect(options.getByRole('list', { name: 'Not imported' })).toContainText(
    'filesystem: not runnable in a browser or not valid — stdio server (npx): a browser cannot start local programs.',
  );
  await expect(options.getByRole('region', { name: 'everything' }).getByRole('status')).toHaveText(
    'Connected',
    {
      timeout: 15_000,
    },
  );
});

test('a server that dies shows its error, and the host reconnects on its own when it returns', async ({
  context,
  extId,
}) => {
  const flaky = await startEverything('streamableHttp');
  const port = Number(new URL(flaky.url).port);
  const options = await openOptions(context, extId);
  await addServer(options, flaky.url, 'Flaky');
  const status = options.getByRole('region', { name: 'Flaky' }).getByRole('status');

  await flaky.stop();
  await expect(status).toHaveText(
    /^(Not connected|Reconnecting)\s*(Lost the connection to|Cannot reach) 127\.0\.0\.1/,
    {
      timeout: 20_000,
    },
  );
  await expect(status).toHaveText(/Retrying in \d+ s/);

  const back = await startEverything('streamableHttp', port);
  try {
    await expect(status).toHaveText('Connected', { timeout: 30_000 });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
    const assistant = await connectAssistant(page);
    const result = await assistant.client.callTool({
      name: 'flaky_srv__echo',
      arguments: { message: 'again' },
    });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: again' }]);
  } finally {
    await back.stop();
  }
});
