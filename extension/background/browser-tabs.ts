import browser from 'webextension-polyfill';
import type { LoadOutcome, PlatformTab, TabsPlatform } from '../../src/host/tabs-platform';

/**
 * The built-in browser server's TabsPlatform over browser.tabs and browser.windows. None of it needs the
 * "tabs" permission: ids, windows, `active` and `status` are there without it (URLs and titles are not),
 * and creating, moving, showing and closing tabs needs no permission at all.
 */
export function browserTabsPlatform(): TabsPlatform {
  return {
    async all(): Promise<PlatformTab[]> {
      const tabs = await browser.tabs.query({});
      return tabs.flatMap((t) =>
        t.id === undefined || t.id === browser.tabs.TAB_ID_NONE
          ? []
          : [{ id: t.id, windowId: t.windowId ?? -1, active: t.active }],
      );
    },
    async create(url) {
      const tab = await browser.tabs.create({ url });
      if (tab.id === undefined) throw new Error('The browser opened the tab but gave it no id.');
      return { id: tab.id, windowId: tab.windowId ?? -1 };
    },
    async update(tabId, change) {
      await browser.tabs.update(tabId, change);
    },
    async focusWindow(windowId) {
      await browser.windows.update(windowId, { focused: true });
    },
    async remove(tabId) {
      await browser.tabs.remove(tabId);
    },
    loaded,
  };
}

/**
 * Listens first, then looks: a page that finished before the listener was added is seen by the look.
 * It is called after tabs.create/tabs.update resolved, by which time Chrome has started the navigation and
 * the tab's status is 'loading', so a 'complete' seen here is the new page's, not the one it replaced.
 */
function loaded(tabId: number, signal: AbortSignal): Promise<LoadOutcome> {
  return new Promise<LoadOutcome>((resolve) => {
    const onUpdated = (id: number, change: browser.Tabs.OnUpdatedChangeInfoType) => {
      if (id === tabId && change.status === 'complete') finish('complete');
    };
    const onRemoved = (id: number) => {
      if (id === tabId) finish('closed');
    };
    const onAbort = () => finish('stopped');
    function finish(outcome: LoadOutcome): void {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    }
    if (signal.aborted) return resolve('stopped');
    // No filter argument: Chrome's onUpdated takes none (Firefox's does), and throws if given one.
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    signal.addEventListener('abort', onAbort, { once: true });
    browser.tabs.get(tabId).then(
      (tab) => {
        if (tab.status === 'complete') finish('complete');
      },
      // tabs.get fails only for a tab that is gone.
      () => finish('closed'),
    );
  });
}
