import type { IDBPDatabase } from 'idb';
import type { GrantRecord } from '../messages/grant-record';
import type { SwitchboardDB } from './db';
import type { GrantStore } from './stores';

export class IdbGrantStore implements GrantStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  all(): Promise<GrantRecord[]> {
    return this.db.getAll('grants');
  }

  async put(record: GrantRecord): Promise<void> {
    await this.db.put('grants', record);
  }

  async delete(origin: string, target: string): Promise<void> {
    await this.db.delete('grants', [origin, target]);
  }
}
