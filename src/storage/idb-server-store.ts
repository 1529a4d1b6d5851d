import type { IDBPDatabase } from 'idb';
import type { RemoteServerConfig } from '../messages/server-config';
import type { SwitchboardDB } from './db';

/** Remote server configs in IndexedDB: they must outlive the worker and the browser. */
export class IdbServerStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  async all(): Promise<RemoteServerConfig[]> {
    return (await this.db.getAll('servers')).sort((a, b) => a.createdAt - b.createdAt);
  }

  async put(config: RemoteServerConfig): Promise<void> {
    await this.db.put('servers', config);
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('servers', id);
  }
}
