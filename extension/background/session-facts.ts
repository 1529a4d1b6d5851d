import type { SessionFactsStore } from '../../src/remote/session-facts';
import { readStorage, removeStorage, STORAGE, writeStorage } from '../shared/extension-storage';

/** Session facts in chrome.storage.session: kept while the browser runs, gone when it closes. */
export const storageSessionFacts: SessionFactsStore = {
  get: (id) => readStorage(STORAGE.sessionFacts(id)),
  set: (id, facts) => writeStorage(STORAGE.sessionFacts(id), facts),
  delete: (id) => removeStorage(STORAGE.sessionFacts(id)),
};
