import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';
import { FrameAdmission } from '../../src/host/frame-admission';
import type { ContentSender } from '../../src/host/senders';
import type { FrameVoucherReply, ToolCountReply } from '../../src/messages/contract';
import { parseContentMessage } from '../../src/messages/validate';
import { contentSender } from './senders';

/**
 * The worker's end of frame admission (src/host/frame-admission.ts), and of the other messages content
 * scripts send (Stop, a page's tool count). Answers content scripts from the sender Chrome fills in: which tab, which frame, which origin, which document. Lost when the worker stops,
 * like the frames' ports: a frame asks again when it reconnects.
 */
export const frameAdmission = new FrameAdmission(() => crypto.randomUUID());

let stopActions: (tabId: number, origin: string) => void = () => {};
/** Who hears the page's Stop (the host, once it is ready). */
export function onStopActions(listener: (tabId: number, origin: string) => void): void {
  stopActions = listener;
}

let toolCount: (from: ContentSender, count: number) => Promise<boolean> = async () => false;
/** Who hears a page's tool count and says whether it connects now (the host, once it is ready). */
export function onToolCount(listener: typeof toolCount): void {
  toolCount = listener;
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const message = parseContentMessage(raw);
  const from = contentSender(sender);
  if (!message || !from) return undefined; // not ours to answer
  if (message.type === 'content→worker:stop-actions') {
    // Only the page the person sees has the overlay: a frame's Stop is not one.
    if (from.frameId === 0) stopActions(from.tabId, from.origin);
    return Promise.resolve({ ok: from.frameId === 0 });
  }
  if (message.type === 'content→worker:tool-count') {
    // Only a top document counts (an embedded frame connects once admitted, as before; index.ts).
    if (from.frameId !== 0) return Promise.resolve<ToolCountReply>({ connect: false });
    return toolCount(from, message.payload.count).then((connect): ToolCountReply => ({ connect }));
  }
  if (message.type === 'content→worker:vouch-frame') {
    const token = frameAdmission.vouch(from, message.payload.origin);
    return Promise.resolve<FrameVoucherReply>(token ? { token } : {});
  }
  return Promise.resolve({ ok: frameAdmission.admit(from, message.payload.token) });
});

browser.tabs.onRemoved.addListener((tabId) => frameAdmission.forgetTab(tabId));
