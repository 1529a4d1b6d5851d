import type { GrantTarget } from '../messages/contract';
import type { GrantRecord } from '../messages/grant-record';
import { BLOCKED_TARGET, PAGE_TARGET, toolTarget } from '../messages/names';
import type { GrantStore } from '../storage/stores';

// A block is stored like a grant, so export, import and "revoke all" treat it alike.
export function targetKey(target: GrantTarget): string {
  return target.kind === 'page' ? PAGE_TARGET : toolTarget(target.tool);
}

/**
 * Grants per origin and per tool, deny by default. Reads are synchronous from a cache that load() fills,
 * so a call's grant check never waits on storage; writes go to the store first, then the cache, so a grant
 * the user sees succeed has been persisted. A revoke takes effect in the cache at once, even if the write
 * then fails: revoking must never be slower than granting.
 */
export class Grants {
  readonly #granted = new Set<string>();
  readonly #listeners = new Set<(origin: string) => void>();
  #loaded = false;

  constructor(private readonly store: GrantStore) {}

  async load(): Promise<void> {
    const rows = await this.store.all();
    this.#granted.clear();
    for (const row of rows) this.#granted.add(`${row.origin} ${row.target}`);
    this.#loaded = true;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  isToolGranted(origin: string, tool: string): boolean {
    return !this.isBlocked(origin) && this.#granted.has(`${origin} ${toolTarget(tool)}`);
  }

  isPageGranted(origin: string): boolean {
    return !this.isBlocked(origin) && this.#granted.has(`${origin} ${PAGE_TARGET}`);
  }

  /** A blocked site's tools are never offered and its page is never shared, whatever was granted. */
  isBlocked(origin: string): boolean {
    return this.#granted.has(`${origin} ${BLOCKED_TARGET}`);
  }

  /** What is in force now, blocked markers included (the options page's site list): the cache, not storage. */
  list(): { origin: string; target: string }[] {
    return [...this.#granted].map((id) => {
      const space = id.indexOf(' '); // origins and server keys have no spaces; tool names might
      return { origin: id.slice(0, space), target: id.slice(space + 1) };
    });
  }

  /** Every stored record, with when it was granted (settings export). */
  records(): Promise<GrantRecord[]> {
    return this.store.all();
  }

  async setBlocked(origin: string, blocked: boolean, now = Date.now()): Promise<void> {
    const id = `${origin} ${BLOCKED_TARGET}`;
    if (blocked) {
      this.#granted.add(id);
      this.#emit(origin);
      await this.store.put({ origin, target: BLOCKED_TARGET, grantedAt: now });
    } else {
      await this.store.delete(origin, BLOCKED_TARGET);
      if (this.#granted.delete(id)) this.#emit(origin);
    }
  }

  /** Revokes every grant of one origin (a block stays). Takes effect in the cache before the writes. */
  async revokeAll(origin: string): Promise<string[]> {
    const prefix = `${origin} `;
    const targets = [...this.#granted]
      .filter((id) => id.startsWith(prefix) && id !== `${origin} ${BLOCKED_TARGET}`)
      .map((id) => id.slice(prefix.length));
    for (const target of targets) this.#granted.delete(`${origin} ${target}`);
    if (targets.length > 0) this.#emit(origin);
    await Promise.all(targets.map((target) => this.store.delete(origin, target)));
    return targets;
  }

  /** The store was replaced underneath (a settings import): reads it again and tells every origin affected. */
  async reloaded(): Promise<void> {
    const before = new Set([...this.#granted].map((id) => id.slice(0, id.indexOf(' '))));
    await this.load();
    for (const id of this.#granted) before.add(id.slice(0, id.indexOf(' ')));
    for (const origin of before) this.#emit(origin);
  }

  async set(origin: string, target: GrantTarget, granted: boolean, now = Date.now()): Promise<void> {
    const key = targetKey(target);
    const id = `${origin} ${key}`;
    if (granted) {
      await this.store.put({ origin, target: key, grantedAt: now });
      this.#granted.add(id);
    } else {
      const had = this.#granted.delete(id);
      if (had) this.#emit(origin);
      await this.store.delete(origin, key);
      return;
    }
    this.#emit(origin);
  }

  onChange(listener: (origin: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(origin: string): void {
    for (const listener of this.#listeners) listener(origin);
  }
}
