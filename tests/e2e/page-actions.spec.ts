import type { BrowserContext, Page, Worker } from '@playwright/test';
import { siteKey } from '../../src/messages/names';
import { PAGE_ACTION_NAMES } from '../../src/messages/page-actions';
import { answer } from './approvals';
import type { TestAssistant } from './assistant';
import { expect, test } from './fixtures';

// Page actions on an ordinary shop that declares no WebMCP tools (tests/fixtures/site/garden/): the
// assistant reads the page's outline, clicks, types, chooses and submits as a person would, through
// real DOM events in real Chromium, under the "Let assistants act on this site" grant and its approvals.

type Call = ReturnType<TestAssistant['client']['callTool']>;
const text = async (call: Call) =>
  ((await call).content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');

async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error('no active tab');
  return id;
}

/** Opens the popup for `page`'s tab and turns on "Let assistants act on this site" (which shares the page too). */
async function letAssistantsAct(context: BrowserContext, extId: string, worker: Worker, page: Page) {
  const tabId = await tabIdOf(worker, page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=${tabId}`);
  const act = popup.getByRole('switch', { name: 'Let assistants act on this site' });
  await act.check();
  await expect(popup.getByRole('switch', { name: /Share page content/ })).toBeChecked();
  return { popup, tabId };
}

/** The catalog name of a page action on `page`'s site, once the assistant sees it. */
async function actionName(assistant: TestAssistant, page: Page, action: string): Promise<string> {
  const name = `${siteKey(new URL(page.url()).origin)}__${action}`;
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name), {
      message: `${name} should be offered`,
    })
    .toContain(name);
  return name;
}

/** What the overlay says, as assistive technology reads it (its shadow root is closed). */
async function overlayWords(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { name?: { value?: string }; role?: { value?: string } }[];
  };
  await cdp.detach();
  return nodes.map((n) => n.name?.value ?? '').join('\n');
}

async function stopButtonCentre(page: Page): Promise<{ x: number; y: number }> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { name?: { value?: string }; role?: { value?: string }; backendDOMNodeId?: number }[];
  };
  const stop = nodes.find((n) => n.role?.value === 'button' && n.name?.value === 'Stop');
  if (!stop?.backendDOMNodeId) throw new Error('no Stop button in the accessibility tree');
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: stop.backendDOMNodeId })) as {
    model: { content: number[] };
  };
  await cdp.detach();
  const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

const refOf = (outline: string, line: RegExp): string => {
  const match = outline.split('\n').find((l) => line.test(l));
  const ref = match?.match(/\[ref=(e\d+)\]/)?.[1];
  if (!ref) throw new Error(`no ref for ${line} in:\n${outline.slice(0, 2000)}`);
  return ref;
};

test('snapshot, click, fill and submit a form, choose an option: the page changes as the results say', async ({
  context,
  extId,
  worker,
  siteUrl,
  assistant,
}) => {
  const shop = await context.newPage();
  await shop.goto(`${siteUrl}/garden/`);
  await letAssistantsAct(context, extId, worker, shop);
  const snapshot = await actionName(assistant, shop, 'page_snapshot');
  const click = await actionName(assistant, shop, 'click');

  // Reading runs without asking.
  const outline = await text(assistant.client.callTool({ name: snapshot, arguments: {} }));
  expect(outline).toContain('Seedlings this week');
  const add = refOf(outline, /button "Add to basket"/);

  // Acting asks, in the approval window, and runs only once the person allows it.
  const clicked = text(assistant.client.callTool({ name: click, arguments: { ref: add } }));
  await answer(context, 'Allow once', /click/i);
  const result = await clicked;
  expect(result).toMatch(/Clicked button "Add to basket"/);
  expect(result).toContain("1 item in your basket (last: Tomato 'Sungold')");
  await expect(shop.locator('#cart-status')).toHaveText("1 item in your basket (last: Tomato 'Sungold').");

  // The checkout form: type, choose, submit.
  await shop.goto(`${siteUrl}/garden/checkout.html`);
  const type = await actionName(assistant, shop, 'type');
  const select = await actionName(assistant, shop, 'select');
  let form = '';
  await expect
    .poll(async () => (form = await text(assistant.client.callTool({ name: snapshot, arguments: {} }))))
    .toContain('Checkout');
  const name = refOf(form, /"Full name"/);
  const email = refOf(form, /"Email"/);
  const delivery = refOf(form, /"Delivery"/);

  const typed = text(
    assistant.client.callTool({ name: type, arguments: { ref: name, text: 'Ada Lovelace' } }),
  );
  await answer(context, 'Allow once');
  expect(await typed).toMatch(/Full name/);
  await expect(shop.locator('#name')).toHaveValue('Ada Lovelace');

  const chosen = text(
    assistant.client.callTool({ name: select, arguments: { ref: delivery, values: ['Express (next day)'] } }),
  );
  await answer(context, 'Allow once');
  expect(await chosen).toMatch(/Express/);
  await expect(shop.locator('#delivery')).toHaveValue('express');

  const submitted = text(
    assistant.client.callTool({
      name: type,
      arguments: { ref: email, text: 'ada@example.org', submit: true },
    }),
  );
  await answer(context, 'Allow once');
  const confirmation = 'Thank you, Ada Lovelace! Your order is placed: Express (next day).';
  expect(await submitted).toContain(confirmation);
  await expect(shop.locator('#confirmation')).toHaveText(confirmation);

  // The audit log has each action with its tab and element, never what was typed.
  const entries = await worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('switchboard');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<unknown[]>((resolve) => {
      const req = db.transaction('audit').objectStore('audit').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    return JSON.stringify(rows);
  });
  expect(entries).toContain('textbox \\"Full name\\"');
  expect(entries).toMatch(/"tab":\d+/);
  expect(entries).not.toContain('Ada Lovelace');
  expect(entries).not.toContain('ada@example.org');
});

test('password and card fields are refused without asking, and a denied action changes nothing', async ({
  context,
  extId,
  worker,
  siteUrl,
  assistant,
}) => {
  test.skip(test.info().project.name === 'native', 'page actions do not depend on WebMCP: run once');
  const shop = await context.newPage();
  await shop.goto(`${siteUrl}/garden/checkout.html`);
  await letAssistantsAct(context, extId, worker, shop);
  const snapshot = await actionName(assistant, shop, 'page_snapshot');
  const type = await actionName(assistant, shop, 'type');
  const outline = await text(assistant.client.callTool({ name: snapshot, arguments: {} }));

  for (const [field, selector] of [
    [/password/i, '#password'],
    [/"Card number"/, '#card'],
  ] as const) {
    // Refused before the person is asked: no approval window opens for it.
    const result = await assistant.client.callTool({
      name: type,
      arguments: { ref: refOf(outline, field), text: '4242 4242 4242 4242' },
    });
    expect(result.isError).toBe(true);
    expect(await text(Promise.resolve(result))).toMatch(/never types into password or payment-card fields/);
    await expect(shop.locator(selector)).toHaveValue('');
  }
  expect(context.pages().filter((p) => p.url().includes('/extension/approval/'))).toEqual([]);

  // A screenshot needs activeTab, which only the person's click on the toolbar icon (or the assistant's
  // shortcut) gives; headless Chromium has neither, so this is the refusal a user would read then.
  const screenshot = await actionName(assistant, shop, 'screenshot');
  // The popup is the tab shown now: only a shown tab can be captured, and the assistant is told so.
  const hidden = await assistant.client.callTool({ name: screenshot, arguments: {} });
  expect(await text(Promise.resolve(hidden))).toMatch(/not the one shown in its window.*tab_activate/);
  await shop.bringToFront();
  const shot = await assistant.client.callTool({ name: screenshot, arguments: {} });
  expect(shot.isError).toBe(true);
  expect(await text(Promise.resolve(shot))).toMatch(/only after the person clicks the Switchboard icon/);

  const denied = assistant.client.callTool({
    name: type,
    arguments: { ref: refOf(outline, /"Full name"/), text: 'Mallory' },
  });
  await answer(context, 'Deny');
  const refusal = await denied;
  expect(refusal.isError).toBe(true);
  expect(await text(Promise.resolve(refusal))).toMatch(/denied the call to "type".*It did not run/);
  await expect(shop.locator('#name')).toHaveValue('');
});

test('an ungranted site refuses every action; another site’s tab cannot be reached through a granted one', async ({
  context,
  extId,
  worker,
  siteUrl,
  assistant,
}) => {
  test.skip(test.info().project.name === 'native', 'page actions do not depend on WebMCP: run once');
  const granted = await context.newPage();
  await granted.goto(`${siteUrl}/garden/`);
  await letAssistantsAct(context, extId, worker, granted);
  const grantedClick = await actionName(assistant, granted, 'click');

  // The same server under another origin: nothing granted there.
  const other = await context.newPage();
  await other.goto(`${siteUrl.replace('127.0.0.1', 'localhost')}/garden/`);
  const otherTab = await tabIdOf(worker, other);
  // The person looks at the popup there and grants nothing: the tab is connected, its site shares nothing.
  const otherPopup = await context.newPage();
  await otherPopup.goto(`chrome-extension://${extId}/extension/popup/index.html?tab=${otherTab}`);
  await expect(otherPopup.getByRole('switch', { name: 'Let assistants act on this site' })).not.toBeChecked();
  const otherKey = siteKey(new URL(other.url()).origin);
  const tools = (await assistant.client.listTools()).tools.map((t) => t.name);
  expect(tools.filter((t) => t.startsWith(`${otherKey}__`))).toEqual([]);
  for (const action of PAGE_ACTION_NAMES) {
    await expect(
      assistant.client.callTool({
        name: `${otherKey}__${action}`,
        arguments: { ref: 'e1', text: 'x', key: 'a', values: ['a'] },
      }),
    ).rejects.toThrow(/not granted/);
  }
  await expect(
    assistant.client.callTool({ name: grantedClick, arguments: { ref: 'e1', tabId: otherTab } }),
  ).rejects.toThrow(/shows http:\/\/localhost/);
  await expect(other.locator('#cart-status')).toHaveText('Your basket is empty.');
});

