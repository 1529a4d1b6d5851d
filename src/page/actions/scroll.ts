/**
 * scroll: an element into view, or the page by most of a screen (85 %, so a line of context stays) or to
 * an end. The outline covers the whole page whatever is in view, so what scrolling brings is content a
 * page loads lazily; the change report shows that.
 */
import { ActionError } from './args';
import type { DomWindow } from './dom-events';

export function scrollIntoView(el: Element): void {
  if (typeof el.scrollIntoView === 'function') {
    el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
  }
}

/** Scrolls the page; returns the sentence for the result. */
export function scrollPage(win: DomWindow, direction: string | undefined): string {
  const from = win.scrollY;
  const page = win.document.scrollingElement?.scrollHeight ?? 0;
  if (direction === 'up' || direction === 'down') {
    const by = Math.round(win.innerHeight * 0.85) * (direction === 'up' ? -1 : 1);
    win.scrollBy({ top: by, behavior: 'instant' });
  } else if (direction === 'top' || direction === 'bottom') {
    win.scrollTo({ top: direction === 'top' ? 0 : page, behavior: 'instant' });
  } else {
    throw new ActionError('scroll needs `ref`, or `direction`: up, down, top or bottom.');
  }
  return win.scrollY !== from
    ? `Scrolled ${direction} (from ${Math.round(from)} to ${Math.round(win.scrollY)} px of ${page}).`
    : `Scrolled ${direction}, but the page did not move (it is at that end, or it scrolls inside a panel: scroll to an element by its ref instead).`;
}
