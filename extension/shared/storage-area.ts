import browser from 'webextension-polyfill';
import type { KeyValueArea } from '../../src/assistant/provider-store';

/** chrome.storage.local as the core's KeyValueArea. */
export const localArea: KeyValueArea = {
  async get(key) {
    return (await browser.storage.local.get(key))[key];
  },
  async set(key, value) {
    await browser.storage.local.set({ [key]: value });
  },
  onChanged(key, listener) {
    const handler = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && key in changes) listener();
    };
    browser.storage.onChanged.addListener(handler);
    return () => browser.storage.onChanged.removeListener(handler);
  },
};
