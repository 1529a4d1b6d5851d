import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { BrowserContext, Page } from '@playwright/test';
import { startFakeAnthropic } from '../fixtures/fake-anthropic.mjs';
import { startStaticServer } from '../fixtures/static-server.mjs';
import { checkSurface } from './a11y';
import { answer, approvalWindow, clickClosing } from './approvals';
import { extensionId, launchWithExtension, newProfile } from './browser';
import { expect, test } from './fixtures';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = resolve(ROOT, 'dist');

// The desktop bridge does not depend on WebMCP: run once, with the polyfill.
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'the desktop bridge does not depend on WebMCP: run once');
});

/** The MCP config `npm run -s bridge -- config` prints, as an assistant would read it. */
function bridgeConfig(): { command: string; args: string[] } {
  const out = execFileSync('npm', ['run', '-s', 'bridge', '--', 'config'], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out).mcpServers.switchboard;
}

/** A browser with the bridge installed in its profile, as a user's would be after `npm run bridge -- install`. */
async function browserWithBridge(
  profile = newProfile(),
  socketDir = join(mkdtempSync(join(tmpdir(), 'sb-sock-')), 'run'),
) {
  execFileSync('npm', ['run', '-s', 'bridge', '--', 'install', '--user-data-dir', profile], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const context = await launchWithExtension({
    nativeWebMcp: false,
    dist: DIST,
    profile,
    env: { SWITCHBOARD_BRIDGE_DIR: socketDir },
  });
  return { context, profile, socketDir };
}

/** A raw client of the bridge's socket, line by line, as a program other than the relay would be. */
async function rawLines(path: string) {
  const socket = connect(path);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const lines: Record<string, unknown>[] = [];
  let waiting: (() => void) | undefined;
  let pending = '';
  socket.on('data', (chunk) => {
    const parts = (pending + chunk.toString('utf8')).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
    waiting?.();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    write: (message: unknown) => socket.write(`${JSON.stringify(message)}\n`),
    raw: (text: string) => socket.write(text),
    end: () => socket.end(),
    closed,
    async next(timeout = 10_000): Promise<Record<string, unknown>> {
      const deadline = Date.now() + timeout;
      while (lines.length === 0) {
        if (Date.now() > deadline) throw new Error('no line from the bridge');
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 100);
        });
      }
      return lines.shift()!;
    },
  };
}

/** A desktop assistant: an SDK Client over stdio, running the command the config says. */
async function desktopAssistant(name: string, socketDir: string) {
  const { command, args } = bridgeConfig();
  const client = new Client({ name, version: '1.0.0' }, { capabilities: {} });
  const changes: string[] = [];
  client.fallbackNotificationHandler = async (n) => void changes.push(n.method);
  await client.connect(
    new StdioClientTransport({
      command,
      args,
      env: { ...process.env, SWITCHBOARD_BRIDGE_DIR: socketDir } as Record<string, string>,
    }),
  );
  return { client, changes };
}

