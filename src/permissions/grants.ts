import type { GrantTarget } from '../messages/contract';
import type { GrantRecord } from '../messages/grant-record';
import {
  ACTIONS_TARGET,
  ASSISTANTS_TARGET,
  BLOCKED_TARGET,
  PAGE_TARGET,
  toolTarget,
} from '../messages/names';
import type { GrantStore } from '../storage/stores';

// A block is stored like a grant, so export, import and "revoke all" treat it alike.
export function targetKey(target: GrantTarget): string {
  if (target.kind === 'page') return PAGE_TARGET;
  if (target.kind === 'actions') return ACTIONS_TARGET;
  return toolTarget(target.tool);
}

/**
 * Where the sites whose actions the person stopped from the page are kept: for the browser session
 * (the browser session's storage), so a worker that wakes up still has them, and a new browser has none.
 */
export interface ActionPauseStore {
  load(): Promise<string[]>;
  save(origins: string[]): Promise<void>;
}

/**
 * Grants per origin and per tool, deny by default. Reads are synchronous from a cache that load() fills,
 * so a call's grant check never waits on storage; writes go to the store first, then the cache, so a grant
 * the user sees succeed has been persisted. A revoke takes effect in the cache at once, even if the write
 * then fails: revoking must never be slower than granting.
 */
export class Grants {
  readonly #granted = new Set<string>();
  /** Origins whose grants are for some assistants only (absent: every assistant). */
  readonly #scopes = new Map<string, ReadonlySet<string>>();
  readonly #listeners = new Set<(origin: string) => void>();
  /** Origins whose action grant the person stopped from the page, for this browser session. */
  readonly #paused = new Set<string>();
  #loaded = false;

  constructor(
    private readonly store: GrantStore,
    private readonly pauses?: ActionPauseStore,
  ) {}

  async load(): Promise<void> {
    const [rows, paused] = await Promise.all([this.store.all(), this.pauses?.load() ?? []]);
    this.#paused.clear();
    for (const origin of paused) this.#paused.add(origin);
    this.#granted.clear();
    this.#scopes.clear();
    for (const row of rows) {
      if (row.target === ASSISTANTS_TARGET) this.#scopes.set(row.origin, new Set(row.assistants ?? []));
      else this.#granted.add(`${row.origin} ${row.target}`);
    }
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

  /** Whether anything of the origin is shared (a tool, the page, or actions): its tabs are then listed to assistants. */
  sharesAnything(origin: string): boolean {
    if (this.isBlocked(origin)) return false;
    if (this.isActionsGranted(origin)) return true;
    const prefix = `${origin} `;
    for (const id of this.#granted) {
      if (id.startsWith(prefix) && id !== `${prefix}${ACTIONS_TARGET}`) return true;
    }
    return false;
  }

  /** "Let assistants act on this site", and not stopped from the page this session. */
  isActionsGranted(origin: string): boolean {
    return (
      !this.isBlocked(origin) && !this.#paused.has(origin) && this.#granted.has(`${origin} ${ACTIONS_TARGET}`)
    );
  }

  /** Whether the person pressed Stop on this site's page this session (the grant itself is kept). */
  isActionsPaused(origin: string): boolean {
    return this.#paused.has(origin) && this.#granted.has(`${origin} ${ACTIONS_TARGET}`);
  }

  /**
   * Stop, from the page: the site's actions are off until the browser restarts or the person turns them on
   * again. Takes effect at once; the session write follows.
   */
  async pauseActions(origin: string): Promise<void> {
    if (this.#paused.has(origin)) return;
    this.#paused.add(origin);
    this.#emit(origin);
    await this.pauses?.save([...this.#paused]);
  }

  /** Whether this origin's grants are for this assistant: all assistants, unless the user chose some. */
  allowsAssistant(origin: string, assistantId: string): boolean {
    const scope = this.#scopes.get(origin);
    return !scope || scope.has(assistantId);
  }

  /** The assistants this origin's grants are limited to, or undefined for all of them. */
  assistantsOf(origin: string): string[] | undefined {
    const scope = this.#scopes.get(origin);
    return scope ? [...scope] : undefined;
  }

  /** Whether any origin limits its grants (the catalog skips per-assistant filtering when none does). */
  get scoped(): boolean {
    return this.#scopes.size > 0;
  }

  /** The limits in force, as one string: what the host compares to tell whether they changed. */
  scopesKey(): string {
    return JSON.stringify([...this.#scopes].map(([origin, ids]) => [origin, [...ids].sort()]).sort());
  }

  /**
   * Limits the origin's grants to these assistants, or (undefined) opens them to all again. Narrowing takes
   * effect in the cache before the write, as a revoke does; widening only after it, as a grant does.
   */
  async setAssistants(origin: string, assistants: string[] | undefined, now = Date.now()): Promise<void> {
    if (assistants) {
      const next = new Set(assistants);
      const before = this.#scopes.get(origin);
      const narrows = !before || [...next].every((id) => before.has(id));
      const write = () =>
        this.store.put({ origin, target: ASSISTANTS_TARGET, grantedAt: now, assistants: [...next] });
      if (!narrows) await write();
      this.#scopes.set(origin, next);
      this.#emit(origin);
      if (narrows) await write();
    } else {
      await this.store.delete(origin, ASSISTANTS_TARGET);
      if (this.#scopes.delete(origin)) this.#emit(origin);
    }
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

  /**
   * Revokes every grant of one origin (a block stays, and so does a limit to some assistants, which only
   * ever narrows). Takes effect in the cache before the writes.
   */
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
    for (const origin of this.#scopes.keys()) before.add(origin);
    await this.load();
    for (const id of this.#granted) before.add(id.slice(0, id.indexOf(' ')));
    for (const origin of this.#scopes.keys()) before.add(origin);
    for (const origin of before) this.#emit(origin);
  }

  async set(origin: string, target: GrantTarget, granted: boolean, now = Date.now()): Promise<void> {
    const key = targetKey(target);
    const id = `${origin} ${key}`;
    if (granted) {
      await this.store.put({ origin, target: key, grantedAt: now });
      this.#granted.add(id);
      // Turning actions on again is the person's answer to their own Stop.
      if (key === ACTIONS_TARGET && this.#paused.delete(origin)) await this.pauses?.save([...this.#paused]);
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
