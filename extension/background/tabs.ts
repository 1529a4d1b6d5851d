import browser from 'webextension-polyfill';
import { envelope } from '../../src/messages/contract';
import { errorMessage } from '../../src/shared/errors';
import type { Logger } from '../../src/shared/logger';

/**
 * Asks a tab's content script to load its in-page server and connect. Resolves false when the tab has
 * no content script of ours (chrome:// pages, the Web Store, a page still loading, or one opened before
 * the extension was installed).
 */
export async function askTabToConnect(tabId: number, logger: Logger): Promise<boolean> {
  try {
    const reply = await browser.tabs.sendMessage(tabId, envelope('worker→content:connect', {}), {
      frameId: 0,
    });
    return typeof reply === 'object' && reply !== null && (reply as { ok?: unknown }).ok === true;
  } catch (error) {
    logger.debug(`tab ${tabId} has no content script: ${errorMessage(error)}`);
    return false;
  }
}

/** After the worker wakes, open tabs are not connected: ask every one (no "tabs" permission needed). */
export async function askTabsToConnect(logger: Logger): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? false : askTabToConnect(tab.id, logger))));
}
