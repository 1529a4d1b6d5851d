import { checkSurface } from './a11y';
import { answer, approvalWindow, clickClosing, pressClosing, showWhole } from './approvals';
import type { TestAssistant } from './assistant';
import { connectAssistant, restartWorker } from './assistant';
import { expect, test } from './fixtures';

type Calls = { __calls: { name: string; input: unknown }[] };
const calls = (site: import('@playwright/test').Page) =>
  site.evaluate(() => (window as unknown as Calls).__calls.map((c) => c.name));

async function toolName(assistant: TestAssistant, suffix: string): Promise<string> {
  let name: string | undefined;
  await expect
    .poll(
      async () =>
        (name = (await assistant.client.listTools()).tools.find((t) => t.name.endsWith(suffix))?.name),
    )
    .toBeTruthy();
  return name!;
}

/** Resolves with the call's result, or fails if it is still waiting (i.e. it asked) after `ms`. */
async function withoutAsking<T>(call: Promise<T>, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const asked = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the call waited for an approval it should not need')), ms);
  });
  return Promise.race([call, asked]).finally(() => clearTimeout(timer));
}

test('a consequential site tool asks first, in plain words; Escape denies: an error, and nothing runs in the page', async ({
  context,
  worker,
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  const name = await toolName(assistant, '__add_to_cart');
  const call = assistant.client.callTool({ name, arguments: { quantity: 3 } });

  const win = await approvalWindow(context);
  const host = `http://${new URL(site.url()).host}`;
  await expect(win.getByRole('heading', { level: 1 })).toHaveText(
    /e2e-assistant wants to run a tool on http:\/\/127\.0\.0\.1:\d+/,
  );
  // The summary: the tool's title (not its name), what kind of action, which assistant, which site.
  // The first focus is the safe choice.
  await expect(win.getByRole('button', { name: 'Deny', exact: true })).toBeFocused();
  const summary = win.getByRole('region', { name: 'Summary' });
  await expect(summary.locator('.tool-title')).toHaveText('Add to cart');
  await expect(summary).toContainText('Adds the vintage patch cord to the shopping cart.');
  await expect(summary).toContainText('Assistante2e-assistant');
  await expect(summary.locator('.pill')).toHaveText('Can change things');
  await expect(summary).toContainText(`Site${host}`);
  // The arguments as labelled values; no JSON in sight.
  const quantity = win.locator('.args-list .arg[data-key="quantity"]');
  await expect(quantity.locator('dt')).toHaveText('Quantity');
  await expect(quantity.locator('dd')).toHaveText('3');
  await expect(win.locator('.approval')).not.toContainText('{');
  // The tool's own name and its raw hints only under Details, folded.
  await expect(win.getByText('consequentialHint')).toBeHidden();
  await win.getByText('Details', { exact: true }).click();
  await expect(win.locator('.details-list')).toContainText('Tool nameadd_to_cart');
  await expect(win.locator('.details-list')).toContainText('consequentialHinttrue');
  await win.getByText('Details', { exact: true }).click();
  // Always allow says what it covers and where it is undone.
  const always = win.getByRole('button', { name: 'Always allow', exact: true });
  await expect(always).toHaveAccessibleDescription(
    // (The description joins the text and the Settings button with a space.)
    `Always allow lets e2e-assistant use “Add to cart” on the site ${host} without asking again. Only this tool, on this site, for this assistant. You can undo it in Settings › Approvals .`,
  );
  await expect(win.getByRole('button', { name: 'Allow for this session' })).toHaveCount(0);
  expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('1');
  await expect(popup.getByRole('region', { name: 'Waiting for your approval' })).toContainText(
    /wants to run “Add to cart” on 127\.0\.0\.1:\d+/,
  );
  expect(await calls(site)).toEqual([]); // nothing runs before approval

  if (test.info().project.name === 'polyfill') {
    await showWhole(win);
    await checkSurface(win, 'approval-tool'); // the README's (scripts/update-screenshots.mjs)
  }

  await expect(win.locator('.approval')).toHaveAttribute('data-escape', 'armed');
  await pressClosing(win, 'Escape');
  const result = await call;
  expect(result.isError).toBe(true);
  expect(JSON.stringify(result.content)).toMatch(/denied the call to \\"add_to_cart\\".*did not run/);
  expect(await calls(site)).toEqual([]);
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  await expect(popup.getByRole('region', { name: 'Waiting for your approval' })).toHaveCount(0);
});

test('with two calls waiting, Escape answers only the one shown; Settings › Approvals opens from the window', async ({
  context,
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  const name = await toolName(assistant, '__add_to_cart');
  const first = assistant.client.callTool({ name, arguments: { quantity: 1 } });
  const win = await approvalWindow(context);
  await expect(win.locator('.args-list .arg[data-key="quantity"] dd')).toHaveText('1');
  const second = assistant.client.callTool({ name, arguments: { quantity: 2 } });
  await expect(win.locator('.queue')).toContainText('1 of 2 waiting');
  const shown = await win.locator('.approval').getAttribute('data-id');

  await expect(win.locator('.approval')).toHaveAttribute('data-escape', 'armed');
  await win.keyboard.press('Escape');
  expect((await first).isError).toBe(true);
  // The second is shown now, with its own values, and still waits: one press answered one request.
  await expect(win.locator('.approval')).not.toHaveAttribute('data-id', shown ?? '');
  await expect(win.locator('.args-list .arg[data-key="quantity"] dd')).toHaveText('2');
  await expect(win.locator('.queue')).toContainText('Waiting for you');
  await expect(win.getByRole('button', { name: 'Deny', exact: true })).toBeFocused();

  const [settings] = await Promise.all([
    context.waitForEvent('page'),
    win.getByRole('button', { name: 'Settings › Approvals' }).click(),
  ]);
  await expect.poll(() => settings.url()).toMatch(/\/extension\/options\/index\.html#approvals$/);
  await settings.close();

  await clickClosing(win, 'Allow once');
  expect((await second).structuredContent).toEqual({ ok: true, itemsInCart: 2 });
  expect(await calls(site)).toEqual(['add_to_cart']);
});

test('Allow once asks again next time; Always allow stops asking, also after the worker restarts', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  const name = await toolName(assistant, '__add_to_cart');
  const cart = (quantity: number) => assistant.client.callTool({ name, arguments: { quantity } });

  const [once] = await Promise.all([cart(1), answer(context, 'Allow once', 'Quantity1')]);
  expect(once.structuredContent).toEqual({ ok: true, itemsInCart: 1 });
  const [always] = await Promise.all([cart(2), answer(context, 'Always allow', 'Quantity2')]);
  expect(always.structuredContent).toEqual({ ok: true, itemsInCart: 3 });
  const third = await withoutAsking(cart(1));
  expect(third.structuredContent).toEqual({ ok: true, itemsInCart: 4 });

  const again = await restartWorker(context, extId, assistant, popup);
  const after = await withoutAsking(
    again.client.callTool({ name: await toolName(again, '__add_to_cart'), arguments: { quantity: 1 } }),
  );
  expect(after.structuredContent).toEqual({ ok: true, itemsInCart: 5 });
  expect(await calls(site)).toEqual(['add_to_cart', 'add_to_cart', 'add_to_cart', 'add_to_cart']);
  await again.client.close();
});

test('an approval nobody answers times out with a clear error, and nothing runs', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  test.skip(test.info().project.name === 'native', 'the timeout does not depend on WebMCP: run once');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#advanced`);
  await options.getByLabel('Approval timeout (seconds)').fill('10');
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  const name = await toolName(assistant, '__add_to_cart');
  const started = Date.now();
  const call = assistant.client.callTool({ name, arguments: { quantity: 1 } });
  const win = await approvalWindow(context);
  await expect(win.getByText(/Times out in 0:(0\d|10)/)).toBeVisible();
  const result = await call;
  expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
  expect(result.isError).toBe(true);
  expect(JSON.stringify(result.content)).toMatch(/Nobody answered the approval within 10 s, so nothing ran/);
  expect(await calls(site)).toEqual([]);
});

test('settings list granted sites; blocking one hides its tools; export downloads and a bad import changes nothing', async ({
  context,
  extId,
  popup,
  assistant,
}) => {
  test.skip(test.info().project.name === 'native', 'settings do not depend on WebMCP: run once');
  await popup.getByRole('switch', { name: /search_article/ }).check();
  await toolName(assistant, '__search_article');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#sites`);
  const site = options.getByRole('list', { name: 'Sites' }).getByRole('listitem');
  await expect(site).toContainText(/http:\/\/127\.0\.0\.1:\d+/);
  await expect(site).toContainText('Tools: search_article');

  await site.getByRole('button', { name: /^Block this site: http/ }).click();
  await expect(site).toContainText('Blocked');
  await expect.poll(async () => (await assistant.client.listTools()).tools).toEqual([]);
  await popup.reload();
  await expect(popup.getByRole('note')).toContainText('You blocked this site');
  await site.getByRole('button', { name: /^Unblock http/ }).click();
  await expect.poll(async () => (await assistant.client.listTools()).tools.length).toBe(1);

  const section = (name: string) =>
    options.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name }).click();
  await section('Advanced');
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export settings' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^switchboard-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(
    await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8'),
  );
  expect(exported).toMatchObject({ format: 'switchboard-settings', version: 1 });
  expect(exported.grants).toEqual([expect.objectContaining({ target: 'tool:search_article' })]);

  await options.getByLabel('Import settings…').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        ...exported,
        grants: [{ origin: 'javascript:alert(1)', target: 'page', grantedAt: 1 }],
      }),
    ),
  });
  await expect(options.getByRole('alert')).toContainText('grants[0].origin');
  await section('Sites');
  await expect(site).toContainText('Tools: search_article'); // nothing changed
  expect((await assistant.client.listTools()).tools.length).toBe(1);

  // The activity log shows the grant and the block, newest first.
  await section('Activity');
  await options.getByRole('button', { name: 'Refresh' }).click();
  const kinds = await options
    .locator('table[aria-label="Audit log"] tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
  expect(kinds).toEqual(['unblock', 'block', 'grant']);
});

