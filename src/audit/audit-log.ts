import type { AuditEntry } from '../messages/audit-entry';
import type { Logger } from '../shared/logger';
import type { AuditStore } from '../storage/stores';

/**
 * The bounded audit log. Recording is a side effect of calls and approvals, so it must never fail them:
 * `record` logs storage errors instead of throwing. Writes go through one promise chain, so entries land
 * in call order even when callers don't await, and the bound holds once any `record` has settled.
 */
export class AuditLog {
  #chain: Promise<void> = Promise.resolve();
  // Entries in the store as far as this log knows; undefined = ask the store. Only decides *when* to trim:
  // the amount to trim always comes from a fresh count, because another context (the options page) may
  // have cleared the store behind our back, and trimming by a stale, too-high count would lose entries.
  #count: number | undefined;

  constructor(
    private readonly store: AuditStore,
    private readonly limit: () => number,
    private readonly logger: Logger,
  ) {}

  record(entry: Omit<AuditEntry, 'id'> | Promise<Omit<AuditEntry, 'id'>>): Promise<void> {
    // The write is deferred; a caller mutating its object must not change it. An entry still being
    // computed (an arguments digest) takes its place in the order now, and is written once it is ready.
    const snapshot = entry instanceof Promise ? entry.then((e) => ({ ...e })) : { ...entry };
    return this.#enqueue(async () => {
      try {
        await this.#write(await snapshot);
      } catch (error) {
        this.#count = undefined;
        this.logger.warn('Could not write to the audit log', error);
      }
    });
  }

  /** Every entry, oldest first, including those recorded (but not yet written) before this call. */
  async all(): Promise<AuditEntry[]> {
    await this.#chain;
    return this.store.all();
  }

  /** Empties the log. Queued behind earlier records, so none of them reappears afterwards. */
  clear(): Promise<void> {
    return this.#enqueue(async () => {
      this.#count = undefined;
      await this.store.clear();
      this.#count = 0;
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(task);
    // The chain must survive a failed task (clear() rethrows to its caller), or every later write would skip.
    this.#chain = run.catch(() => {});
    return run;
  }

  async #write(entry: AuditEntry): Promise<void> {
    await this.store.add(entry);
    this.#count = this.#count === undefined ? await this.store.count() : this.#count + 1;
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
