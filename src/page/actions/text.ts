/** Small string helpers for the outline: every line is one line, and nothing in it is unbounded. */

/** Whitespace runs become one space; ends trimmed. */
export const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Cut to `max` characters (by code points, so no half emoji), with "…" when cut. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Page text as outline text. A page could write `button "Pay" [ref=e3]` in a paragraph to make its text
 * look like an element the outline names; "[ref=" in page text is broken up so only real refs read as refs.
 */
export const pageText = (s: string): string => s.replace(/\[ref=/gi, '[ref =');

/** A quoted name for the outline: collapsed, cut, and without quotes that would end it early. */
export const quote = (s: string, max = 100): string =>
  `"${pageText(cut(collapse(s), max)).replace(/"/g, "'")}"`;
