import type { BrowserContext, FrameLocator, Page } from '@playwright/test';
import { type AppsServer, startAppsServer } from '../fixtures/apps-server';
import { startFakeLlm } from '../fixtures/fake-llm.mjs';
import { checkSurface } from './a11y';
import { approvalWindow, clickClosing } from './approvals';
import { expect, test } from './fixtures';
import { addServer, openServers } from './servers';
import { addScriptedModel, ask, openPanel } from './side-panel';

// dist-e2e pre-grants loopback, where the scripted model and the apps server run (see manifest.config.ts).
test.use({ extensionDist: 'dist-e2e' });
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'MCP Apps do not depend on WebMCP: run once');
});

let llm: Awaited<ReturnType<typeof startFakeLlm>>;
let apps: AppsServer;
test.beforeAll(async () => {
  llm = await startFakeLlm();
  apps = await startAppsServer();
});
test.afterAll(async () => {
  await llm?.close();
  await apps?.close();
});

const addModel = (context: BrowserContext, extId: string) => addScriptedModel(context, extId, llm.url);

type Body = { messages: { role: string; content: unknown }[]; tools?: { function: { name: string } }[] };

/** The app's own document: the sandbox page's frame, then the app's frame inside it. */
const appIn = (panel: Page): FrameLocator =>
  panel.frameLocator('iframe.app-frame-sandbox').frameLocator('iframe[title="MCP App"]');

/** The model calls show_forecast (the user allows it once), and the app shows inline with the call. */
async function showForecast(context: BrowserContext, panel: Page): Promise<FrameLocator> {
  await ask(panel, 'please use the tool show_forecast with city Paris');
  const approval = await approvalWindow(context);
  await expect(approval.locator('.approval')).toContainText(/Show the forecast/);
  await clickClosing(approval, 'Allow once');
  const app = appIn(panel);
  await expect(app.getByRole('heading', { name: 'Forecast for Paris' })).toBeVisible({ timeout: 15_000 });
  return app;
}

test('a tool with an MCP App shows the app in the conversation, sandboxed apart from the extension, with its result; its app-only tool is never offered to the model', async ({
  context,
  extId,
  siteTabId,
}) => {
  await addModel(context, extId);
  await addServer(await openServers(context, extId), apps.mcpUrl, 'Forecast', false);
  const panel = await openPanel(context, extId, siteTabId, 900);
  // MV3's CSP forbids eval in extension pages: the AppBridge and its schemas (zod, jitless) must not try,
  // nor anything in the sandbox page. (The app's own document, about:srcdoc, is the server's code.)
  const violations: string[] = [];
  panel.on('console', (m) => {
    const where = m.location().url;
    if (where.includes('/extension/') && /Content Security Policy|unsafe-eval|EvalError/i.test(m.text()))
      violations.push(`${where}: ${m.text()}`);
  });
  panel.on('pageerror', (e) => violations.push(e.message));
  await expect(panel.getByText('1 tool available')).toBeVisible();

  const before = llm.requests.length;
  const app = await showForecast(context, panel);
  // The app is inside the tool call's entry, and got the tool's result (structuredContent) from the host.
  const call = panel.locator('.tool-call').first();
  await expect(call.locator('iframe.app-frame-sandbox')).toHaveCount(1);
  await expect(call).toHaveAttribute('data-status', 'done');
  await expect(app.locator('#status')).toHaveText('Fri 14° showers, Sat 17° cloudy, Sun 19° sunny.');
  await expect(app.getByRole('list', { name: 'Days' }).getByRole('listitem')).toHaveCount(3);
  // Its frame grew to fit it (size-changed), rather than staying at the first height.
  await expect
    .poll(() => call.locator('iframe.app-frame-sandbox').evaluate((f) => f.getBoundingClientRect().height))
    .toBeGreaterThan(200);

  // An opaque origin, and no extension APIs: not the extension's origin.
  await expect(app.locator('#origin')).toHaveText('null');
  await expect(app.locator('#runtime')).toHaveText('none');
  // Its CSP: the declared domain is reachable, the same server under an undeclared name is not.
  await expect(app.locator('#declared')).toHaveText('No weather alerts.');
  await expect(app.locator('#undeclared')).toHaveText('blocked');

  // The model was offered show_forecast and never refresh_forecast (visibility: ["app"]).
  const offered = (llm.requests.slice(before) as Body[]).flatMap(
    (b) => b.tools?.map((t) => t.function.name) ?? [],
  );
  expect(offered.some((n) => n.endsWith('show_forecast'))).toBe(true);
  expect(offered.some((n) => n.includes('refresh_forecast'))).toBe(false);
  await expect(panel.getByRole('article', { name: /Assistant/ }).last()).toContainText(
    'Here is what I found:',
  );
  expect(violations).toEqual([]);
  // Accessible in both schemes, and the README's picture of an app in the panel (the app follows the theme).
  await checkSurface(panel, 'sidepanel-mcp-app');
});

