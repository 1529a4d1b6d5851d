/**
 * Tab and Shift+Tab: a dispatched Tab key moves nothing, so the next element in the page's focus order
 * is found and focused here. Positive tabindex first, in its order, then the rest in document order; the
 * light DOM of the focused element's document only (not into shadow roots), which covers ordinary forms.
 */
import { isDisabled } from './roles';
import { isShown } from './shown';

const FOCUSABLE =
  'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable]:not([contenteditable="false"])';

function tabIndexOf(el: Element): number {
  const attr = el.getAttribute('tabindex');
  if (attr === null) return 0;
  const n = Number.parseInt(attr, 10);
  return Number.isNaN(n) ? 0 : n;
}

/** The document's tabbable elements, in focus order. */
export function tabOrder(doc: Document): Element[] {
  const all = Array.from(doc.querySelectorAll(FOCUSABLE)).filter(
    (el) => tabIndexOf(el) >= 0 && !isDisabled(el) && isShown(el),
  );
  const positive = all.filter((el) => tabIndexOf(el) > 0).sort((a, b) => tabIndexOf(a) - tabIndexOf(b));
  return [...positive, ...all.filter((el) => tabIndexOf(el) === 0)];
}

/** The element Tab (or Shift+Tab) moves to from `from`; wraps at the ends. */
export function nextInTabOrder(doc: Document, from: Element | null, backwards: boolean): Element | undefined {
  const order = tabOrder(doc);
  if (order.length === 0) return undefined;
  const at = from ? order.indexOf(from) : -1;
  if (at < 0) return backwards ? order[order.length - 1] : order[0];
  return order[(at + (backwards ? order.length - 1 : 1)) % order.length];
}
