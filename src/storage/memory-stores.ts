import type { AuditEntry } from '../messages/audit-entry';
import type { DesktopAssistantRecord } from '../messages/bridge-messages';
import { approvalKey as keyOf, type StandingApproval } from '../messages/decisions';
import type { GrantRecord } from '../messages/grant-record';
import type { Preferences } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';
import type {
  AuditStore,
  DesktopAssistantStore,
  GrantStore,
  PreferenceStore,
  SecretStore,
  ServerStore,
  SessionApprovalStore,
  SettingsContents,
  SettingsContentsStore,
  StandingStore,
} from './stores';

// In-memory stores, for Node tests, the bench and the conformance client.

export class MemoryGrantStore implements GrantStore {
  readonly #rows = new Map<string, GrantRecord>();
  async all(): Promise<GrantRecord[]> {
    return [...this.#rows.values()];
  }
  async put(record: GrantRecord): Promise<void> {
    this.#rows.set(`${record.origin} ${record.target}`, { ...record });
  }
  async delete(origin: string, target: string): Promise<void> {
    this.#rows.delete(`${origin} ${target}`);
  }
}

export class MemoryAuditStore implements AuditStore {
  #rows: AuditEntry[] = [];
  // Like IndexedDB's key generator, ids are never reused, not even after clear().
  #nextId = 1;

  async add(entry: AuditEntry): Promise<number> {
    const id = this.#nextId++;
    this.#rows.push({ ...entry, id });
    return id;
  }
  async addAll(entries: Omit<AuditEntry, 'id'>[]): Promise<void> {
    for (const entry of entries) this.#rows.push({ ...entry, id: this.#nextId++ });
  }
  async count(): Promise<number> {
    return this.#rows.length;
  }
  async deleteOldest(n: number): Promise<void> {
    if (n > 0) this.#rows.splice(0, n);
  }
  async all(): Promise<AuditEntry[]> {
    return this.#rows.map((row) => ({ ...row }));
  }
  async clear(): Promise<void> {
    this.#rows = [];
  }
}

export class MemoryStandingStore implements StandingStore {
  rows = new Map<string, StandingApproval>();
  async all() {
    return [...this.rows.values()];
  }
  async put(a: StandingApproval) {
    this.rows.set(keyOf(a), { ...a });
  }
  async delete(assistant: string, source: string, tool: string) {
    this.rows.delete(keyOf({ assistant, source, tool }));
  }
}

export class MemorySessionApprovalStore implements SessionApprovalStore {
  rows: StandingApproval[] = [];
  async get() {
    return [...this.rows];
  }
  async set(approvals: StandingApproval[]) {
    this.rows = [...approvals];
  }
}

export class MemoryPreferenceStore implements PreferenceStore {
  value: Preferences | undefined;
  async get() {
    return this.value;
  }
  async set(preferences: Preferences) {
    this.value = preferences;
  }
}

export class MemoryServerStore implements ServerStore {
  readonly rows = new Map<string, RemoteServerConfig>();
  async all() {
    return [...this.rows.values()];
  }
  async put(config: RemoteServerConfig) {
    this.rows.set(config.id, { ...config });
  }
  async delete(id: string) {
    this.rows.delete(id);
  }
}

/** A settings import store by store, for Node: the in-memory stores it writes cannot fail halfway. */
export class MemorySettingsContentsStore implements SettingsContentsStore {
  constructor(
    private readonly stores: {
      grants: GrantStore;
      standing: StandingStore;
      servers: ServerStore;
      preferences: PreferenceStore;
    },
  ) {}

  async replaceAll(next: SettingsContents): Promise<void> {
    const { grants, standing, servers, preferences } = this.stores;
    for (const old of await grants.all()) await grants.delete(old.origin, old.target);
    for (const record of next.grants) await grants.put(record);
    for (const old of await standing.all()) await standing.delete(old.assistant, old.source, old.tool);
    for (const approval of next.approvals) await standing.put(approval);
    for (const old of await servers.all()) await servers.delete(old.id);
    for (const config of next.servers) await servers.put(config);
    await preferences.set(next.preferences);
  }
}

export class MemoryDesktopAssistantStore implements DesktopAssistantStore {
  readonly rows = new Map<string, DesktopAssistantRecord>();
  async all() {
    return [...this.rows.values()];
  }
  async put(record: DesktopAssistantRecord) {
    this.rows.set(record.id, { ...record });
  }
  async delete(id: string) {
    this.rows.delete(id);
  }
}

export class MemorySecretStore implements SecretStore {
  readonly rows = new Map<string, unknown>();
  async get(name: string) {
    return structuredClone(this.rows.get(name));
  }
  async set(name: string, value: unknown) {
    this.rows.set(name, structuredClone(value));
  }
  async delete(name: string) {
    this.rows.delete(name);
  }
}