test('while an assistant acts, the page says so; its Stop cancels the action and pauses actions on the site', async ({
  context,
  extId,
  worker,
  siteUrl,
  assistant,
}) => {
  test.skip(test.info().project.name === 'native', 'page actions do not depend on WebMCP: run once');
  const shop = await context.newPage();
  await shop.goto(`${siteUrl}/garden/`);
  const { popup } = await letAssistantsAct(context, extId, worker, shop);
  const waitFor = await actionName(assistant, shop, 'wait_for');

  // Waiting for something that never comes: long enough to press Stop.
  const waiting = assistant.client.callTool({
    name: waitFor,
    arguments: { text: 'Sold out', timeout: 25_000 },
  });
  await shop.bringToFront();
  const overlay = shop.locator('[data-switchboard-overlay]');
  await expect(overlay).toBeVisible();
  await expect.poll(() => overlayWords(shop)).toContain('e2e-assistant is acting on this page');
  await expect(popup.getByText('e2e-assistant is acting on this tab now')).toBeVisible();
  await shop.screenshot({ path: 'screenshots/page-acting-overlay.png' });
  // A real, trusted click on the overlay's Stop button, found through the accessibility tree (its shadow
  // root is closed, so neither the page nor a locator can reach into it).
  const stop = await stopButtonCentre(shop);
  await shop.mouse.click(stop.x, stop.y);

  const result = await waiting;
  expect(result.isError).toBe(true);
  expect(await text(Promise.resolve(result))).toMatch(/pressed Stop on the page/);
  await expect(overlay).toBeHidden();
  // Paused for the session: nothing of the site's actions is offered, and the popup says why.
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.filter((t) => t.name.endsWith('__wait_for')))
    .toEqual([]);
  await expect(popup.getByText(/Stopped from the page/)).toBeVisible();
  await expect(popup.getByRole('switch', { name: 'Let assistants act on this site' })).not.toBeChecked();
});

