import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';
import { FrameAdmission } from '../../src/host/frame-admission';
import type { FrameVoucherReply } from '../../src/messages/contract';
import { parseContentMessage } from '../../src/messages/validate';
import { contentSender } from './senders';

/**
 * The worker's end of frame admission (src/host/frame-admission.ts). Answers content scripts from the
 * sender Chrome fills in: which tab, which frame, which origin, which document. Lost when the worker stops,
 * like the frames' ports: a frame asks again when it reconnects.
 */
export const frameAdmission = new FrameAdmission(() => crypto.randomUUID());

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  const message = parseContentMessage(raw);
  const from = contentSender(sender);
  if (!message || !from) return undefined; // not ours to answer
  if (message.type === 'content→worker:vouch-frame') {
    const token = frameAdmission.vouch(from, message.payload.origin);
    return Promise.resolve<FrameVoucherReply>(token ? { token } : {});
  }
  return Promise.resolve({ ok: frameAdmission.admit(from, message.payload.token) });
});

browser.tabs.onRemoved.addListener((tabId) => frameAdmission.forgetTab(tabId));
