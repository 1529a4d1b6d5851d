import type { IDBPDatabase } from 'idb';
import type { PreferenceStore } from '../settings/preference-store';
import type { Preferences } from '../settings/preferences';
import type { SwitchboardDB } from './db';

export class IdbPreferenceStore implements PreferenceStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  async get(): Promise<Preferences | undefined> {
    return (await this.db.get('settings', 'preferences'))?.value;
  }

  async set(preferences: Preferences): Promise<void> {
    await this.db.put('settings', { key: 'preferences', value: preferences });
  }
}
