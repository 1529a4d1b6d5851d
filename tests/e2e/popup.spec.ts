import type { Page, Worker } from '@playwright/test';
import { checkSurface } from './a11y';
import { approvalWindow, clickClosing } from './approvals';
import { listedToolName } from './assistant';
import { expect, test } from './fixtures';

// The toolbar popup as a new user meets it: the site, who gets what, a real switch per grant, when each
// tool asks, and the toolbar icon that says a site offers tools.

/**
 * axe and screenshots once, in the polyfill project: the popup draws the same whatever implements WebMCP
 * (and a full-page screenshot in the native project hung under load: pass it where it adds nothing).
 */
const surface = (popup: Page, name: string) =>
  test.info().project.name === 'polyfill' ? checkSurface(popup, name) : Promise.resolve();

const row = (popup: Page, tool: string) =>
  popup.getByRole('listitem').filter({ has: popup.getByRole('switch', { name: new RegExp(tool) }) });

const toolbar = (worker: Worker, tabId: number) =>
  worker.evaluate(
    async (id) => ({
      title: await chrome.action.getTitle({ tabId: id }),
      badge: await chrome.action.getBadgeText({ tabId: id }),
    }),
    tabId,
  );

test('the popup names the site, says who gets what, and has a switch per tool with when it asks', async ({
  popup,
  assistant,
}) => {
  await expect(popup.getByRole('heading', { level: 1 })).toHaveText(/^127\.0\.0\.1:\d+$/);
  await expect(popup.getByRole('status')).toHaveText(/Connected/);
  await expect(
    popup.getByText(
      /shared with every assistant you use with Switchboard, on every page of 127\.0\.0\.1:\d+, until you switch it off/,
    ),
  ).toBeVisible();

  // Title first, the tool id beside it; plain-language tags and when it asks, from the approval policy.
  const search = popup.getByRole('switch', { name: /Search this article.*search_article/ });
  await expect(search).not.toBeChecked();
  await expect(row(popup, 'search_article')).toContainText('Reads only');
  await expect(row(popup, 'search_article')).toContainText('When on: runs without asking');
  await expect(row(popup, 'add_to_cart')).toContainText('Can change things');
  await expect(row(popup, 'add_to_cart')).toContainText(
    'When on: asks every time, unless you choose Always allow',
  );
  await expect(row(popup, 'read_comments')).toContainText('Content from others');
  // No title: the name made readable; no hints: it asks on first use.
  await expect(popup.getByRole('switch', { name: /^Broken tool broken_tool$/ })).toBeVisible();
  await expect(row(popup, 'broken_tool')).toContainText('asks the first time each assistant uses it');
  await expect(popup.getByText('Allow Search')).toHaveCount(0);

  // A tool whose schema cannot be used cannot be switched on, and says why.
  const bad = popup.getByRole('switch', { name: /bad_schema/ });
  await expect(bad).toBeDisabled();
  await expect(row(popup, 'bad_schema')).toContainText('Cannot be used:');

  // Real switches: on reaches the assistant, off takes it away.
  await search.check();
  await expect(search).toBeChecked();
  await listedToolName(assistant, 'search_article');
  const page = popup.getByRole('switch', { name: 'Share page content' });
  await page.check();
  await expect.poll(async () => (await assistant.client.listResources()).resources.length).toBeGreaterThan(0);
  await surface(popup, 'popup-site-tools');
  await page.uncheck();
  await expect.poll(async () => (await assistant.client.listResources()).resources.length).toBe(0);
  await search.uncheck();
  await expect.poll(async () => (await assistant.client.listTools()).tools.length).toBe(0);
});

test('"Allow all read-only tools" switches on the read-only ones in one action, and nothing else', async ({
  popup,
  assistant,
}) => {
  const allow = popup.getByRole('button', { name: 'Allow all read-only tools' });
  await allow.click();
  await expect(popup.getByRole('switch', { name: /search_article/ })).toBeChecked();
  await expect(popup.getByRole('switch', { name: /read_comments/ })).toBeChecked();
  await expect(popup.getByRole('switch', { name: /add_to_cart/ })).not.toBeChecked();
  await expect(popup.getByRole('switch', { name: /broken_tool/ })).not.toBeChecked();
  await expect(allow).toHaveCount(0); // nothing left to allow
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name.split('__')[1]).sort())
    .toEqual(['read_comments', 'search_article']);
});

test('the toolbar icon counts a WebMCP page’s tools before anyone opens the popup or an assistant', async ({
  worker,
  siteTabId,
}) => {
  // The page only counted its tools for the worker (its in-page server waits to be used): the title says so.
  await expect
    .poll(async () => (await toolbar(worker, siteTabId)).title)
    .toMatch(/^Switchboard: 127\.0\.0\.1:\d+ offers 5 tools$/);
});

