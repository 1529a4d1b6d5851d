import type { CallToolResult } from '@modelcontextprotocol/server';
import { MAX_URL_LENGTH } from './browser-tools';

/** The words the built-in browser server answers with: kept apart so the connection reads as logic. */

/** An http(s) URL, normalised, or a refusal that says what to send instead. */
export function checkTabUrl(raw: unknown): { url: URL } | { refused: string } {
  if (typeof raw !== 'string' || raw.trim() === '')
    return { refused: 'Give the address to open as `url`, e.g. https://example.com/.' };
  if (raw.length > MAX_URL_LENGTH)
    return { refused: `That address is longer than ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return {
      refused: `${JSON.stringify(raw.slice(0, 200))} is not a full address: give one with http:// or https://, e.g. https://example.com/.`,
    };
  }
  // javascript: and data: would run or show the assistant's own code in the user's browser; file:,
  // chrome:, about: and the rest are the user's machine and the browser's own pages.
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      refused: `Switchboard opens only http and https addresses, not ${url.protocol} ones.`,
    };
  return { url };
}

const CONTROL = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu;
const MAX_TITLE = 200;

/**
 * A page's title as the assistant is shown it: the page wrote it, so line breaks and bidi controls (which
 * could fake a line of our own) become spaces, and it is cut to a length that says what the page is.
 */
export function cleanTitle(title: string): string {
  const flat = title.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TITLE ? `${flat.slice(0, MAX_TITLE - 1)}…` : flat;
}

/**
 * A URL the host read from a page's metadata, as we repeat it: normalised (spaces and the like
 * percent-encoded), and only if it is on the origin Chrome says the page is on; else just that origin.
 */
export function shownUrl(url: string, origin: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.origin === origin && parsed.href.length <= MAX_URL_LENGTH) return parsed.href;
  } catch {
    // a page can report anything as its URL; the origin is Chrome's
  }
  return `${origin}/`;
}

/** "1 tab", "3 other tabs". */
export const tabs = (n: number, other = ''): string => `${n} ${other}${n === 1 ? 'tab' : 'tabs'}`;

export const text = (words: string): CallToolResult => ({ content: [{ type: 'text', text: words }] });

export const refusal = (words: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text: words }],
});

export const notShown = (tabId: number): string =>
  `Tab ${tabId} is not one Switchboard shows you: the user has not granted its site. Use a tab from tabs_list, or ask the user to grant the site (the Switchboard popup on that tab).`;

export const noSuchTab = (tabId: number): string =>
  `There is no tab ${tabId} (it may have closed). Call tabs_list to see the tabs you can use.`;

/** What the assistant has at a tab it just opened or moved, in one sentence. */
export function accessSentence(
  tabId: number,
  where: { visible: true } | { visible: false; host: string; granted: boolean },
): string {
  if (where.visible) return `Its page and tools are available as tab ${tabId}.`;
  if (where.granted)
    return `The user has granted you ${where.host}, but this tab's page has not connected yet (or it went on to another site): call tabs_list in a moment to see it.`;
  return `Switchboard shows you nothing of ${where.host} until the user grants it (the Switchboard popup on that tab).`;
}

export function loadTrouble(tabId: number, outcome: 'timeout' | 'closed', timeoutMs: number): string {
  return outcome === 'closed'
    ? `Tab ${tabId} closed before its page finished loading.`
    : `Tab ${tabId} was still loading after ${Math.round(timeoutMs / 1000)} s.`;
}
