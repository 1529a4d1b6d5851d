import browser from 'webextension-polyfill';
import type { SessionFacts, SessionFactsStore } from '../../src/remote/session-facts';

/** Session facts in chrome.storage.session: kept while the browser runs, gone when it closes. */
export const storageSessionFacts: SessionFactsStore = {
  async get(id) {
    const key = `facts:${id}`;
    return (await browser.storage.session.get(key))[key] as SessionFacts | undefined;
  },
  async set(id, facts) {
    await browser.storage.session.set({ [`facts:${id}`]: facts });
  },
  async delete(id) {
    await browser.storage.session.remove(`facts:${id}`);
  },
};