test('the toolbar icon says the site offers tools, per tab, beside the approval count', async ({
  context,
  worker,
  siteUrl,
  siteTabId,
  popup,
  assistant,
}) => {
  await expect(popup.getByRole('switch', { name: /search_article/ })).toBeVisible();
  await expect
    .poll(async () => (await toolbar(worker, siteTabId)).title)
    .toMatch(/^Switchboard: 127\.0\.0\.1:\d+ offers 5 tools$/);
  await popup.getByRole('switch', { name: /add_to_cart/ }).check();
  await expect
    .poll(async () => (await toolbar(worker, siteTabId)).title)
    .toMatch(/offers 5 tools, 1 switched on$/);
  // A page with no tools keeps the plain icon and title.
  const blank = await context.newPage();
  await blank.goto(new URL('/blank.html', siteUrl).href);
  await blank.bringToFront();
  const blankId = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  expect((await toolbar(worker, blankId!)).title).toBe('Switchboard');

  // Something waiting for approval is the badge count, and the site's title stays.
  const name = await listedToolName(assistant, 'add_to_cart');
  const call = assistant.client.callTool({ name, arguments: { quantity: 1 } }).catch(() => undefined);
  const win = await approvalWindow(context);
  await expect.poll(async () => (await toolbar(worker, siteTabId)).badge).toBe('1');
  expect((await toolbar(worker, siteTabId)).title).toMatch(/offers 5 tools/);
  await expect(popup.getByRole('region', { name: 'Waiting for your approval' })).toContainText(
    /wants to run “Add to cart” on 127\.0\.0\.1:\d+/,
  );
  await surface(popup, 'popup-pending-approval');
  await clickClosing(win, 'Deny');
  await call;
});

test.describe('on a page it cannot work on', () => {
  // dist-e2e may read 127.0.0.1 tabs' URLs (host permission), as the shipped build may read the URL of the
  // tab whose toolbar icon the user clicked (activeTab): the worker's URL check is what both rely on.
  test.use({ extensionDist: 'dist-e2e' });

  test('a PDF says so at once, without "Connecting…"', async ({ context, extId, worker, siteUrl }) => {
    const pdf = await context.newPage();
    await pdf.goto(new URL('/report.pdf', siteUrl).href);
    await pdf.bringToFront();
    const tabId = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id;
    });
    const popup = await context.newPage();
    // Record every state the popup shows from its first render on.
    await popup.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => seen.push(document.body?.innerText ?? '')).observe(document, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await popup.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=${tabId}`);
    // At once: well under the seconds the content script's retries would take (8 × 400 ms).
    await expect(popup.getByRole('heading', { name: "Switchboard can't work on this page" })).toBeVisible({
      timeout: 1000,
    });
    await expect(popup.getByText("PDF files open in Chrome's own viewer")).toBeVisible();
    const seen = await popup.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen.filter((text) => text.includes('Connecting'))).toEqual([]);
    await surface(popup, 'popup-unsupported-page');
  });
});

test('a blocked site says so and offers the way to unblock it', async ({ popup }) => {
  await expect(popup.getByRole('switch', { name: /search_article/ })).toBeVisible();
  const origin = await popup.evaluate(() => document.querySelector('h1')?.textContent ?? '');
  await popup.evaluate(
    (host) =>
      new Promise<void>((resolve) => {
        const port = chrome.runtime.connect({ name: 'ui' });
        port.postMessage({ type: 'ui→worker:site', payload: { origin: `http://${host}`, action: 'block' } });
        setTimeout(resolve, 300);
      }),
    origin,
  );
  await expect(popup.getByRole('note')).toContainText('You blocked this site');
  await expect(popup.getByRole('switch')).toHaveCount(0);
  await expect(popup.getByRole('button', { name: 'Manage blocked sites' })).toBeVisible();
  await surface(popup, 'popup-blocked-site');
});

test("a frame's tools have their own section and switches, granted to the frame's site", async ({
  site,
  popup,
  assistant,
}) => {
  await site.goto(new URL('/embeds/index.html', site.url()).href);
  await expect(site.frameLocator('#weather').locator('body')).toContainText('light rain');
  await popup.reload();
  const section = popup.getByRole('region', { name: /Tools of localhost:\d+, embedded in this page/ });
  const forecast = section.getByRole('switch', { name: /local_forecast/ });
  await expect(forecast).toBeVisible({ timeout: 15_000 });
  await expect(section).toContainText(/Switched on for localhost:\d+ itself/);
  await forecast.check();
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name))
    .toEqual([expect.stringMatching(/^localhost.*__local_forecast$/)]);
  await surface(popup, 'popup-frame-tools');
  await forecast.uncheck();
  await expect.poll(async () => (await assistant.client.listTools()).tools).toEqual([]);
});