/** Opens the site and its popup (as a page, for its tab), and grants `tools` there as the user would. */
async function grantInPopup(
  context: BrowserContext,
  siteUrl: string,
  tools: RegExp[] = [/search_article/],
): Promise<{ site: Page; popup: Page }> {
  const site = await context.newPage();
  await site.goto(siteUrl);
  const extId = await extensionId(context);
  const worker = context.serviceWorkers().find((w) => w.url().includes(extId))!;
  await site.bringToFront();
  const tabId = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=${tabId}`);
  for (const tool of tools) await popup.getByRole('switch', { name: tool }).check();
  return { site, popup };
}

const grantSearch = async (context: BrowserContext, siteUrl: string) =>
  (await grantInPopup(context, siteUrl)).site;

/** Tool names as the host lists them to an assistant, by the site's own tool name. */
const toolNamed = async (client: Client, tool: string) =>
  (await client.listTools()).tools.find((t) => t.name.endsWith(`__${tool}`))?.name;

test('a desktop assistant asks to connect, then uses a granted site tool; an ungranted one is refused', async () => {
  const { server, url } = await startStaticServer(0);
  const { context, socketDir } = await browserWithBridge();
  try {
    // The socket is for this user only.
    await expect
      .poll(() => statSync(join(socketDir, 'bridge.sock'), { throwIfNoEntry: false })?.mode ?? 0, {
        timeout: 15_000,
      })
      .not.toBe(0);
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(socketDir, 'bridge.sock')).mode & 0o777).toBe(0o600);

    const site = await grantSearch(context, url);
    const { client, changes } = await desktopAssistant('claude-code', socketDir);
    // Until the user allows it, it sees nothing, and is told why.
    expect((await client.listTools()).tools).toEqual([]);
    const window = await approvalWindow(context);
    await expect(window.getByRole('heading', { level: 1 })).toHaveText(
      'claude-code wants to use Switchboard',
    );
    await expect(window.locator('.approval')).toContainText('Started by node');
    await expect(window.getByRole('button', { name: 'Deny' })).toBeFocused(); // the safe choice first
    await checkSurface(window, 'approval-connection');
    await clickClosing(window, 'Allow');
    await expect.poll(() => changes.includes('notifications/tools/list_changed')).toBe(true);
    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual([expect.stringMatching(/__search_article$/)]);

    const result = await client.callTool({ name: tools[0]!, arguments: { query: 'patch cord' } });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toContain('patch cord');
    expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toHaveLength(1);
    const port = new URL(url).port;
    await expect(
      client.callTool({ name: `127.0.0.1_http_p${port}__add_to_cart`, arguments: { quantity: 1 } }),
    ).rejects.toThrow(/not granted/);
    await client.close();
  } finally {
    await context.close();
    server.close();
  }
});

test('Deny keeps a desktop assistant out, and a second assistant is asked on its own', async () => {
  const { server, url } = await startStaticServer(0);
  const { context, socketDir } = await browserWithBridge();
  try {
    await grantSearch(context, url);
    const denied = await desktopAssistant('cursor', socketDir);
    await answer(context, 'Deny', 'cursor wants to use Switchboard');
    expect((await denied.client.listTools()).tools).toEqual([]);
    const refused = await denied.client.callTool({ name: 'anything', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/did not allow cursor to use Switchboard/);

    const allowed = await desktopAssistant('vscode', socketDir);
    await answer(context, 'Allow', 'vscode wants to use Switchboard');
    await expect.poll(async () => (await allowed.client.listTools()).tools.length).toBe(1);
    expect((await denied.client.listTools()).tools).toEqual([]);
    await denied.client.close();
    await allowed.client.close();
  } finally {
    await context.close();
    server.close();
  }
});

test('two desktop assistants at once: each its own approvals, and a site limited to one of them', async () => {
  const { server, url } = await startStaticServer(0);
  const { context, socketDir } = await browserWithBridge();
  try {
    const { popup } = await grantInPopup(context, url, [/search_article/, /add_to_cart/]);
    const code = await desktopAssistant('claude-code', socketDir);
    await answer(context, 'Allow', 'claude-code wants to use Switchboard');
    const cursor = await desktopAssistant('cursor', socketDir);
    await answer(context, 'Allow', 'cursor wants to use Switchboard');
    await expect.poll(() => toolNamed(cursor.client, 'add_to_cart')).toBeTruthy();
    const addToCart = (await toolNamed(code.client, 'add_to_cart'))!;

    // claude-code's "Always allow" is its own: cursor is still asked, and its Deny is its own.
    const codeCall = code.client.callTool({ name: addToCart, arguments: { quantity: 1 } });
    await answer(context, 'Always allow', /claude-code wants to run a tool/);
    expect((await codeCall).isError).toBeFalsy();
    const cursorCall = cursor.client.callTool({ name: addToCart, arguments: { quantity: 2 } });
    await answer(context, 'Deny', /cursor wants to run a tool/);
    const denied = await cursorCall;
    expect(denied.isError).toBe(true);
    expect(JSON.stringify(denied.content)).toMatch(/denied/);
    expect((await code.client.callTool({ name: addToCart, arguments: { quantity: 3 } })).isError).toBeFalsy();

    // The popup says who a remembered "Always allow" is for, and that the others are asked.
    await popup.reload();
    const cart = popup
      .getByRole('listitem')
      .filter({ has: popup.getByRole('switch', { name: /add_to_cart/ }) });
    await expect(cart).toContainText(
      /runs without asking for claude-code .*except just after reading content from others; asks the others/,
    );
    // The popup limits the site to claude-code: cursor is told the list changed, and loses it at once.
    await popup.getByRole('switch', { name: 'All assistants' }).uncheck();
    await popup.getByRole('checkbox', { name: /^cursor/ }).uncheck();
    await expect(
      popup.getByText(/shared with only Switchboard assistant and claude-code \(node\), on every page of/),
    ).toBeVisible();
    await checkSurface(popup, 'popup-assistants-limit');
    await expect.poll(async () => (await cursor.client.listTools()).tools).toEqual([]);
    await expect(cursor.client.callTool({ name: addToCart, arguments: { quantity: 1 } })).rejects.toThrow(
      /not granted/,
    );
    expect(await toolNamed(code.client, 'search_article')).toBeTruthy();
    const search = (await toolNamed(code.client, 'search_article'))!;
    expect((await code.client.callTool({ name: search, arguments: { query: 'patch' } })).isError).toBeFalsy();
    // And back to all assistants.
    await popup.getByRole('switch', { name: 'All assistants' }).check();
    await expect.poll(async () => (await cursor.client.listTools()).tools.length).toBe(2);
    await code.client.close();
    await cursor.client.close();
  } finally {
    await context.close();
    server.close();
  }
});

test('Settings shows the bridge and each assistant; Disconnect takes effect at once, Allow undoes it', async () => {
  const { server, url } = await startStaticServer(0);
  const { context, socketDir } = await browserWithBridge();
  try {
    await grantSearch(context, url);
    const { client } = await desktopAssistant('claude-code', socketDir);
    await answer(context, 'Allow', 'claude-code wants to use Switchboard');
    await expect.poll(async () => (await client.listTools()).tools.length).toBe(1);

    const settings = await context.newPage();
    await settings.goto(
      `chrome-extension://${await extensionId(context)}/extension/options/index.html#assistants`,
    );
    const section = settings.locator('#assistants');
    await expect(section.getByRole('status')).toHaveText(/Connected/);
    // The exact command to paste, as `npm run -s bridge -- config` prints it.
    const { command, args } = bridgeConfig();
    await expect(section).toContainText(`claude mcp add switchboard -- ${command} ${args.join(' ')}`);
    const row = section.locator('.desktop-assistant', { hasText: 'claude-code' });
    await expect(row).toContainText('Started by node');
    await expect(row).toContainText('Allowed');

    await row.getByRole('button', { name: 'Disconnect claude-code' }).click();
    await expect(row).toContainText('Denied');
    // The relay comes back by itself, and sees nothing: not asked again, not let in.
    await expect
      .poll(async () => JSON.stringify(await client.callTool({ name: 'x', arguments: {} }).catch(String)))
      .toMatch(/did not allow claude-code/);
    expect((await client.listTools()).tools).toEqual([]);

    await row.getByRole('button', { name: 'Allow claude-code' }).click();
    await expect.poll(async () => (await client.listTools()).tools.length).toBe(1);
    await client.close();
  } finally {
    await context.close();
    server.close();
  }
});

