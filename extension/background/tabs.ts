import browser from 'webextension-polyfill';
import { unsupportedReason } from '../../src/host/page-support';
import { envelope } from '../../src/messages/contract';
import { errorMessage } from '../../src/shared/errors';
import type { Logger } from '../../src/shared/logger';

const RETRY_MS = 400;

/**
 * Asks a tab's content script to load its in-page server and connect. Resolves false when the tab has
 * no content script of ours (chrome:// pages, the Web Store, or a tab opened before the extension was
 * installed). A page that just loaded starts listening once it is idle (content/index.ts), so callers
 * that care about a fresh tab pass more than one attempt.
 */
export async function askTabToConnect(tabId: number, logger: Logger, attempts = 1): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await browser.tabs.sendMessage(tabId, envelope('worker→content:connect', {}), {
        frameId: 0,
      });
      return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
    } catch (error) {
      if (attempt >= attempts) {
        logger.debug(`tab ${tabId} has no content script listening: ${errorMessage(error)}`);
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

/** After the worker wakes, open tabs are not connected: ask every one (no "tabs" permission needed). */
export async function askTabsToConnect(logger: Logger): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? false : askTabToConnect(tab.id, logger))));
}

/**
 * Why Switchboard cannot work in this tab, known from its URL without asking the page: at once for about:,
 * chrome://, file://, the Web Store or a PDF, instead of retrying a content script that will never answer.
 * The URL is there when the user opened the popup from the toolbar (activeTab); otherwise undefined.
 */
export async function tabUnsupported(tabId: number, logger: Logger): Promise<string | undefined> {
  try {
    const tab = await browser.tabs.get(tabId);
    return unsupportedReason(tab.url ?? tab.pendingUrl);
  } catch (error) {
    logger.debug(`tab ${tabId} is gone: ${errorMessage(error)}`);
    return 'This tab is closed.';
  }
}
