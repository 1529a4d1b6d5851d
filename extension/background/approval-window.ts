import browser from 'webextension-polyfill';
import type { ConsentQueue } from '../../src/consent/consent-queue';
import type { Logger } from '../../src/shared/logger';

const PAGE = 'extension/approval/index.html';

/**
 * The user's side of the consent queue outside any page: the action badge counts what is pending, and a
 * small window opens when something starts waiting (the popup closes on any click elsewhere, so it cannot
 * be where approvals live). One window at a time; it closes itself when the queue is empty.
 */
export function showConsentQueue(queue: ConsentQueue, logger: Logger): { open(): Promise<void> } {
  let windowId: number | undefined;
  let opening: Promise<void> | undefined;
  let shown = 0;

  browser.windows.onRemoved.addListener((id) => {
    if (id === windowId) windowId = undefined;
  });

  const open = (): Promise<void> =>
    (opening ??= (async () => {
      if (windowId !== undefined) {
        await browser.windows.update(windowId, { focused: true });
        return;
      }
      const created = await browser.windows.create({
        url: browser.runtime.getURL(PAGE),
        type: 'popup',
        width: 520,
        height: 680,
        focused: true,
      });
      windowId = created.id;
    })()
      .catch((error) => {
        windowId = undefined;
        logger.warn('Could not open the approval window', error);
      })
      .finally(() => {
        opening = undefined;
      }));

  queue.events.on('changed', () => {
    const count = queue.size;
    browser.action
      .setBadgeText({ text: count > 0 ? String(count) : '' })
      .catch((e) => logger.debug('badge', e));
    // Open on growth only: answering one of three must not re-open a window the user just closed.
    if (count > shown && windowId === undefined) void open();
    shown = count;
  });
  browser.action.setBadgeBackgroundColor({ color: '#b3261e' }).catch((e) => logger.debug('badge color', e));

  return { open };
}
