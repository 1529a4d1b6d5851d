import browser from 'webextension-polyfill';
import type { ProviderSettings } from '../../src/assistant/provider-store';
import type { StandingApproval } from '../../src/messages/decisions';
import type { SessionFacts } from '../../src/remote/session-facts';
import type { StoredValue } from '../../src/storage/stores';

/** A key of chrome.storage, in its area, holding values of type T. */
export interface StorageKey<T> {
  area: 'local' | 'session';
  key: string;
  /** Never set: it only carries T. */
  readonly type?: T;
}

const key = <T>(area: StorageKey<T>['area'], name: string): StorageKey<T> => ({ area, key: name });

/**
 * Every key Switchboard keeps in chrome.storage, declared once with the type of its value. `local` is
 * never synced; `session` lasts while the browser runs (across worker restarts) and is open only to
 * trusted contexts (its default access level).
 */
export const STORAGE = {
  /**
   * The user's model providers, written by the options page: no keys, which are among the secrets
   * (extension/shared/secrets.ts), since content scripts can read this area.
   */
  providers: key<ProviderSettings>('local', 'assistant:providers'),
  /** "Allow for this session" decisions. */
  sessionApprovals: key<StandingApproval[]>('session', 'approvals:session'),
  /** Sites whose page actions the person stopped from the page, for this browser session. */
  pausedActions: key<string[]>('session', 'actions:paused'),
  /** What a remote server's live session established (see src/remote/session-facts.ts). */
  sessionFacts: (serverId: string) => key<SessionFacts>('session', `facts:${serverId}`),
} as const;

const areaOf = (k: StorageKey<unknown>) =>
  k.area === 'local' ? browser.storage.local : browser.storage.session;

export async function readStorage<T>(k: StorageKey<T>): Promise<T | undefined> {
  // The one cast of a storage read: the key's declaration says what is kept under it.
  return (await areaOf(k).get(k.key))[k.key] as T | undefined;
}

export async function writeStorage<T>(k: StorageKey<T>, value: T): Promise<void> {
  await areaOf(k).set({ [k.key]: value });
}

export async function removeStorage(k: StorageKey<unknown>): Promise<void> {
  await areaOf(k).remove(k.key);
}

export function onStorageChanged(k: StorageKey<unknown>, listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === k.area && k.key in changes) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/** One key as the core's StoredValue. */
export function storedValue<T>(k: StorageKey<T>): StoredValue<T> {
  return {
    get: () => readStorage(k),
    set: (value) => writeStorage(k, value),
    onChanged: (listener) => onStorageChanged(k, listener),
  };
}
