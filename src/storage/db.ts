import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { AuditEntry } from '../messages/audit-entry';
import type { DesktopAssistantRecord } from '../messages/bridge-messages';
import type { Conversation } from '../messages/chat-types';
import type { StandingApproval } from '../messages/decisions';
import type { GrantRecord } from '../messages/grant-record';
import type { Preferences } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';

/**
 * The one IndexedDB schema. Each version adds an `if (oldVersion < N)` step; never edit a shipped step.
 * v1: grants, keyed by [origin, target], indexed by origin.
 * v2: servers (remote MCP server configs), keyed by id.
 * v3: approvals ("Always allow", keyed by [assistant, source, tool]), audit (auto-increment, by time),
 *     settings (one record per key; "preferences" today).
 * v4: conversations (the side-panel assistant's history), keyed by id, indexed by last update.
 * v5: assistants (desktop assistants and the user's decision on each), keyed by id.
 * v6: secrets (model API keys, OAuth tokens and registrations), one record per name. IndexedDB of the
 *     extension's origin: content scripts open the page's IndexedDB, never this one, unlike
 *     the local extension storage area, which they can read.
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
  approvals: {
    key: [string, string, string];
    value: StandingApproval;
  };
  audit: {
    key: number;
    value: AuditEntry;
    indexes: { 'by-time': number };
  };
  settings: {
    key: string;
    value: { key: 'preferences'; value: Preferences };
  };
  conversations: {
    key: string;
    value: Conversation;
    indexes: { 'by-updated': number };
  };
  assistants: {
    key: string;
    value: DesktopAssistantRecord;
  };
  secrets: {
    key: string;
    value: { name: string; value: unknown };
  };
}

export const DB_NAME = 'switchboard';
export const DB_VERSION = 6;

export function openSwitchboardDb(name = DB_NAME): Promise<IDBPDatabase<SwitchboardDB>> {
  return openDB<SwitchboardDB>(name, DB_VERSION, {
    // The worker and the side panel share this database; an open connection must never block an upgrade.
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const grants = db.createObjectStore('grants', { keyPath: ['origin', 'target'] });
        grants.createIndex('by-origin', 'origin');
      }
      if (oldVersion < 2) {
        db.createObjectStore('servers', { keyPath: 'id' });
      }
      if (oldVersion < 3) {
        db.createObjectStore('approvals', { keyPath: ['assistant', 'source', 'tool'] });
        const audit = db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
        audit.createIndex('by-time', 'at');
        db.createObjectStore('settings', { keyPath: 'key' });
      }
      if (oldVersion < 4) {
        const conversations = db.createObjectStore('conversations', { keyPath: 'id' });
        conversations.createIndex('by-updated', 'updatedAt');
      }
      if (oldVersion < 5) db.createObjectStore('assistants', { keyPath: 'id' });
      if (oldVersion < 6) db.createObjectStore('secrets', { keyPath: 'name' });
    },
  });
}
