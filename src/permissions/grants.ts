import type { GrantTarget } from '../messages/contract';
import type { GrantStore } from './grant-store';

export const PAGE_TARGET = 'page';
export const toolTarget = (tool: string): string => `tool:${tool}`;

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
    return this.#granted.has(`${origin} ${toolTarget(tool)}`);
  }

  isPageGranted(origin: string): boolean {
    return this.#granted.has(`${origin} ${PAGE_TARGET}`);
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
