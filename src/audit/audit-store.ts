import type { AuditEntry } from './audit-entry';

/**
 * Persistence for the audit log; extension/ passes the IndexedDB one, tests an in-memory one.
 * Ids are assigned in insertion order, so "oldest" means lowest id, not earliest `at`: clocks can step back.
 */
export interface AuditStore {
  /** Stores the entry (its `id`, if any, is ignored) and returns the id it was given. */
  add(entry: AuditEntry): Promise<number>;
  count(): Promise<number>;
  /** Deletes the `n` entries with the lowest ids (all of them when there are fewer). */
  deleteOldest(n: number): Promise<void>;
  /** Every entry, oldest first. */
  all(): Promise<AuditEntry[]>;
  clear(): Promise<void>;
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
