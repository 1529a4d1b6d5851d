import type { LoadOutcome, PlatformTab, TabsPlatform } from '../../../src/host/tabs-platform';

/**
 * A browser's tabs as TabsPlatform shows them, in memory: what the built-in browser server did to them,
 * and loads the test finishes (or not) by hand. A wait honours its signal as the real one does.
 */
export class FakeTabsPlatform implements TabsPlatform {
  tabs: PlatformTab[] = [];
  /** Every change asked of the browser, in order, e.g. "create https://a/" or "remove 3". */
  readonly calls: string[] = [];
  /** Tabs being waited on, and how to end the wait. */
  readonly waits = new Map<number, { finish(outcome: LoadOutcome): void; signal: AbortSignal }>();
  /** The next tab id create() hands out. */
  nextId = 100;

  tab(id: number, windowId = 1, active = false): this {
    this.tabs.push({ id, windowId, active });
    return this;
  }

  async all(): Promise<PlatformTab[]> {
    return this.tabs.map((t) => ({ ...t }));
  }

  async create(url: string): Promise<{ id: number; windowId: number }> {
    this.calls.push(`create ${url}`);
    const id = this.nextId++;
    this.tabs.push({ id, windowId: 1, active: true });
    return { id, windowId: 1 };
  }

  async update(tabId: number, change: { url?: string; active?: boolean }): Promise<void> {
    this.calls.push(`update ${tabId} ${JSON.stringify(change)}`);
  }

  async focusWindow(windowId: number): Promise<void> {
    this.calls.push(`focus window ${windowId}`);
  }

  async remove(tabId: number): Promise<void> {
    this.calls.push(`remove ${tabId}`);
    this.tabs = this.tabs.filter((t) => t.id !== tabId);
  }

  loaded(tabId: number, signal: AbortSignal): Promise<LoadOutcome> {
    return new Promise((resolve) => {
      const finish = (outcome: LoadOutcome) => {
        this.waits.delete(tabId);
        resolve(outcome);
      };
      if (signal.aborted) return finish('stopped');
      signal.addEventListener('abort', () => finish('stopped'), { once: true });
      this.waits.set(tabId, { finish, signal });
    });
  }

  /** Resolves once someone waits for `tabId` to load. */
  async waitedOn(tabId: number): Promise<{ finish(outcome: LoadOutcome): void; signal: AbortSignal }> {
    for (let i = 0; i < 100; i++) {
      const wait = this.waits.get(tabId);
      if (wait) return wait;
      await Promise.resolve();
    }
    throw new Error(`nobody waited for tab ${tabId} to load`);
  }
}
