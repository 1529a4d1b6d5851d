import type { IDBPDatabase } from 'idb';
import type { SwitchboardDB } from './db';
import type { SecretStore } from './stores';

/**
 * Secrets by name, in the extension's own IndexedDB: readable by the worker and our extension pages only.
 * Each caller knows the type of what it keeps under its names (extension/shared/secrets.ts declares them).
 */
export class IdbSecretStore implements SecretStore {
  constructor(private readonly db: IDBPDatabase<SwitchboardDB>) {}

  async get(name: string): Promise<unknown> {
    return (await this.db.get('secrets', name))?.value;
  }

  async set(name: string, value: unknown): Promise<void> {
    await this.db.put('secrets', { name, value });
  }

  async delete(name: string): Promise<void> {
    await this.db.delete('secrets', name);
  }
}
