import type { IDBPDatabase } from 'idb';
import type { GrantRecord, GrantStore } from '../permissions/grant-store';
import type { SwitchboardDB } from './db';

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