test("an app's tool call goes through the host, with the user's approval, and its result reaches the app", async ({
  context,
  extId,
  siteTabId,
}) => {
  await addModel(context, extId);
  await addServer(await openServers(context, extId), apps.mcpUrl, 'Forecast', false);
  const panel = await openPanel(context, extId, siteTabId, 900);
  const app = await showForecast(context, panel);
  await expect(app.locator('#status')).toHaveText(/^Fri 14°/);

  await app.getByRole('button', { name: 'Refresh' }).click();
  const approval = await approvalWindow(context);
  // Asked as any call of the assistant's is: the server's tool, by the side panel's assistant.
  await expect(approval.locator('.approval')).toContainText('Refresh the forecast');
  await expect(approval.locator('.approval')).toContainText('Switchboard assistant');
  await clickClosing(approval, 'Allow once');
  await expect(app.locator('#status')).toHaveText(
    'Updated just now: Fri 15° showers, Sat 18° cloudy, Sun 20° sunny.',
  );

  // Denied, it does not run: the app reads the refusal.
  await app.getByRole('button', { name: 'Refresh' }).click();
  await clickClosing(await approvalWindow(context), 'Deny');
  await expect(app.locator('#status')).toHaveText(/denied/i);

  // In the audit log as the assistant's own calls are: the model's call, then the app's two.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#activity`);
  const rows = options.locator('table[aria-label="Audit log"] tbody tr[data-kind="call"]');
  await expect
    .poll(async () => {
      await options.getByRole('button', { name: 'Refresh' }).click();
      return rows.count();
    })
    .toBe(3);
  await expect(rows.filter({ hasText: 'refresh_forecast' })).toHaveCount(2);
  await expect(rows.first()).toContainText('Forecast');
});

test('an app asks before a link opens, its message waits in the message box, and it is told the dark theme', async ({
  context,
  extId,
  siteTabId,
}) => {
  await addModel(context, extId);
  await addServer(await openServers(context, extId), apps.mcpUrl, 'Forecast');
  const panel = await openPanel(context, extId, siteTabId, 900);
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.reload();
  await ask(panel, 'please use the tool show_forecast with city Paris');
  const app = appIn(panel);
  await expect(app.getByRole('heading', { name: 'Forecast for Paris' })).toBeVisible({ timeout: 15_000 });
  await expect(app.locator('#theme')).toHaveText('dark');

  // ui/open-link: nothing opens until the user says so; Cancel tells the app no.
  const pagesBefore = context.pages().length;
  await app.getByRole('button', { name: 'Full forecast' }).click();
  const ask1 = panel.getByRole('alertdialog', { name: 'Open a link?' });
  await expect(ask1).toContainText(`${apps.origin}/forecast/paris`);
  await expect.poll(() => context.pages().length).toBe(pagesBefore);
  await ask1.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.locator('#status')).toHaveText('The link was not opened.');
  await app.getByRole('button', { name: 'Full forecast' }).click();
  const opened = context.waitForEvent('page');
  await panel
    .getByRole('alertdialog', { name: 'Open a link?' })
    .getByRole('button', { name: 'Open link' })
    .click();
  const tab = await opened;
  await expect(tab).toHaveURL(`${apps.origin}/forecast/paris`);
  await expect(app.locator('#status')).toHaveText('Opened the full forecast.');

  // ui/message: the text is put in the message box; nothing is sent until the user sends it.
  const requests = llm.requests.length;
  await app.getByRole('button', { name: 'Ask about the weekend' }).click();
  await expect(panel.getByRole('textbox', { name: 'Message' })).toHaveValue(
    'What should I wear in Paris this weekend?',
  );
  expect(llm.requests.length).toBe(requests);

  // The panel turning light is passed on (host-context-changed).
  await panel.emulateMedia({ colorScheme: 'light' });
  await expect(app.locator('#theme')).toHaveText('light');
});
