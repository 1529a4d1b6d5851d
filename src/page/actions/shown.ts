/** Whether one element is shown now: itself and every ancestor (across shadow roots and frames). */
import { visibilityFor } from './visibility';

export function isShown(el: Element): boolean {
  if (!el.isConnected) return false;
  let own = true;
  for (let node: Element | null = el; node; ) {
    if (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('inert')) return false;
    if (node.localName === 'dialog' && !node.hasAttribute('open')) return false;
    const parent: Element | null = node.parentElement;
    if (parent?.localName === 'details' && !parent.hasAttribute('open') && node.localName !== 'summary')
      return false;
    const state = visibilityFor(node.ownerDocument).of(node);
    if (state === 'none') return false;
    // Only the element's own visibility counts: an ancestor's visibility:hidden can be overridden.
    if (node === el && state === 'hidden') own = false;
    const root = node.getRootNode();
    node = parent ?? (root as ShadowRoot).host ?? node.ownerDocument.defaultView?.frameElement ?? null;
  }
  return own;
}
