import browser from 'webextension-polyfill';
import { ProviderStore } from '../../src/assistant/provider-store';
import { openSwitchboardDb } from '../../src/storage/db';
import { IdbSecretStore } from '../../src/storage/idb-secret-store';
import type { SecretStore } from '../../src/storage/stores';
import { STORAGE, storedValue } from './extension-storage';

let opened: Promise<SecretStore> | undefined;

/**
 * The secrets, in IndexedDB of the extension's origin (src/storage/idb-secret-store.ts). Only the worker
 * and our extension pages run this; a content script that tried would open the page's IndexedDB instead.
 */
export function secrets(): SecretStore {
  opened ??= openSwitchboardDb().then((db) => new IdbSecretStore(db));
  return {
    get: async (name) => (await opened!).get(name),
    set: async (name, value) => (await opened!).set(name, value),
    delete: async (name) => (await opened!).delete(name),
  };
}

/** The model providers: their settings in chrome.storage.local, their keys among the secrets. */
export const providerStore = () => new ProviderStore(storedValue(STORAGE.providers), secrets());

/**
 * chrome.storage.local keys from versions that kept secrets there (`oauth:<serverId>`), moved to the secrets
 * and deleted. Run by the worker at start; provider keys move in ProviderStore.migrate().
 */
export async function migrateStorageSecrets(store: SecretStore = secrets()): Promise<number> {
  const everything = await browser.storage.local.get(null);
  const names = Object.keys(everything).filter((name) => name.startsWith('oauth:'));
  for (const name of names) await store.set(name, everything[name]);
  if (names.length) await browser.storage.local.remove(names);
  return names.length;
}
