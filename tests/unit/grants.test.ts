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

  it('can be limited to chosen assistants: narrowing at once, in the store, and reloaded', async () => {
    const store = new MemoryGrantStore();
    const grants = new Grants(store);
    await grants.load();
    await grants.set('https://a.example', { kind: 'tool', tool: 'search' }, true);
    expect(grants.allowsAssistant('https://a.example', 'desktop:claude@claude')).toBe(true);
    const changes: string[] = [];
    grants.onChange((origin) => changes.push(origin));
    const narrowing = grants.setAssistants('https://a.example', ['extension:switchboard-assistant']);
    expect(grants.allowsAssistant('https://a.example', 'desktop:claude@claude')).toBe(false); // before the write
    await narrowing;
    expect(changes).toEqual(['https://a.example']);
    expect(grants.allowsAssistant('https://a.example', 'extension:switchboard-assistant')).toBe(true);
    expect(grants.allowsAssistant('https://b.example', 'desktop:claude@claude')).toBe(true);
    // A limit is not a grant: the site list and the grant checks are unchanged by it.
    expect(grants.list()).toEqual([{ origin: 'https://a.example', target: 'tool:search' }]);
    const again = new Grants(store);
    await again.load();
    expect(again.assistantsOf('https://a.example')).toEqual(['extension:switchboard-assistant']);
    await again.setAssistants('https://a.example', undefined);
    expect(again.allowsAssistant('https://a.example', 'desktop:claude@claude')).toBe(true);
    expect((await store.all()).map((r) => r.target)).toEqual(['tool:search']);
  });

  it('upgrade an empty database through the version ladder', async () => {
    const db = await openSwitchboardDb();
    expect(db.version).toBe(6);
    expect([...db.objectStoreNames].sort()).toEqual([
      'approvals',
      'assistants',
      'audit',
      'conversations',
      'grants',
      'secrets',
      'servers',
      'settings',
    ]);
    expect([...db.objectStoreNames]).toContain('grants');
    expect([...db.transaction('grants').store.indexNames]).toContain('by-origin');
    db.close();
    const raw = await openDB(DB_NAME);
    expect(raw.version).toBe(6);
    raw.close();
  });
});
