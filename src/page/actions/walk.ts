/**
 * One walk over what a person can see of a document, in document order, for the outline and for
 * wait_for's text: open shadow roots in place of their host's children (with slotted children where
 * their slot is), same-origin frames' documents where the frame is, and nothing that is not shown.
 *
 * It walks firstChild/nextSibling rather than a TreeWalker because a TreeWalker does not enter shadow
 * roots or frames, and because the outline needs to know when it leaves an element (a heading, a form).
 * It is still one pass, touching each shown node once.
 */
import { OVERLAY_HOST_ATTRIBUTE } from './overlay';
import { type Shown, type Visibility, visibilityFor } from './visibility';

export interface Visitor {
  /** A shown element (`shown` false: visibility:hidden, its own text is not shown). False: skip inside. */
  enter(el: Element, shown: boolean): boolean;
  /** After the inside of an element `enter` said true to. */
  leave(el: Element): void;
  /** A text node's data, only where its element's text is shown. */
  text(data: string): void;
  /** A frame: its document if it is same-origin, else null. True: walk that document there. */
  frame(el: HTMLIFrameElement | HTMLFrameElement, doc: Document | null): boolean;
}

/** Never shown, whatever their style (head holds title and meta, which the outline's header says). */
const SKIP = new Set(['script', 'style', 'template', 'noscript', 'head', 'link', 'meta']);

export function walkDocument(doc: Document, visitor: Visitor): void {
  const root = doc.body ?? doc.documentElement;
  if (!root) return;
  const vis = visibilityFor(doc);
  const state = vis.of(root);
  if (state === 'none' || !visitor.enter(root, state === 'shown')) return;
  walkInside(root, visitor, vis, state);
  visitor.leave(root);
}

function walkInside(el: Element, visitor: Visitor, vis: Visibility, state: Shown): void {
  const shown = state === 'shown';
  if (el.localName === 'slot' && typeof (el as HTMLSlotElement).assignedNodes === 'function') {
    const assigned = (el as HTMLSlotElement).assignedNodes();
    if (assigned.length > 0) {
      for (const node of assigned) walkNode(node, visitor, vis, shown);
      return;
    }
  }
  // A closed <details> shows only its summary (checkVisibility knows; computed style in jsdom does not).
  const closedDetails = el.localName === 'details' && !el.hasAttribute('open');
  const from: Node = el.shadowRoot ?? el;
  for (let child = from.firstChild; child; child = child.nextSibling) {
    if (closedDetails && (child as Element).localName !== 'summary') continue;
    walkNode(child, visitor, vis, shown);
  }
}

function walkNode(node: Node, visitor: Visitor, vis: Visibility, parentShown: boolean): void {
  if (node.nodeType === 3) {
    if (parentShown) visitor.text((node as Text).data);
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  const tag = el.localName;
  if (SKIP.has(tag)) return;
  // Our own "… is acting" bar is not the page's.
  if (el.hasAttribute(OVERLAY_HOST_ATTRIBUTE)) return;
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('inert')) return;
  if (tag === 'dialog' && !el.hasAttribute('open')) return;
  const state = vis.of(el);
  if (state === 'none' || !visitor.enter(el, state === 'shown')) return;
  if (tag === 'iframe' || tag === 'frame') {
    const frame = el as HTMLIFrameElement;
    const doc = sameOriginDocument(frame);
    if (visitor.frame(frame, doc) && doc) walkDocument(doc, visitor);
  } else {
    walkInside(el, visitor, vis, state);
  }
  visitor.leave(el);
}

/**
 * A frame's document, or null when it belongs to another site (the browser gives null, or throws in
 * some older engines). Elements there get no ref, so nothing can ever act inside another site's frame.
 */
function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}
