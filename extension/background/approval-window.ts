import browser from 'webextension-polyfill';
import type { ConsentQueue } from '../../src/consent/consent-queue';
import type { Logger } from '../../src/shared/logger';

const PAGE = 'extension/approval/index.html';
/** An empty queue closes the window after this long, so a request that follows at once reuses it. */
const CLOSE_AFTER_MS = 800;

export interface ConsentWindow {
  /** Opens the approval window, or focuses it. */
  open(): Promise<void>;
  /** Which window shows the queue now (its `?w=` token); a window with another token is closing. */
  current(): number | undefined;
}

/**
 * The user's side of the consent queue outside any page: the action badge counts what is pending, and a
 * small window opens when something starts waiting (the popup closes on any click elsewhere, so it cannot
 * be where approvals live). One window at a time, closed by the worker once the queue is empty.
 */
export function showConsentQueue(queue: ConsentQueue, logger: Logger): ConsentWindow {
  let windowId: number | undefined;
  let token: number | undefined;
  let tokens = 0;
  let opening: Promise<void> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  let shown = 0;

  browser.windows.onRemoved.addListener((id) => {
    if (id !== windowId) return;
    windowId = undefined;
    token = undefined;
  });

  const open = (): Promise<void> => {
    clearTimeout(closeTimer);
    if (opening) return opening;
    if (token === undefined) token = ++tokens; // synchronously, so pushes in this same event carry it
    const mine = token;
    opening = (async () => {
      if (windowId !== undefined) {
        await browser.windows.update(windowId, { focused: true });
        return;
      }
      const created = await browser.windows.create({
        url: browser.runtime.getURL(`${PAGE}?w=${mine}`),
        type: 'popup',
        width: 520,
        height: 680,
        focused: true,
      });
      if (token === mine) windowId = created.id;
      else if (created.id !== undefined) await browser.windows.remove(created.id); // closed meanwhile
    })()
      .catch((error) => {
        if (token === mine) token = undefined;
        logger.warn('Could not open the approval window', error);
      })
      .finally(() => {
        opening = undefined;
      });
    return opening;
  };

  const close = () => {
    const id = windowId;
    windowId = undefined;
    token = undefined;
    if (id !== undefined) browser.windows.remove(id).catch((e) => logger.debug('approval window gone', e));
  };

  queue.events.on('changed', () => {
    const count = queue.size;
    browser.action
      .setBadgeText({ text: count > 0 ? String(count) : '' })
      .catch((e) => logger.debug('badge', e));
    if (count > 0) clearTimeout(closeTimer);
    // Open on growth only: answering one of three must not re-open a window the user just closed.
    if (count > shown && token === undefined) void open();
    // A call waiting for the user to submit a form keeps an open window up: it says what to do next.
    if (count === 0 && queue.waiting().length === 0 && token !== undefined)
      closeTimer = setTimeout(close, CLOSE_AFTER_MS);
    shown = count;
  });
  browser.action.setBadgeBackgroundColor({ color: '#b3261e' }).catch((e) => logger.debug('badge color', e));

  return { open, current: () => token };
}
