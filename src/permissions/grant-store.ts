/** A stored grant: this origin's tool (or its page content) is shared with assistants. */
export interface GrantRecord {
  origin: string;
  /** "tool:<name>", "page", or "blocked". A string so it can be part of an IndexedDB compound key. */
  target: string;
  grantedAt: number;
}

/** Persistence for grants; extension/ passes the IndexedDB one, tests an in-memory one. */
export interface GrantStore {
  all(): Promise<GrantRecord[]>;
  put(record: GrantRecord): Promise<void>;
  delete(origin: string, target: string): Promise<void>;
  /** Swaps every record for these, atomically where the store can. */
  replaceAll(records: GrantRecord[]): Promise<void>;
}

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
  async replaceAll(records: GrantRecord[]): Promise<void> {
    this.#rows.clear();
    for (const record of records) await this.put(record);
  }
}