test('the bridge socket is for this user only, and refuses what is not a relay, bad lines and oversized messages', async () => {
  const { context, socketDir } = await browserWithBridge();
  try {
    const socket = join(socketDir, 'bridge.sock');
    await expect.poll(() => existsSync(socket), { timeout: 15_000 }).toBe(true);
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    expect(statSync(socket).mode & 0o777).toBe(0o600);

    // A program that does not greet as a relay is told so and dropped.
    const stranger = await rawLines(socket);
    stranger.write({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(await stranger.next()).toMatchObject({ switchboard: 'error', message: /relay greeting/ });
    await stranger.closed;

    // A relay's bad lines are answered and dropped; its session carries on.
    const relay = await rawLines(socket);
    relay.write({ switchboard: 'relay', version: 1, program: 'test' });
    relay.raw('{not json}\n');
    expect(await relay.next()).toMatchObject({ switchboard: 'error', message: /not JSON/ });
    relay.write({ hello: 'not JSON-RPC' });
    expect(await relay.next()).toMatchObject({ switchboard: 'error', message: /Not a JSON-RPC/ });
    relay.write({
      jsonrpc: '2.0',
      id: 'big',
      method: 'tools/call',
      params: { name: 'x', arguments: { blob: 'x'.repeat(1024 * 1024) } },
    });
    expect(await relay.next()).toMatchObject({ id: 'big', error: { message: /browser accepts at most/ } });
    // Still one working session: the worker answers its initialize.
    relay.write({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    expect(await relay.next()).toMatchObject({ id: 1, result: { serverInfo: { name: 'switchboard' } } });
    relay.end();
  } finally {
    await context.close();
  }
});

test('after the worker is stopped, and after the browser is closed and reopened, calls work without restarting the assistant', async () => {
  test.setTimeout(120_000);
  const { server, url } = await startStaticServer(0);
  const first = await browserWithBridge();
  let context = first.context;
  try {
    await grantSearch(context, url);
    const { client } = await desktopAssistant('claude-desktop', first.socketDir);
    await answer(context, 'Allow', 'claude-desktop wants to use Switchboard');
    const name = await expect
      .poll(async () => (await client.listTools()).tools[0]?.name)
      .toBeTruthy()
      .then(async () => (await client.listTools()).tools[0]!.name);

    /** Whether a call goes through now: the relay answers "not running" while the browser is away. */
    const works = () =>
      client.callTool({ name, arguments: { query: 'operator' } }).then(
        (r) => !r.isError,
        () => false,
      );

    // The worker is stopped: within 30 s the alarm brings it back, it reopens the bridge, and the relay
    // (still the same process, under the same client) joins it.
    // No extension page stays open to wake it: only the alarm can.
    for (const page of context.pages()) if (page.url().startsWith('chrome-extension://')) await page.close();
    const cdp = await context.newCDPSession(await context.newPage());
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const stopped = Date.now();
    // It did go down: the bridge went with the worker, and the relay says so.
    await expect.poll(works, { timeout: 10_000, intervals: [200] }).toBe(false);
    await expect.poll(works, { timeout: 45_000, intervals: [1000] }).toBe(true);
    expect(Date.now() - stopped).toBeLessThan(40_000);

    // The browser closes: a clear error. It reopens: the same client works again.
    await context.close();
    const down = await client.callTool({ name, arguments: { query: 'operator' } }).catch((e: Error) => e);
    expect(String(down instanceof Error ? down.message : JSON.stringify(down))).toMatch(
      /Switchboard is not running: open Chrome|disconnected/,
    );
    context = await launchWithExtension({
      nativeWebMcp: false,
      dist: DIST,
      profile: first.profile,
      env: { SWITCHBOARD_BRIDGE_DIR: first.socketDir },
    });
    const site = await context.newPage();
    await site.goto(url);
    await expect.poll(works, { timeout: 45_000, intervals: [1000] }).toBe(true);
    await client.close();
  } finally {
    await context.close();
    server.close();
  }
});

// The README's steps with a real Claude Code: its `claude mcp add` line, then a prompt that makes it call a
// granted site tool. Only the model is scripted (fake-anthropic.mjs). Claude Code is a 250 MB download, so
// this runs when CLAUDE_CODE_BIN names its binary (`npm i @anthropic-ai/claude-code` puts one under
// node_modules/@anthropic-ai/claude-code-<platform>/claude), and is skipped otherwise.
test('Claude Code, set up as the README says, calls a granted site tool', async () => {
  const claude = process.env.CLAUDE_CODE_BIN;
  test.skip(!claude, 'set CLAUDE_CODE_BIN to a Claude Code binary to run this');
  test.setTimeout(120_000);
  const { server, url } = await startStaticServer(0);
  const { context, socketDir } = await browserWithBridge();
  const model = await startFakeAnthropic({ toolSuffix: '__search_article', input: { query: 'patch cord' } });
  const env = {
    ...process.env,
    HOME: mkdtempSync(join(tmpdir(), 'sb-claude-home-')),
    SWITCHBOARD_BRIDGE_DIR: socketDir,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: 'sk-ant-scripted',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  const run = (args: string[]) =>
    new Promise<string>((done, fail) =>
      execFile(claude!, args, { env, cwd: ROOT, timeout: 90_000 }, (error, stdout, stderr) =>
        error ? fail(new Error(`${error.message}\n${stderr}`)) : done(stdout),
      ),
    );
  try {
    const site = await grantSearch(context, url);
    // The README's line, with its shell expansions done as the shell would.
    await run([
      'mcp',
      'add',
      '--scope',
      'user',
      'switchboard',
      '--',
      process.execPath,
      join(ROOT, 'bridge/relay.mjs'),
    ]);
    // Its health check is the first connection: Switchboard asks, the user allows.
    const checking = run(['mcp', 'list']);
    await answer(context, 'Allow', 'Claude Code wants to use Switchboard');
    expect(await checking).toMatch(/switchboard: .*Connected/);
    const answered = await run([
      '-p',
      'Search the article for patch cord',
      '--allowedTools',
      'mcp__switchboard',
    ]);
    expect(answered).toMatch(/The tool said: .*patch cord/);
    expect(await site.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toEqual([
      { name: 'search_article', input: { query: 'patch cord' } },
    ]);
  } finally {
    await context.close();
    await model.close();
    server.close();
  }
});
