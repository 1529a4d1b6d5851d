import type { Runtime } from 'webextension-polyfill';
import browser from 'webextension-polyfill';
import * as core from '../../src/host/senders';

const self: core.Self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };

export const isOwnExtensionPage = (sender: Runtime.MessageSender | undefined) =>
  core.isOwnExtensionPage(sender, self);
export const contentSender = (sender: Runtime.MessageSender | undefined) => core.contentSender(sender, self);
