import type { AuditEntry } from '../messages/audit-entry';
import type { DesktopAssistantRecord } from '../messages/bridge-messages';
import type { StandingApproval } from '../messages/decisions';
import type { GrantRecord } from '../messages/grant-record';
import type { Preferences } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';

// What the core persists, one interface per store: extension/ passes the IndexedDB ones (idb-*.ts) and the
// browser's session storage, Node tests and the bench the in-memory ones (memory-stores.ts).

/** Persistence for grants; extension/ passes the IndexedDB one, tests an in-memory one. */
export interface GrantStore {
  all(): Promise<GrantRecord[]>;
  put(record: GrantRecord): Promise<void>;
  delete(origin: string, target: string): Promise<void>;
}

/**
 * Persistence for the audit log; extension/ passes the IndexedDB one, tests an in-memory one.
 * Ids are assigned in insertion order, so "oldest" means lowest id, not earliest `at`: clocks can step back.
 */
export interface AuditStore {
  /** Stores the entry (its `id`, if any, is ignored) and returns the id it was given. */
  add(entry: AuditEntry): Promise<number>;
  /** Stores the entries in order, in one transaction: all of them or, on failure, none. */
  addAll(entries: Omit<AuditEntry, 'id'>[]): Promise<void>;
  count(): Promise<number>;
  /** Deletes the `n` entries with the lowest ids (all of them when there are fewer). */
  deleteOldest(n: number): Promise<void>;
  /** Every entry, oldest first. */
  all(): Promise<AuditEntry[]>;
  clear(): Promise<void>;
}

/** "Always allow" decisions; IndexedDB in the extension. */
export interface StandingStore {
  all(): Promise<StandingApproval[]>;
  put(approval: StandingApproval): Promise<void>;
  delete(assistant: string, source: string, tool: string): Promise<void>;
}

/**
 * "Allow for this session" decisions: the browser's session storage in the extension, so they outlive the worker
 * (it dies after 30 s idle) but not the browser.
 */
export interface SessionApprovalStore {
  get(): Promise<StandingApproval[]>;
  set(approvals: StandingApproval[]): Promise<void>;
}

/** Where preferences persist; IndexedDB's `settings` store in the extension. */
export interface PreferenceStore {
  get(): Promise<Preferences | undefined>;
  set(preferences: Preferences): Promise<void>;
}

export interface ServerStore {
  all(): Promise<RemoteServerConfig[]>;
  put(config: RemoteServerConfig): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * One value kept under one key of the browser's extension storage (the key and its type are declared
 * once, in extension/shared/extension-storage.ts). The stored value is ours, but storage outlives
 * versions: a reader still checks the shape it relies on.
 */
export interface StoredValue<T> {
  get(): Promise<T | undefined>;
  set(value: T): Promise<void>;
  /** Calls `listener` whenever the value changes, in any context of the extension. */
  onChanged(listener: () => void): () => void;
}

/** Everything a settings file replaces. */
export interface SettingsContents {
  grants: GrantRecord[];
  approvals: StandingApproval[];
  servers: RemoteServerConfig[];
  preferences: Preferences;
}

/** Replaces all of a settings file's contents as one write: everything, or on a failure nothing. */
export interface SettingsContentsStore {
  replaceAll(next: SettingsContents): Promise<void>;
}

/** The desktop assistants Switchboard has met and the user's decision on each. */
export interface DesktopAssistantStore {
  all(): Promise<DesktopAssistantRecord[]>;
  put(record: DesktopAssistantRecord): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * Secrets (model API keys, OAuth tokens, client registrations), by name, where no content script can
 * read them: IndexedDB of the extension's origin in the browser (idb-secret-store.ts).
 */
export interface SecretStore {
  get(name: string): Promise<unknown>;
  set(name: string, value: unknown): Promise<void>;
  delete(name: string): Promise<void>;
}