test('after an assistant reads a shared page, a tool it always allows asks again, with the reason; another assistant is not asked', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  await popup.getByRole('switch', { name: /page content/i }).check();
  const otherPage = await context.newPage();
  await otherPage.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=0`);
  const other = await connectAssistant(otherPage, 'e2e-other-assistant');
  const name = await toolName(assistant, '__add_to_cart');
  await toolName(other, '__add_to_cart');
  const buy = (who: TestAssistant) => who.client.callTool({ name, arguments: { quantity: 1 } });

  // Each assistant chooses Always allow once; after that, neither is asked.
  for (const who of [assistant, other]) {
    const call = buy(who);
    await answer(context, 'Always allow', /add_to_cart|Add to cart/);
    expect((await call).isError).toBeFalsy();
  }
  expect((await withoutAsking(buy(assistant))).isError).toBeFalsy();

  // The first reads the page: its content could be steering it.
  const page = (await assistant.client.listResources()).resources.find((r) => r.uri.endsWith('/content'))!;
  await assistant.client.readResource({ uri: page.uri });
  const asked = buy(assistant);
  const window = await approvalWindow(context);
  const host = new URL(site.url()).host;
  await expect(window.locator('.reason.tainted')).toContainText(
    `This assistant just read content from ${host}, which could be steering it.`,
  );
  // Only Allow once or Deny: a standing answer would not count while the session is tainted.
  await expect(window.getByRole('button', { name: 'Always allow', exact: true })).toHaveCount(0);
  await expect(window.getByRole('button', { name: 'Allow once', exact: true })).toBeVisible();
  await clickClosing(window, 'Allow once');
  expect((await asked).isError).toBeFalsy();

  // The other assistant read nothing: its Always allow holds.
  expect((await withoutAsking(buy(other))).isError).toBeFalsy();
  expect(await calls(site)).toEqual(Array(5).fill('add_to_cart'));
  await other.client.close();
});
