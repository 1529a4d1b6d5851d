/** One tab an assistant acts on now, as the popup and Settings show it. */
export interface ActingTab {
  tabId: number;
  origin: string;
  assistants: string[];
}

interface Running {
  assistant: string;
  controller: AbortController;
}

/** How long a finished action keeps the tab listed as acted on: a burst of clicks reads as one spell. */
export const ACTING_LINGER_MS = 3_000;

/**
 * Which tabs assistants are acting on now (page actions that change something), and the way to stop them:
 * each running action's own AbortController, which the page's Stop button aborts through the worker.
 */
export class ActingTabs {
  readonly #running = new Map<number, Set<Running>>();
  /** Finished recently: tab → assistant → when the linger ends. */
  readonly #recent = new Map<number, Map<string, ReturnType<typeof setTimeout>>>();
  readonly #origins = new Map<number, string>();
  readonly #stopped = new WeakSet<AbortController>();

  constructor(
    private readonly changed: (tabId: number) => void,
    private readonly lingerMs = ACTING_LINGER_MS,
  ) {}

  /**
   * An action starts on `tabId`. The returned signal aborts when the caller's does or the person presses
   * Stop; `stopped()` tells the two apart. Call `end()` when the action is over, whatever happened.
   */
  begin(
    tabId: number,
    origin: string,
    assistant: string,
    signal?: AbortSignal,
  ): { signal: AbortSignal; stopped(): boolean; end(): void } {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) onAbort();
    const running: Running = { assistant, controller };
    const set = this.#running.get(tabId) ?? new Set<Running>();
    set.add(running);
    this.#running.set(tabId, set);
    this.#origins.set(tabId, origin);
    this.#clearLinger(tabId, assistant);
    this.changed(tabId);
    let ended = false;
    return {
      signal: controller.signal,
      stopped: () => this.#stopped.has(controller),
      end: () => {
        if (ended) return;
        ended = true;
        signal?.removeEventListener('abort', onAbort);
        set.delete(running);
        if (set.size === 0) this.#running.delete(tabId);
        this.#linger(tabId, assistant);
      },
    };
  }

  /** The person pressed Stop on the tab's page: every action running there is aborted. Returns how many. */
  stop(tabId: number): number {
    const set = this.#running.get(tabId);
    if (!set) return 0;
    for (const { controller } of set) {
      this.#stopped.add(controller);
      controller.abort(new Error('Stopped by the person on the page.'));
    }
    return set.size;
  }

  /** The assistants acting on the tab now (running or just finished), for its popup. */
  assistantsOn(tabId: number): string[] {
    const names = new Set<string>();
    for (const { assistant } of this.#running.get(tabId) ?? []) names.add(assistant);
    for (const assistant of this.#recent.get(tabId)?.keys() ?? []) names.add(assistant);
    return [...names].sort();
  }

  list(): ActingTab[] {
    const tabs = new Set([...this.#running.keys(), ...this.#recent.keys()]);
    return [...tabs]
      .map((tabId) => ({
        tabId,
        origin: this.#origins.get(tabId) ?? '',
        assistants: this.assistantsOn(tabId),
      }))
      .filter((t) => t.assistants.length > 0)
      .sort((a, b) => a.tabId - b.tabId);
  }

  /** The tab closed or navigated away: nothing acts on it any more. */
  forget(tabId: number): void {
    for (const timer of this.#recent.get(tabId)?.values() ?? []) clearTimeout(timer);
    this.#recent.delete(tabId);
    if (!this.#running.has(tabId)) this.#origins.delete(tabId);
  }

  #linger(tabId: number, assistant: string): void {
    const recent = this.#recent.get(tabId) ?? new Map<string, ReturnType<typeof setTimeout>>();
    clearTimeout(recent.get(assistant));
    recent.set(
      assistant,
      setTimeout(() => {
        this.#clearLinger(tabId, assistant);
        if (!this.#running.has(tabId) && !this.#recent.has(tabId)) this.#origins.delete(tabId);
        this.changed(tabId);
      }, this.lingerMs),
    );
    this.#recent.set(tabId, recent);
    this.changed(tabId);
  }

  #clearLinger(tabId: number, assistant: string): void {
    const recent = this.#recent.get(tabId);
    if (!recent) return;
    clearTimeout(recent.get(assistant));
    recent.delete(assistant);
    if (recent.size === 0) this.#recent.delete(tabId);
  }
}
