import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import type { BrowserContext, Page } from '@playwright/test';
import { startStaticServer } from '../fixtures/static-server.mjs';
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

async function grantSearch(context: BrowserContext, siteUrl: string): Promise<Page> {
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
  await popup.getByRole('switch', { name: /search_article/ }).check();
  return site;
}

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
