import type { IDBPDatabase } from 'idb';
import type { AuditEntry } from '../messages/audit-entry';
import type { SwitchboardDB } from './db';
import type { AuditStore } from './stores';

export class IdbAuditStore implements AuditStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  add(entry: AuditEntry): Promise<number> {
    // An `id: undefined` property would be read as an invalid key (DataError); leave it out for the generator.
    const { id: _ignored, ...row } = entry;
    return this.db.add('audit', row);
  }

  async addAll(entries: Omit<AuditEntry, 'id'>[]): Promise<void> {
    const tx = this.db.transaction('audit', 'readwrite');
    // Requests queued on one transaction run in order; only they are awaited, so it cannot commit early.
    await Promise.all([...entries.map(({ id: _ignored, ...row }: AuditEntry) => tx.store.add(row)), tx.done]);
  }

  count(): Promise<number> {
    return this.db.count('audit');
  }

  async deleteOldest(n: number): Promise<void> {
    if (n <= 0) return;
    const tx = this.db.transaction('audit', 'readwrite');
    // Walk the primary key (ascending = insertion order) to the n-th oldest, then drop everything up to it
    // with one range delete rather than n cursor deletes. Only requests of this transaction are awaited,
    // so it cannot auto-commit half-way.
    const first = await tx.store.openKeyCursor();
    const nth = first && n > 1 ? await first.advance(n - 1) : first;
    if (nth) await tx.store.delete(IDBKeyRange.upperBound(nth.primaryKey));
    else if (first) await tx.store.clear(); // fewer than n entries: all of them go
    await tx.done;
  }

  all(): Promise<AuditEntry[]> {
    return this.db.getAll('audit');
  }

  clear(): Promise<void> {
    return this.db.clear('audit');
  }
}
