/**
 * Waiting for a page to settle after an action: a microtask and a frame for the page's own handlers,
 * then until the DOM has been quiet for QUIET_MS (at most MAX_SETTLE_MS, so a page with a ticking clock
 * still answers), or at once when the page starts to go away (the answer must leave before it does).
 */
import type { DomWindow } from './dom-events';

export const QUIET_MS = 100;
export const MAX_SETTLE_MS = 1000;

export async function settle(win: DomWindow, signal: AbortSignal, leaving: Promise<void>): Promise<void> {
  await Promise.resolve();
  await Promise.race([nextFrame(win), leaving]);
  await new Promise<void>((resolve) => {
    let quiet: number | undefined;
    const done = () => {
      observer.disconnect();
      win.clearTimeout(quiet);
      win.clearTimeout(cap);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const restart = () => {
      win.clearTimeout(quiet);
      quiet = win.setTimeout(done, QUIET_MS);
    };
    const observer = new win.MutationObserver(restart);
    observer.observe(win.document, { subtree: true, childList: true, attributes: true, characterData: true });
    const cap = win.setTimeout(done, MAX_SETTLE_MS);
    signal.addEventListener('abort', done);
    void leaving.then(done);
    restart();
  });
}

/** One animation frame, or 50 ms where frames do not come (a background tab, jsdom). */
function nextFrame(win: DomWindow): Promise<void> {
  return new Promise((resolve) => {
    const timer = win.setTimeout(resolve, 50);
    if (typeof win.requestAnimationFrame === 'function') {
      win.requestAnimationFrame(() => {
        win.clearTimeout(timer);
        resolve();
      });
    }
  });
}

/** Resolves when the page fires beforeunload or pagehide; `stop` removes the listeners. */
export function watchLeaving(win: DomWindow): {
  leaving: Promise<void>;
  left: () => boolean;
  stop: () => void;
} {
  let gone = false;
  let fire = () => {};
  const leaving = new Promise<void>((resolve) => {
    fire = resolve;
  });
  const onLeave = () => {
    gone = true;
    fire();
  };
  win.addEventListener('beforeunload', onLeave, true);
  win.addEventListener('pagehide', onLeave, true);
  return {
    leaving,
    left: () => gone,
    stop: () => {
      win.removeEventListener('beforeunload', onLeave, true);
      win.removeEventListener('pagehide', onLeave, true);
    },
  };
}
