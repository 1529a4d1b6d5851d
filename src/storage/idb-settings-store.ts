import type { IDBPDatabase } from 'idb';
import type { SwitchboardDB } from './db';
import type { SettingsContents, SettingsContentsStore } from './stores';

/**
 * A settings import in one IndexedDB transaction over the four stores it replaces: if any write fails,
 * the transaction aborts and every store is as it was. Only IndexedDB requests are awaited inside it, so
 * it cannot auto-commit early (idb's README warns of unrelated awaits).
 */
export class IdbSettingsContentsStore implements SettingsContentsStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  async replaceAll(next: SettingsContents): Promise<void> {
    const tx = this.db.transaction(['grants', 'approvals', 'servers', 'settings'], 'readwrite');
    const grants = tx.objectStore('grants');
    const approvals = tx.objectStore('approvals');
    const servers = tx.objectStore('servers');
    const made: Promise<unknown>[] = [];
    try {
      // Requests run in the order they are made: each store is cleared before it is refilled.
      made.push(grants.clear(), approvals.clear(), servers.clear());
      for (const record of next.grants) made.push(grants.put(record));
      for (const approval of next.approvals) made.push(approvals.put(approval));
      for (const config of next.servers) made.push(servers.put(config));
      made.push(tx.objectStore('settings').put({ key: 'preferences', value: next.preferences }));
      await Promise.all([...made, tx.done]);
    } catch (error) {
      // A put that throws at once (a bad key) would otherwise let the clears already made commit.
      try {
        tx.abort();
      } catch {
        // Already aborted by the failed request: nothing was written.
      }
      // The requests already made now fail with AbortError: they are part of this one failure.
      await Promise.allSettled([...made, tx.done]);
      throw error;
    }
  }
}
