/**
 * What the built-in browser server needs of the browser (browser-connection.ts); the worker passes the
 * real one over the tabs and windows APIs (extension/background/browser-tabs.ts), tests a fake.
 */
export interface TabsPlatform {
  /** Every open tab: ids, window, whether shown. URLs and titles are not here: Switchboard has no "tabs" permission. */
  all(): Promise<PlatformTab[]>;
  /** Opens a tab at `url` (shown, in the last focused window). */
  create(url: string): Promise<{ id: number; windowId: number }>;
  update(tabId: number, change: { url?: string; active?: boolean }): Promise<void>;
  focusWindow(windowId: number): Promise<void>;
  remove(tabId: number): Promise<void>;
  /**
   * Resolves 'complete' once the tab has finished loading (status 'complete', which needs no permission),
   * 'closed' if the tab goes away first, 'stopped' once `signal` aborts (then it stops listening). It never
   * rejects: the caller owns the time limit and the cancel (waitForLoad below), and stops it when done.
   */
  loaded(tabId: number, signal: AbortSignal): Promise<LoadOutcome>;
}

export interface PlatformTab {
  id: number;
  windowId: number;
  active: boolean;
}

export type LoadOutcome = 'complete' | 'closed' | 'stopped';

/** How a wait for a tab ended; 'cancelled' is the caller's AbortSignal. */
export type WaitOutcome = 'complete' | 'closed' | 'timeout' | 'cancelled';

/**
 * Waits for a tab to load, at most `timeoutMs`, and no longer than the caller's signal allows. The
 * platform is always told to stop listening afterwards, whichever way the wait ended. It does not rely on
 * the platform to honour the signal: the time limit and the cancel end the wait on their own.
 */
export async function waitForLoad(
  platform: TabsPlatform,
  tabId: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<WaitOutcome> {
  if (signal?.aborted) return 'cancelled';
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const limits = new Promise<WaitOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    onAbort = () => resolve('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const outcome = await Promise.race([platform.loaded(tabId, stop.signal), limits]);
    // 'stopped' can only come from our own stop, which happens below: treat it as the limit it raced.
    return outcome === 'stopped' ? 'timeout' : outcome;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    stop.abort();
  }
}
