import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';

const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;

function senderOrigin(sender: Runtime.MessageSender): string | undefined {
  // Chrome fills `origin` itself; `url` is the fallback for older versions. Neither comes from the page.
  const withOrigin = sender as Runtime.MessageSender & { origin?: string };
  if (withOrigin.origin) return withOrigin.origin;
  try {
    return sender.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

/** An extension page of ours (popup, options, side panel): never a content script, never another extension. */
export function isOwnExtensionPage(sender: Runtime.MessageSender | undefined): boolean {
  return !!sender && sender.id === browser.runtime.id && senderOrigin(sender) === extensionOrigin;
}

export interface ContentSender {
  tabId: number;
  frameId: number;
  origin: string;
}

/** Our own content script in an http(s) page's top frame; the origin is what Chrome says, not the page. */
export function contentSender(sender: Runtime.MessageSender | undefined): ContentSender | undefined {
  if (!sender || sender.id !== browser.runtime.id) return undefined;
  const tabId = sender.tab?.id;
  const origin = senderOrigin(sender);
  if (tabId === undefined || tabId < 0 || sender.frameId !== 0 || !origin) return undefined;
  if (!/^https?:\/\//.test(origin)) return undefined;
  return { tabId, frameId: sender.frameId, origin };
}
