import { approvalKey, type StandingApproval } from '../messages/decisions';
import type { SessionApprovalStore, StandingStore } from '../storage/stores';

const keyOf = approvalKey;

/**
 * Remembered decisions per assistant × site or server × tool. Reads are synchronous from a cache, so the
 * check on a call's path never waits on storage; forgetting takes effect in the cache before the write.
 */
export class StandingApprovals {
  readonly #cache = new Map<string, StandingApproval>();
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly store: StandingStore,
    private readonly session: SessionApprovalStore,
  ) {}

  async load(): Promise<void> {
    const [always, session] = await Promise.all([this.store.all(), this.session.get()]);
    this.#cache.clear();
    for (const a of [...session, ...always]) this.#cache.set(keyOf(a), a);
  }

  get(assistant: string, source: string, tool: string): StandingApproval['decision'] | undefined {
    return this.#cache.get(keyOf({ assistant, source, tool }))?.decision;
  }

  list(): StandingApproval[] {
    return [...this.#cache.values()];
  }

  async remember(approval: StandingApproval): Promise<void> {
    this.#cache.set(keyOf(approval), approval);
    this.#emit();
    if (approval.decision === 'allow-always') await this.store.put(approval);
    else await this.#saveSession();
  }

  async forget(assistant: string, source: string, tool: string): Promise<void> {
    const found = this.#cache.get(keyOf({ assistant, source, tool }));
    if (!found) return;
    this.#cache.delete(keyOf(found));
    this.#emit();
    if (found.decision === 'allow-always') await this.store.delete(assistant, source, tool);
    else await this.#saveSession();
  }

  /** Forgets everything remembered for one site or server ("revoke all"). */
  async forgetSource(source: string): Promise<void> {
    const gone = this.list().filter((a) => a.source === source);
    await Promise.all(gone.map((a) => this.forget(a.assistant, a.source, a.tool)));
  }

  /** The store was replaced underneath (a settings import): session decisions are dropped with it. */
  async reloaded(): Promise<void> {
    await this.session.set([]);
    await this.load();
    this.#emit();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #saveSession(): Promise<void> {
    await this.session.set(this.list().filter((a) => a.decision === 'allow-session'));
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
