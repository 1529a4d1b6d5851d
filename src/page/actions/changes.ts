/**
 * What an action changed, in words an assistant can act on: navigation, the title, where focus went,
 * and the outline lines that came and went (a line diff, capped).
 */
import type { Namer } from './names';
import { outlineLines } from './outline';
import type { RefRegistry } from './refs';
import { cut } from './text';

export const DIFF_MAX = 40;

export interface PageState {
  url: string;
  title: string;
  lines: string[];
  focus: Element | null;
}

export function capture(doc: Document, refs: RefRegistry): PageState {
  return { url: doc.URL, title: doc.title, lines: outlineLines(doc, refs), focus: deepFocus(doc) };
}

/** The focused element, through open shadow roots and same-origin frames. */
export function deepFocus(doc: Document): Element | null {
  let el = doc.activeElement;
  for (;;) {
    const inner = el?.shadowRoot?.activeElement ?? frameFocus(el);
    if (!inner) return el === doc.body ? null : el;
    el = inner;
  }
}

function frameFocus(el: Element | null): Element | null {
  if (!el || (el.localName !== 'iframe' && el.localName !== 'frame')) return null;
  try {
    const inner = (el as HTMLIFrameElement).contentDocument?.activeElement ?? null;
    return inner && inner !== inner.ownerDocument.body ? inner : null;
  } catch {
    return null;
  }
}

export interface ChangeFacts {
  before: PageState;
  after: PageState;
  /** The page fired beforeunload or pagehide. */
  leaving: boolean;
  /** Where a link or form would take the page, when the action was on one. */
  destination?: string;
  /** The element acted on: its focus is not news. */
  target?: Element;
}

/** Sentences and the diff, one per line; "Nothing visible changed." when that is so. */
export function describeChanges(facts: ChangeFacts, refs: RefRegistry, namer: Namer): string[] {
  const { before, after } = facts;
  const out: string[] = [];
  if (facts.leaving) {
    out.push(
      `The page is navigating${facts.destination ? ` to ${cut(facts.destination, 300)}` : ' away'}; take a new page_snapshot once it has loaded.`,
    );
  } else if (after.url !== before.url) {
    out.push(`The address is now ${cut(after.url, 300)}.`);
  }
  if (after.title !== before.title) out.push(`The title is now "${cut(after.title, 200)}".`);
  if (after.focus !== before.focus && after.focus && after.focus !== facts.target) {
    const ref = refs.peek(after.focus);
    out.push(`Focus is now on ${namer.describe(after.focus)}${ref ? ` [ref=${ref}]` : ''}.`);
  }
  const diff = diffLines(before.lines, after.lines);
  if (diff.length > 0) out.push('Changes:', ...diff);
  else if (out.length === 0) out.push('Nothing visible changed on the page.');
  return out;
}

/**
 * Lines removed ("- ") and added ("+ "). The common start and end are skipped; in between, lines are
 * compared as multisets: refs make most lines unique, so this finds what came and went in linear time,
 * where a full LCS diff of two 20,000-line outlines would not be.
 */
export function diffLines(before: string[], after: string[], max = DIFF_MAX): string[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const count = new Map<string, number>();
  for (let i = start; i < endB; i++) count.set(before[i]!, (count.get(before[i]!) ?? 0) + 1);
  const added: string[] = [];
  for (let i = start; i < endA; i++) {
    const line = after[i]!;
    const n = count.get(line) ?? 0;
    if (n > 0) count.set(line, n - 1);
    else added.push(`+ ${line.trim()}`);
  }
  const removed: string[] = [];
  for (let i = start; i < endB; i++) {
    const line = before[i]!;
    const n = count.get(line) ?? 0;
    if (n > 0) {
      count.set(line, n - 1);
      removed.push(`- ${line.trim()}`);
    }
  }
  const all = [...removed, ...added];
  return all.length <= max ? all : [...all.slice(0, max), `…${all.length - max} more changes`];
}
