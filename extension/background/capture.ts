import browser from 'webextension-polyfill';
import type { CaptureTab } from '../../src/host/tab-connection';
import { errorMessage } from '../../src/shared/errors';

/**
 * The `screenshot` page action. chrome.tabs.captureVisibleTab captures the tab shown in a window, and Chrome
 * allows it only with `<all_urls>` or `activeTab` (a host permission for the site is not enough: measured
 * in Chromium 156). Switchboard asks for neither more: activeTab, which it has, covers a tab on which the
 * person clicked the toolbar icon or opened the assistant with its shortcut, until that tab navigates.
 */
export const captureTab: CaptureTab = async (tabId) => {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) {
    throw new Error(
      `Tab ${tabId} is not the one shown in its window, and only a shown tab can be captured. Use tab_activate first.`,
    );
  }
  let url: string;
  try {
    url = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'jpeg', quality: 70 });
  } catch (error) {
    const message = errorMessage(error);
    if (/activeTab|all_urls/i.test(message)) {
      throw new Error(
        `Chrome lets Switchboard capture tab ${tabId} only after the person clicks the Switchboard icon (or opens the assistant) on it. Ask them to, then try again.`,
      );
    }
    throw new Error(`Could not capture tab ${tabId}: ${message}`);
  }
  const comma = url.indexOf(',');
  return { mimeType: 'image/jpeg', data: url.slice(comma + 1) };
};