test('tabs: list, open, switch, navigate and close, and act on one of two tabs of one site by its id', async ({
  context,
  extId,
  worker,
  siteUrl,
  assistant,
}) => {
  test.skip(test.info().project.name === 'native', 'the tabs tools do not depend on WebMCP: run once');
  const first = await context.newPage();
  await first.goto(`${siteUrl}/garden/`);
  const second = await context.newPage();
  await second.goto(`${siteUrl}/garden/`);
  const { tabId: firstId } = await letAssistantsAct(context, extId, worker, first);
  const secondId = await tabIdOf(worker, second);

  // Off until the person turns it on in Settings, like every grant.
  const tabsList = 'browser_srv__tabs_list';
  expect((await assistant.client.listTools()).tools.map((t) => t.name)).not.toContain(tabsList);
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extId}/extension/options/index.html#sites`);
  await settings.getByRole('switch', { name: 'Let assistants see and manage tabs' }).check();
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name))
    .toContain(tabsList);

  // The list names the two tabs of the granted site, reads without asking, and only counts the others.
  const listed = async () => {
    const result = await assistant.client.callTool({ name: tabsList, arguments: {} });
    return result.structuredContent as { tabs: { id: number; url: string; title: string }[]; hidden: number };
  };
  await expect
    .poll(async () => (await listed()).tabs.map((t) => t.id).sort())
    .toEqual([firstId, secondId].sort());
  const listing = await listed();
  expect(listing.tabs.every((t) => t.title === 'Seedlings · Fern & Folly')).toBe(true);
  expect(listing.hidden).toBeGreaterThan(0); // the popup, Settings and the assistant's own page

  // Per-tab targeting: a click in the first tab changes the first tab only.
  const snapshot = await actionName(assistant, first, 'page_snapshot');
  const click = await actionName(assistant, first, 'click');
  const outline = await text(assistant.client.callTool({ name: snapshot, arguments: { tabId: firstId } }));
  const clicked = text(
    assistant.client.callTool({
      name: click,
      arguments: { tabId: firstId, ref: refOf(outline, /"Add to basket"/) },
    }),
  );
  await answer(context, 'Allow once');
  expect(await clicked).toContain(`(tab ${firstId})`);
  await expect(first.locator('#cart-status')).toContainText('1 item');
  await expect(second.locator('#cart-status')).toHaveText('Your basket is empty.');

  // Switching asks, then the second tab is the one shown.
  const activated = text(
    assistant.client.callTool({ name: 'browser_srv__tab_activate', arguments: { tabId: secondId } }),
  );
  await answer(context, 'Allow once', /tab/i);
  expect(await activated).toContain(`${secondId}`);
  await expect
    .poll(() => worker.evaluate(async (id) => (await chrome.tabs.get(id)).active, secondId))
    .toBe(true);

  // Navigating asks; the page there is the site's, so the assistant has it at once.
  const navigated = text(
    assistant.client.callTool({
      name: 'browser_srv__tab_navigate',
      arguments: { tabId: firstId, url: `${siteUrl}/garden/checkout.html` },
    }),
  );
  await answer(context, 'Allow once');
  expect(await navigated).toContain(`Its page and tools are available as tab ${firstId}`);
  await expect(first).toHaveURL(/checkout\.html$/);

  // Opening another site's page: the assistant is told it has nothing there, and it is not listed.
  const elsewhere = `${siteUrl.replace('127.0.0.1', 'localhost')}/garden/`;
  const opened = text(
    assistant.client.callTool({ name: 'browser_srv__tab_open', arguments: { url: elsewhere } }),
  );
  await answer(context, 'Allow once');
  const openedText = await opened;
  expect(openedText).toMatch(/shows you nothing of localhost/);
  const newId = Number(/tab (\d+)/.exec(openedText)?.[1]);
  expect((await listed()).tabs.map((t) => t.id)).not.toContain(newId);
  const closeHidden = await assistant.client.callTool({
    name: 'browser_srv__tab_close',
    arguments: { tabId: newId },
  });
  expect(closeHidden.isError).toBe(true);
  expect(await text(Promise.resolve(closeHidden))).toMatch(/not one Switchboard shows you/);

  // Closing asks, and the tab goes.
  const closed = text(
    assistant.client.callTool({ name: 'browser_srv__tab_close', arguments: { tabId: secondId } }),
  );
  await answer(context, 'Allow once');
  expect(await closed).toContain(`${secondId}`);
  await expect.poll(() => second.isClosed()).toBe(true);
  await expect.poll(async () => (await listed()).tabs.map((t) => t.id)).toEqual([firstId]);

  // Only http(s).
  const refused = await assistant.client.callTool({
    name: 'browser_srv__tab_open',
    arguments: { url: 'chrome://settings' },
  });
  expect(refused.isError).toBe(true);
});
