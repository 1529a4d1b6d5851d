import type { IDBPDatabase } from 'idb';
import type { Preferences } from '../messages/preferences';
import type { SwitchboardDB } from './db';
import type { PreferenceStore } from './stores';

export class IdbPreferenceStore implements PreferenceStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  async get(): Promise<Preferences | undefined> {
    return (await this.db.get('settings', 'preferences'))?.value;
  }

  async set(preferences: Preferences): Promise<void> {
    await this.db.put('settings', { key: 'preferences', value: preferences });
  }
}
