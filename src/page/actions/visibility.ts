/**
 * Whether a person can see an element, as cheaply as the document allows.
 *
 * - A rendered page (a real tab): `checkVisibility()`, which reads the layout the browser already has, so a
 *   walk over the page forces at most one style and layout update.
 * - A document with a window but no layout (jsdom in the unit tests): computed style.
 * - A document without a window (DOMParser, as the bench parses pages): attributes and inline style only.
 *
 * `none` means neither the element nor anything inside it is shown (display:none and the like); `hidden`
 * means the element's own text is not shown (visibility:hidden) but a child may show itself again
 * (visibility:visible), so the walk goes on inside it.
 */
export type Shown = 'shown' | 'hidden' | 'none';

export interface Visibility {
  of(el: Element): Shown;
}

const fromStyle = (display: string, visibility: string): Shown =>
  display === 'none' ? 'none' : visibility === 'hidden' || visibility === 'collapse' ? 'hidden' : 'shown';

export function visibilityFor(doc: Document): Visibility {
  const view = doc.defaultView;
  const sample = doc.documentElement;
  if (view && sample && typeof sample.checkVisibility === 'function') return layoutVisibility(view);
  if (view && typeof view.getComputedStyle === 'function') {
    return {
      of(el) {
        if (el.hasAttribute('hidden')) return 'none';
        const style = view.getComputedStyle(el);
        return fromStyle(style.display, style.visibility);
      },
    };
  }
  return {
    of(el) {
      if (el.hasAttribute('hidden')) return 'none';
      const inline = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
      return inline ? fromStyle(inline.display, inline.visibility) : 'shown';
    },
  };
}

function layoutVisibility(view: Window): Visibility {
  return {
    of(el) {
      // One call for the common case (shown); the second and the style read only for the rest.
      if (el.checkVisibility({ visibilityProperty: true })) return 'shown';
      if (el.checkVisibility()) return 'hidden';
      // display:contents has no box of its own, so checkVisibility says false, but its children show.
      return view.getComputedStyle(el).display === 'contents' ? 'shown' : 'none';
    },
  };
}
