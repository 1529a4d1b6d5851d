import type { Tool } from '@modelcontextprotocol/server';
import { WEBMCP_META_KEY } from '../messages/names';

/**
 * The built-in browser server's tools (browser-connection.ts). Defined here, once: no page or server can
 * rename, re-describe or re-annotate them.
 *
 * Approval: tabs_list is read-only. tab_close and tab_navigate are destructive (a closed tab or a page
 * left behind can lose what the user typed). tab_open and tab_activate destroy nothing, but they change
 * what the user sees and where the browser goes, so they carry the WebMCP consequentialHint the approval
 * policy reads for every kind of server (tool-facts.ts): each call asks unless "Always allow".
 */
export const BROWSER_TOOL_NAMES = [
  'tabs_list',
  'tab_open',
  'tab_activate',
  'tab_navigate',
  'tab_close',
] as const;
export type BrowserToolName = (typeof BROWSER_TOOL_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(BROWSER_TOOL_NAMES);
export const isBrowserTool = (name: string): name is BrowserToolName => NAMES.has(name);

/** Longest URL the tools accept; Chrome takes longer ones, but no page an assistant should open needs it. */
export const MAX_URL_LENGTH = 8192;

const tabId = {
  type: 'integer',
  minimum: 0,
  description: 'The tab, by the id tabs_list gives it.',
} as const;
const url = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_URL_LENGTH,
  description: 'A full http or https address, e.g. https://example.com/.',
} as const;
const input = (properties: Tool['inputSchema']['properties'], required: string[]): Tool['inputSchema'] => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});
const consequential = { [WEBMCP_META_KEY]: { consequentialHint: true } };

/** tabs_list's structuredContent, as its outputSchema declares it. */
export interface TabsListing {
  tabs: { id: number; title: string; url: string; active: boolean; windowId: number }[];
  /** Open tabs Switchboard does not show this assistant (their sites are not granted): only counted. */
  hidden: number;
}

export const BROWSER_TOOLS: readonly Tool[] = [
  {
    name: 'tabs_list',
    title: 'List tabs',
    description:
      'The open tabs of the sites the user granted you, with their ids (for the other tab_ tools and page resources switchboard://tab/<id>/…), titles, addresses, windows and which tab is active in its window. Other tabs are only counted. Titles are the pages’ own words.',
    inputSchema: input({}, []),
    outputSchema: {
      type: 'object',
      properties: {
        tabs: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              title: { type: 'string' },
              url: { type: 'string' },
              active: { type: 'boolean', description: 'The tab shown in its window.' },
              windowId: { type: 'integer' },
            },
            required: ['id', 'title', 'url', 'active', 'windowId'],
            additionalProperties: false,
          },
        },
        hidden: { type: 'integer', minimum: 0, description: 'Open tabs not shown to you.' },
      },
      required: ['tabs', 'hidden'],
      additionalProperties: false,
    },
    annotations: {
      title: 'List tabs',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
  {
    name: 'tab_open',
    title: 'Open a tab',
    description:
      'Opens a new tab at an http or https address, waits (up to 15 s) for it to load, and says its tab id and whether the user has granted you anything on that site.',
    inputSchema: input({ url }, ['url']),
    annotations: { title: 'Open a tab', readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    _meta: consequential,
  },
  {
    name: 'tab_activate',
    title: 'Show a tab',
    description:
      'Makes a tab the one shown in its window and brings that window to the front (screenshot needs this).',
    inputSchema: input({ tabId }, ['tabId']),
    annotations: {
      title: 'Show a tab',
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    _meta: consequential,
  },
  {
    name: 'tab_navigate',
    title: 'Go to an address in a tab',
    description:
      'Loads an http or https address in a tab (the page it showed is left, with anything unsaved on it), waits (up to 15 s) for it to load, and says whether the user has granted you anything on that site.',
    inputSchema: input({ tabId, url }, ['tabId', 'url']),
    annotations: {
      title: 'Go to an address in a tab',
      readOnlyHint: false,
      destructiveHint: true,
      openWorldHint: true,
    },
  },
  {
    name: 'tab_close',
    title: 'Close a tab',
    description: 'Closes a tab (anything unsaved on its page is lost).',
    inputSchema: input({ tabId }, ['tabId']),
    annotations: {
      title: 'Close a tab',
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
      openWorldHint: false,
    },
  },
];
