import type { AuditEntry } from '../messages/audit-entry';
import type { Logger } from '../shared/logger';
import type { AuditStore } from '../storage/stores';

/** An entry, one still being computed, or one to compute when it is written (off the caller's path). */
export type PendingEntry =
  | Omit<AuditEntry, 'id'>
  | Promise<Omit<AuditEntry, 'id'>>
  | (() => Promise<Omit<AuditEntry, 'id'>>);

/** How long a first entry waits for others to share its write. */
export const BATCH_MS = 100;

interface Queued {
  make: () => Omit<AuditEntry, 'id'> | Promise<Omit<AuditEntry, 'id'>>;
  written: () => void;
}

/**
 * The bounded audit log. Recording is a side effect of calls and approvals, so it must never fail them:
 * `record` logs storage errors instead of throwing. Writes go through one promise chain, so entries land
 * in call order even when callers don't await, and the bound holds once any `record` has settled.
 *
 * Writes are batched: what is recorded within BATCH_MS of a first entry is written together, in one
 * transaction, from a timer task of its own, so that a tool call's result is sent before IndexedDB is
 * touched, and a burst of calls pays for one transaction (npm run bench: an IndexedDB add per call cost the
 * worker ~0.3 ms on the result's way out). Nothing is dropped: `all()` and `clear()` write what is waiting
 * first, and the worker lives on for 30 s after its last event, long past the batch's timer.
 */
export class AuditLog {
  #chain: Promise<void> = Promise.resolve();
  // Entries in the store as far as this log knows; undefined = ask the store. Only decides *when* to trim:
  // the amount to trim always comes from a fresh count, because another context (the options page) may
  // have cleared the store behind our back, and trimming by a stale, too-high count would lose entries.
  #count: number | undefined;
  #waiting: Queued[] = [];
  #scheduled = false;

  constructor(
    private readonly store: AuditStore,
    private readonly limit: () => number,
    private readonly logger: Logger,
    private readonly defer: (task: () => void) => void = (task) => void setTimeout(task, BATCH_MS),
  ) {}

  record(entry: PendingEntry): Promise<void> {
    // The write is deferred: a caller mutating its object afterwards must not change it, so a copy is kept.
    // An entry still being computed (an arguments digest) takes its place in the order now, and is written
    // once it is ready; a function is called only when its batch is written, off the caller's path.
    let make: Queued['make'];
    if (typeof entry === 'function') make = entry;
    else if (entry instanceof Promise) {
      const copy = entry.then((e) => ({ ...e }));
      copy.catch(() => {}); // reported when its batch is written
      make = () => copy;
    } else {
      const copy = { ...entry };
      make = () => copy;
    }
    return new Promise<void>((written) => {
      this.#waiting.push({ make, written });
      this.#schedule();
    });
  }

  /** Every entry, oldest first, including those recorded (but not yet written) before this call. */
  async all(): Promise<AuditEntry[]> {
    this.#flush();
    await this.#chain;
    return this.store.all();
  }

  /** Empties the log. Queued behind earlier records, so none of them reappears afterwards. */
  clear(): Promise<void> {
    this.#flush();
    return this.#enqueue(async () => {
      this.#count = undefined;
      await this.store.clear();
      this.#count = 0;
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.defer(() => this.#flush());
  }

  /** Puts what is waiting on the chain as one batch (a no-op when nothing waits). */
  #flush(): void {
    this.#scheduled = false;
    const batch = this.#waiting;
    if (batch.length === 0) return;
    this.#waiting = [];
    void this.#enqueue(async () => {
      try {
        const entries: Omit<AuditEntry, 'id'>[] = [];
        for (const queued of batch) {
          try {
            entries.push(await queued.make());
          } catch (error) {
            this.logger.warn('Could not make an audit log entry', error);
          }
        }
        await this.#write(entries);
      } catch (error) {
        this.#count = undefined;
        this.logger.warn('Could not write to the audit log', error);
      } finally {
        for (const queued of batch) queued.written();
      }
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(task);
    // The chain must survive a failed task (clear() rethrows to its caller), or every later write would skip.
    this.#chain = run.catch(() => {});
    return run;
  }

  async #write(entries: Omit<AuditEntry, 'id'>[]): Promise<void> {
    if (entries.length === 0) return;
    await this.store.addAll(entries);
    this.#count = this.#count === undefined ? await this.store.count() : this.#count + entries.length;
    const limit = this.limit();
    if (!Number.isFinite(limit) || this.#count <= limit) return; // Infinity/NaN: unbounded, never trim
    const keep = Math.max(0, Math.floor(limit));
    const stored = await this.store.count();
    if (stored > keep) await this.store.deleteOldest(stored - keep);
    this.#count = Math.min(stored, keep);
  }
}

/**
 * "sha256:" and the first 16 hex digits of the SHA-256 of the arguments' canonical JSON (object keys sorted
 * at every depth), so the same arguments give the same digest whatever order an assistant sent them in.
 * The log keeps this instead of the arguments, which may be private. Missing arguments digest as `{}`.
 */
export async function argsDigest(args: unknown): Promise<string> {
  const json = JSON.stringify(args === undefined ? {} : args, sortKeys) ?? 'null';
  const hash = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  const hex = Array.from(new Uint8Array(hash, 0, 8), (byte) => byte.toString(16).padStart(2, '0'));
  return `sha256:${hex.join('')}`;
}

// A replacer runs after toJSON and before serialising each value, so re-creating plain objects with sorted
// keys canonicalises every level. (Integer-like keys are still put first by the engine, but in a fixed
// order, so the output remains independent of the input order.)
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
}
