import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { filterAudit, NO_AUDIT_FILTER } from '../../src/audit/audit-filter';
import { AuditLog, argsDigest, BATCH_MS } from '../../src/audit/audit-log';
import type { AuditEntry } from '../../src/messages/audit-entry';
import type { Logger } from '../../src/shared/logger';
import { silentLogger } from '../../src/shared/logger';
import { openSwitchboardDb } from '../../src/storage/db';
import { IdbAuditStore } from '../../src/storage/idb-audit-store';
import { MemoryAuditStore } from '../../src/storage/memory-stores';
import type { AuditStore } from '../../src/storage/stores';

const entry = (detail: string, extra: Partial<AuditEntry> = {}): Omit<AuditEntry, 'id'> => ({
  at: 1_000,
  kind: 'call',
  source: 'https://a.example',
  detail,
  ...extra,
});
const details = async (log: AuditLog) => (await log.all()).map((e) => e.detail);

let dbCount = 0;
const idbStore = async () => new IdbAuditStore(await openSwitchboardDb(`audit-test-${++dbCount}`));

/** Earlier writes take longer, so anything that doesn't serialise writes would store them backwards. */
class SlowFirstStore extends MemoryAuditStore {
  #delay = 20;
  batches: number[] = [];
  override async addAll(entries: Omit<AuditEntry, 'id'>[]): Promise<void> {
    this.batches.push(entries.length);
    this.#delay = Math.max(0, this.#delay - 5);
    const delay = this.#delay;
    await new Promise((resolve) => setTimeout(resolve, delay));
    return super.addAll(entries);
  }
}
const nextTask = () => new Promise((resolve) => setTimeout(resolve, BATCH_MS + 5));

const spyLogger = () => {
  const warn = vi.fn<Logger['warn']>();
  const logger: Logger = { ...silentLogger, warn };
  return { logger, warn };
};

