/**
 * Who is on the other end of a Port or message, from the sender Chrome fills in (never from the message).
 * The extension's own id and origin are passed in, so this is testable in Node.
 */
export interface SenderLike {
  id?: string;
  origin?: string;
  url?: string;
  frameId?: number;
  documentId?: string;
  tab?: { id?: number };
}

export interface Self {
  id: string;
  origin: string;
}

function senderOrigin(sender: SenderLike): string | undefined {
  if (sender.origin) return sender.origin;
  if (!sender.url) return undefined;
  try {
    // protocol + host rather than URL.origin, which is "null" for chrome-extension: URLs outside Chrome.
    const url = new URL(sender.url);
    return url.host ? `${url.protocol}//${url.host}` : undefined;
  } catch {
    return undefined;
  }
}

/** One of our extension pages (popup, options, side panel): never a content script, never another extension. */
export function isOwnExtensionPage(sender: SenderLike | undefined, self: Self): boolean {
  return !!sender && sender.id === self.id && senderOrigin(sender) === self.origin;
}

export interface ContentSender {
  tabId: number;
  frameId: number;
  origin: string;
  /** Chrome's id for the document, so that what a frame was allowed ends when it navigates. */
  documentId?: string;
}

/**
 * Our own content script in a document of an http(s) tab: the top frame or an embedded one. Whether an
 * embedded frame may offer tools is FrameAdmission's call, not this one's.
 */
export function contentSender(sender: SenderLike | undefined, self: Self): ContentSender | undefined {
  if (!sender || sender.id !== self.id) return undefined;
  const tabId = sender.tab?.id;
  const { frameId } = sender;
  const origin = senderOrigin(sender);
  if (tabId === undefined || tabId < 0 || frameId === undefined || frameId < 0 || !origin) return undefined;
  if (!/^https?:\/\/[^/]+$/.test(origin)) return undefined;
  return { tabId, frameId, origin, ...(sender.documentId ? { documentId: sender.documentId } : {}) };
}
