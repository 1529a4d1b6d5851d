import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { GrantRecord } from '../permissions/grant-store';
import type { RemoteServerConfig } from '../remote/server-config';

/**
 * The one IndexedDB schema. Each version adds an `if (oldVersion < N)` step; never edit a shipped step.
 * v1: grants, keyed by [origin, target], indexed by origin.
 * v2: servers (remote MCP server configs), keyed by id.
 */
export interface SwitchboardDB extends DBSchema {
  grants: {
    key: [string, string];
    value: GrantRecord;
    indexes: { 'by-origin': string };
  };
  servers: {
    key: string;
    value: RemoteServerConfig;
  };
}

export const DB_NAME = 'switchboard';
export const DB_VERSION = 2;

export function openSwitchboardDb(): Promise<IDBPDatabase<SwitchboardDB>> {
  return openDB<SwitchboardDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const grants = db.createObjectStore('grants', { keyPath: ['origin', 'target'] });
        grants.createIndex('by-origin', 'origin');
      }
      if (oldVersion < 2) {
        db.createObjectStore('servers', { keyPath: 'id' });
      }
    },
  });
}