describe('audit log', () => {
  it('keeps call order when records are not awaited', async () => {
    const store = new SlowFirstStore();
    const log = new AuditLog(store, () => 100, silentLogger);
    for (const d of ['1', '2', '3', '4', '5']) {
      void log.record(entry(d));
      await nextTask(); // each its own batch, the earlier ones slower to write
    }
    expect(await details(log)).toEqual(['1', '2', '3', '4', '5']);
    expect(store.batches).toEqual([1, 1, 1, 1, 1]);
  });

  it('writes what was recorded within the batch time together, after it, computing lazy entries then', async () => {
    const store = new SlowFirstStore();
    const log = new AuditLog(store, () => 100, silentLogger);
    const made: string[] = [];
    void log.record(entry('a'));
    void log.record(async () => {
      made.push('b');
      return entry('b', { argsDigest: await argsDigest({ q: 1 }) });
    });
    await new Promise((resolve) => setTimeout(resolve, BATCH_MS / 5));
    expect(made).toEqual([]); // nothing of the write on the recording caller's path
    expect(store.batches).toEqual([]);
    const last = log.record(Promise.resolve(entry('c'))); // a moment later: the same batch
    await last;
    expect(made).toEqual(['b']);
    expect(store.batches).toEqual([3]);
    expect((await log.all()).map((e) => [e.detail, e.argsDigest])).toEqual([
      ['a', undefined],
      ['b', await argsDigest({ q: 1 })],
      ['c', undefined],
    ]);
  });

  it('reads and clears after what is still waiting to be written', async () => {
    const log = new AuditLog(
      new MemoryAuditStore(),
      () => 100,
      silentLogger,
      () => {},
    ); // never on its own
    void log.record(entry('a'));
    expect(await details(log)).toEqual(['a']);
    void log.record(entry('b'));
    await log.clear();
    expect(await details(log)).toEqual([]);
  });

  it('logs an entry that could not be made, and writes the rest of its batch', async () => {
    const { logger, warn } = spyLogger();
    const log = new AuditLog(new MemoryAuditStore(), () => 100, logger);
    void log.record(entry('a'));
    void log.record(async () => {
      throw new Error('no digest');
    });
    await log.record(entry('c'));
    expect(await details(log)).toEqual(['a', 'c']);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  for (const [name, makeStore] of [
    ['memory', async () => new MemoryAuditStore()],
    ['IndexedDB', idbStore],
  ] as const) {
    describe(`on the ${name} store`, () => {
      it('drops the oldest entries beyond the limit', async () => {
        const log = new AuditLog(await makeStore(), () => 3, silentLogger);
        await log.record(entry('a'));
        await log.record(entry('b'));
        expect(await details(log)).toEqual(['a', 'b']);
        for (const d of ['c', 'd', 'e']) void log.record(entry(d));
        await log.record(entry('f'));
        expect(await details(log)).toEqual(['d', 'e', 'f']);
      });

      it('trims an over-full store on the first write, and again when the limit is lowered', async () => {
        const store = await makeStore();
        for (const d of ['a', 'b', 'c', 'd']) await store.add({ ...entry(d) });
        let limit = 3;
        const log = new AuditLog(store, () => limit, silentLogger); // e.g. a worker that just woke up
        await log.record(entry('e'));
        expect(await details(log)).toEqual(['c', 'd', 'e']);
        limit = 1;
        await log.record(entry('f'));
        expect(await details(log)).toEqual(['f']);
      });

      it('does not drop entries by a stale count after the store was cleared elsewhere', async () => {
        const store = await makeStore();
        const log = new AuditLog(store, () => 2, silentLogger);
        for (const d of ['a', 'b', 'c']) await log.record(entry(d));
        await store.clear(); // the options page, through its own connection
        await log.record(entry('x'));
        await log.record(entry('y'));
        expect(await details(log)).toEqual(['x', 'y']);
      });

      it('clears after pending records, and assigns ids in order', async () => {
        const log = new AuditLog(await makeStore(), () => 10, silentLogger);
        void log.record(entry('a'));
        await log.clear();
        await log.record(entry('b'));
        await log.record(entry('c'));
        const all = await log.all();
        expect(all.map((e) => e.detail)).toEqual(['b', 'c']);
        expect(all[0]!.id).toBeLessThan(all[1]!.id!);
      });
    });
  }

  it('deleteOldest on IndexedDB removes exactly n from the start, or all when fewer', async () => {
    const store = await idbStore();
    for (const d of ['a', 'b', 'c', 'd']) await store.add({ ...entry(d), id: undefined });
    await store.deleteOldest(0);
    await store.deleteOldest(1);
    expect((await store.all()).map((e) => e.detail)).toEqual(['b', 'c', 'd']);
    await store.deleteOldest(2);
    expect((await store.all()).map((e) => e.detail)).toEqual(['d']);
    await store.deleteOldest(5);
    expect(await store.count()).toBe(0);
  });

  it('never throws when the store fails; logs, and carries on', async () => {
    const inner = new MemoryAuditStore();
    let failures = 1;
    const flaky: AuditStore = {
      add: async (e) => {
        if (failures-- > 0) throw new Error('QuotaExceededError');
        return inner.add(e);
      },
      addAll: async (entries) => {
        if (failures-- > 0) throw new Error('QuotaExceededError');
        return inner.addAll(entries);
      },
      count: () => inner.count(),
      deleteOldest: (n) => inner.deleteOldest(n),
      all: () => inner.all(),
      clear: () => inner.clear(),
    };
    const { logger, warn } = spyLogger();
    const log = new AuditLog(flaky, () => 2, logger);
    await expect(log.record(entry('lost'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![1])).toContain('QuotaExceededError');
    for (const d of ['a', 'b', 'c']) await log.record(entry(d));
    expect(await details(log)).toEqual(['b', 'c']);

    const broken = new AuditLog(
      { ...flaky, addAll: () => Promise.reject(new Error('gone')) },
      () => 2,
      logger,
    );
    await expect(broken.record(entry('x'))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
  });
});

describe('argsDigest', () => {
  it('is the same whatever the key order, at every depth', async () => {
    const a = await argsDigest({ a: 1, b: { c: [1, { d: 2, e: 3 }] } });
    expect(await argsDigest({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(a);
    // Pinned, so a change to the canonical form (which would split one history in two) is noticed.
    expect(a).toBe('sha256:d160c1d18d8e9652');
  });

  it('differs for different arguments, and treats no arguments as {}', async () => {
    expect(await argsDigest({ q: 'shoes' })).not.toBe(await argsDigest({ q: 'boots' }));
    expect(await argsDigest({ list: [1, 2] })).not.toBe(await argsDigest({ list: [2, 1] }));
    expect(await argsDigest(undefined)).toBe('sha256:44136fa355b3678a'); // sha256("{}")
    expect(await argsDigest({})).toMatch(/^sha256:[0-9a-f]{16}$/);
  });
});

describe('filterAudit', () => {
  const rows: AuditEntry[] = [
    {
      id: 1,
      at: 1,
      kind: 'call',
      source: 'https://shop.example',
      tool: 'search',
      assistant: 'Claude',
      decision: 'allow-once',
      decidedBy: 'user',
      outcome: 'ok',
    },
    {
      id: 2,
      at: 2,
      kind: 'call',
      source: 'https://shop.example',
      tool: 'buy',
      decision: 'deny',
      decidedBy: 'user',
      outcome: 'denied',
    },
    {
      id: 3,
      at: 3,
      kind: 'call',
      source: 'Files server',
      tool: 'delete',
      decision: 'deny',
      decidedBy: 'timeout',
      outcome: 'timeout',
    },
    {
      id: 4,
      at: 4,
      kind: 'call',
      source: 'Files server',
      tool: 'read',
      decision: 'allow',
      decidedBy: 'policy',
      outcome: 'error',
      detail: 'ENOENT notes.TXT',
    },
    {
      id: 5,
      at: 5,
      kind: 'grant',
      source: 'https://news.example',
      decision: 'granted',
      detail: 'page content',
    },
    { id: 6, at: 6, kind: 'elicitation', source: 'Files server', decision: 'decline', decidedBy: 'user' },
  ];
  const ids = (f: Partial<typeof NO_AUDIT_FILTER>) =>
    filterAudit(rows, { ...NO_AUDIT_FILTER, ...f }).map((e) => e.id);

  it('shows everything with no filter', () => {
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('filters by kind and by verdict', () => {
    expect(ids({ kind: 'grant' })).toEqual([5]);
    expect(ids({ outcome: 'allowed' })).toEqual([1, 4, 5]);
    expect(ids({ outcome: 'denied' })).toEqual([2, 6]);
    expect(ids({ outcome: 'timeout' })).toEqual([3]);
    expect(ids({ outcome: 'error' })).toEqual([4]);
    expect(ids({ kind: 'call', outcome: 'denied' })).toEqual([2]);
  });

  it('matches text case-insensitively in assistant, source, tool and detail only', () => {
    expect(ids({ text: '  claude ' })).toEqual([1]);
    expect(ids({ text: 'FILES' })).toEqual([3, 4, 6]);
    expect(ids({ text: 'Bu' })).toEqual([2]);
    expect(ids({ text: 'notes.txt' })).toEqual([4]);
    expect(ids({ text: 'allow-once' })).toEqual([]); // the decision column has its own filter
  });
});
