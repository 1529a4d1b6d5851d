/**
 * wait_for: until text shows on the page (or goes), or an element is there (or gone). Checked on every
 * batch of DOM changes (at most every CHECK_MS, since reading a big page's text costs a few ms) and on a
 * poll, for what changes without a mutation (CSS transitions, a class on <html> …).
 */
import { DEFAULT_WAIT_MS, MAX_WAIT_MS } from '../../messages/page-actions';
import type { DomWindow } from './dom-events';
import type { RefRegistry } from './refs';
import { isShown } from './shown';
import { collapse, cut } from './text';
import { walkDocument } from './walk';

const CHECK_MS = 50;
/** Elements inside a line of text; every other element separates words ("Price</td><td>Total"). */
const INLINE = new Set(
  'a abbr b bdi bdo cite code data del dfn em i ins kbd label mark q s samp small span strong sub sup time u var'.split(
    ' ',
  ),
);
const POLL_MS = 250;

export interface WaitCondition {
  text?: string;
  ref?: string;
  gone: boolean;
  timeout?: number;
}

export interface WaitResult {
  ok: boolean;
  /** Aborted before the condition held. */
  stopped: boolean;
  ms: number;
}

/** The text a person can see, collapsed and lower-cased, for matching. */
export function visibleText(doc: Document): string {
  const parts: string[] = [];
  walkDocument(doc, {
    enter: (el) => {
      if (!INLINE.has(el.localName)) parts.push(' ');
      return true;
    },
    leave: (el) => {
      if (!INLINE.has(el.localName)) parts.push(' ');
    },
    text: (data) => {
      parts.push(data);
    },
    frame: () => true,
  });
  return collapse(parts.join('')).toLowerCase();
}

export function waitTimeout(timeout: number | undefined): number {
  return Math.min(MAX_WAIT_MS, Math.max(0, timeout ?? DEFAULT_WAIT_MS));
}

export function waitFor(
  win: DomWindow,
  refs: RefRegistry,
  want: WaitCondition,
  signal: AbortSignal,
): Promise<WaitResult> {
  const doc = win.document;
  const needle = want.text === undefined ? undefined : collapse(want.text).toLowerCase();
  const holds = () => {
    if (needle !== undefined && visibleText(doc).includes(needle) === want.gone) return false;
    if (want.ref !== undefined) {
      const el = refs.resolve(want.ref);
      if ((el !== undefined && isShown(el)) === want.gone) return false;
    }
    return true;
  };
  const started = performance.now();
  const limit = waitTimeout(want.timeout);
  return new Promise((resolve) => {
    let pending: number | undefined;
    const finish = (ok: boolean, stopped = false) => {
      observer.disconnect();
      win.clearTimeout(pending);
      win.clearTimeout(deadline);
      win.clearInterval(poll);
      signal.removeEventListener('abort', onAbort);
      resolve({ ok, stopped, ms: Math.round(performance.now() - started) });
    };
    const check = () => {
      pending = undefined;
      if (holds()) finish(true);
    };
    const soon = () => {
      if (pending === undefined) pending = win.setTimeout(check, CHECK_MS);
    };
    const onAbort = () => finish(false, true);
    const observer = new win.MutationObserver(soon);
    const poll = win.setInterval(check, POLL_MS);
    const deadline = win.setTimeout(() => finish(holds()), limit);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  });
}

/** What was waited for, in words: `"Order placed"`, `element e5`. */
export function describeWait(want: WaitCondition): string {
  const what: string[] = [];
  if (want.text !== undefined) what.push(`"${cut(collapse(want.text), 100)}"`);
  if (want.ref !== undefined) what.push(`element ${want.ref}`);
  return what.join(' and ');
}
