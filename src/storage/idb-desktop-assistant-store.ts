import type { IDBPDatabase } from 'idb';
import type { DesktopAssistantRecord } from '../messages/bridge-messages';
import type { SwitchboardDB } from './db';
import type { DesktopAssistantStore } from './stores';

/** Desktop assistants and the user's decision on each: they must outlive the worker and the browser. */
export class IdbDesktopAssistantStore implements DesktopAssistantStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  all(): Promise<DesktopAssistantRecord[]> {
    return this.db.getAll('assistants');
  }

  async put(record: DesktopAssistantRecord): Promise<void> {
    await this.db.put('assistants', record);
  }

  async delete(id: string): Promise<void> {
    await this.db.delete('assistants', id);
  }
}
