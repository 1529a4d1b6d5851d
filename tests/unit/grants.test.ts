import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { Grants } from '../../src/permissions/grants';
import { DB_NAME, openSwitchboardDb } from '../../src/storage/db';
import { IdbGrantStore } from '../../src/storage/idb-grant-store';
import { MemoryGrantStore } from '../../src/storage/memory-stores';

describe('grants', () => {
  it('deny everything by default', async () => {
    const grants = new Grants(new MemoryGrantStore());
    await grants.load();
    expect(grants.isToolGranted('https://a.example', 'search')).toBe(false);
    expect(grants.isPageGranted('https://a.example')).toBe(false);
  });

  it('are per origin and per tool', async () => {
    const grants = new Grants(new MemoryGrantStore());
    await grants.load();
    await grants.set('https://a.example', { kind: 'tool', tool: 'search' }, true);
    expect(grants.isToolGranted('https://a.example', 'search')).toBe(true);
    expect(grants.isToolGranted('https://a.example', 'buy')).toBe(false);
    expect(grants.isToolGranted('https://b.example', 'search')).toBe(false);
    expect(grants.isToolGranted('http://a.example', 'search')).toBe(false);
    expect(grants.isPageGranted('https://a.example')).toBe(false);
  });

  it('revoke at once and tell listeners', async () => {
    const grants = new Grants(new MemoryGrantStore());
    await grants.load();
    const changes: string[] = [];
    grants.onChange((origin) => changes.push(origin));
    await grants.set('https://a.example', { kind: 'page' }, true);
    const revoke = grants.set('https://a.example', { kind: 'page' }, false);
    expect(grants.isPageGranted('https://a.example')).toBe(false); // before the write settles
    await revoke;
    expect(changes).toEqual(['https://a.example', 'https://a.example']);
  });

  it('persist in IndexedDB and survive a restart (a new worker)', async () => {
    const first = new Grants(new IdbGrantStore(await openSwitchboardDb()));
    await first.load();
    await first.set('https://a.example', { kind: 'tool', tool: 'search' }, true);
    await first.set('https://a.example', { kind: 'page' }, true);
    await first.set('https://a.example', { kind: 'page' }, false);

    const second = new Grants(new IdbGrantStore(await openSwitchboardDb()));
    await second.load();
    expect(second.isToolGranted('https://a.example', 'search')).toBe(true);
    expect(second.isPageGranted('https://a.example')).toBe(false);
  });

  it('upgrade an empty database through the version ladder', async () => {
    const db = await openSwitchboardDb();
    expect(db.version).toBe(4);
    expect([...db.objectStoreNames].sort()).toEqual([
      'approvals',
      'audit',
      'conversations',
      'grants',
      'servers',
      'settings',
    ]);
    expect([...db.objectStoreNames]).toContain('grants');
    expect([...db.transaction('grants').store.indexNames]).toContain('by-origin');
    db.close();
    const raw = await openDB(DB_NAME);
    expect(raw.version).toBe(4);
    raw.close();
  });
});
