/**
 * Page actions: the tools Switchboard itself offers on every http(s) page (issue 16), beside the site's
 * own WebMCP tools. They are defined here, once, and the host lists them from this file, never from what a
 * page reports: a page cannot rename, re-describe or re-annotate them. The in-page server carries them out
 * (src/page/actions/), except `screenshot`, which the worker takes (captureVisibleTab).
 *
 * Grants: every action is behind "Let assistants act on this site" (grant target `actions`, off by
 * default); the reading ones (page_snapshot, screenshot, wait_for) also need "Share page content" and never
 * ask. The acting ones are consequential, so each call asks unless the user chose "Always allow" for that
 * site and assistant.
 */

export const PAGE_ACTION_NAMES = [
  'page_snapshot',
  'screenshot',
  'click',
  'type',
  'select',
  'press_key',
  'scroll',
  'wait_for',
] as const;
export type PageActionName = (typeof PAGE_ACTION_NAMES)[number];

const NAMES: ReadonlySet<string> = new Set(PAGE_ACTION_NAMES);
export const isPageAction = (name: string): name is PageActionName => NAMES.has(name);

/** Read the page, change nothing: they also need "Share page content", and never ask. */
export const READING_ACTIONS: ReadonlySet<PageActionName> = new Set([
  'page_snapshot',
  'screenshot',
  'wait_for',
]);
export const isReadingAction = (name: PageActionName): boolean => READING_ACTIONS.has(name);

/**
 * Shown as acting (the page's overlay with its Stop, the popup's "… is acting on this tab now"): every
 * action but the two that only look. wait_for changes nothing, so it does not ask, but an assistant waiting
 * on the page is in the middle of acting there, and the person may want to stop it.
 */
export const showsAsActing = (name: PageActionName): boolean =>
  name !== 'page_snapshot' && name !== 'screenshot';

/** The actions the in-page server carries out (the worker takes screenshots). */
export type InPageActionName = Exclude<PageActionName, 'screenshot'>;

/** `_meta` of an action's result: the element it acted on, as the page labels it, for the audit log. */
export const ACTION_META_KEY = 'dev.switchboard/page-action';
export interface ActionResultMeta {
  /** e.g. `button "Place order"`; never the typed text. */
  target?: string;
}

/** `_meta` of a tools/call the host sends to a page: who acts, for the page's "… is acting" overlay. */
export const ACTOR_META_KEY = 'dev.switchboard/actor';
export interface ActorMeta {
  /** The assistant's label, e.g. "Claude Desktop". */
  assistant: string;
}

/**
 * `_meta` of a tools/call the host sends to a page before asking the person: "would you refuse this?" The
 * page answers with a refusal (isError) or an empty result, and does nothing.
 */
export const PRECHECK_META_KEY = 'dev.switchboard/precheck';

/** A ref names one element of one document's snapshot: "e" + a number, stable while the element lives. */
export const REF_PATTERN = '^e[0-9]{1,7}$';

/** Longest text `type` accepts in one call. */
export const MAX_TYPE_TEXT = 10_000;
/** Longest `wait_for` waits (ms); the default is 5 s. */
export const MAX_WAIT_MS = 30_000;
export const DEFAULT_WAIT_MS = 5_000;

type JsonSchema = Record<string, unknown>;

const tabId: JsonSchema = {
  type: 'integer',
  minimum: 0,
  description:
    'The tab to use, as tabs_list or a page resource URI (switchboard://tab/<tabId>/…) names it. Omitted: the most recently active tab of this site.',
};
const ref: JsonSchema = {
  type: 'string',
  pattern: REF_PATTERN,
  description: 'The element, by the ref the latest page_snapshot gave it (e.g. "e12").',
};

export interface PageActionTool {
  name: PageActionName;
  title: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, JsonSchema>; required?: string[] } & JsonSchema;
  readOnly: boolean;
}

const object = (properties: Record<string, JsonSchema>, required: string[] = []) => ({
  type: 'object' as const,
  properties: { tabId, ...properties },
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: false,
});

export const PAGE_ACTION_TOOLS: readonly PageActionTool[] = [
  {
    name: 'page_snapshot',
    title: 'Read the page outline',
    description:
      'A compact outline of what a person can see and use on the page: headings, text, links, buttons and form fields with their labels and values. Every element you can act on has a ref (e.g. [ref=e12]) for click, type, select, press_key, scroll and wait_for. Long pages come in parts: pass the returned cursor to read on. Refs stay the same while the element is on the page.',
    inputSchema: object({
      cursor: { type: 'string', maxLength: 64, description: 'From the previous part, to read on.' },
    }),
    readOnly: true,
  },
  {
    name: 'screenshot',
    title: 'Screenshot of the tab',
    description:
      'An image of the visible part of the tab. The tab must be the one shown in its window (use tab_activate first).',
    inputSchema: object({}),
    readOnly: true,
  },
  {
    name: 'click',
    title: 'Click an element',
    description:
      'Clicks the element as a person would (pointer, mouse and click events). Returns what changed.',
    inputSchema: object({ ref }, ['ref']),
    readOnly: false,
  },
  {
    name: 'type',
    title: 'Type into a field',
    description:
      'Replaces the text of a field with `text`, key by key, as a person would; `submit: true` then presses Enter. Refused for password and payment-card fields. Returns what changed.',
    inputSchema: object(
      {
        ref,
        text: { type: 'string', maxLength: MAX_TYPE_TEXT },
        submit: { type: 'boolean', description: 'Press Enter after typing (submits most forms).' },
      },
      ['ref', 'text'],
    ),
    readOnly: false,
  },
  {
    name: 'select',
    title: 'Choose in a list',
    description:
      'Chooses options of a <select> (by their visible text or value); several only where the list allows it. Returns what changed.',
    inputSchema: object(
      {
        ref,
        values: { type: 'array', items: { type: 'string', maxLength: 1000 }, minItems: 1, maxItems: 100 },
      },
      ['ref', 'values'],
    ),
    readOnly: false,
  },
  {
    name: 'press_key',
    title: 'Press a key',
    description:
      'Presses one key (e.g. "Enter", "Escape", "Tab", "ArrowDown", "a"), on the element `ref` or the one that has focus. Returns what changed.',
    inputSchema: object(
      {
        key: { type: 'string', minLength: 1, maxLength: 32 },
        ref: { ...ref, description: 'Focus this first.' },
      },
      ['key'],
    ),
    readOnly: false,
  },
  {
    name: 'scroll',
    title: 'Scroll',
    description:
      'Scrolls the element `ref` into view, or the page by one screen (`direction` up or down) or to its top or bottom. Returns what came into view.',
    inputSchema: object({
      ref: { ...ref, description: 'Scroll this element into view.' },
      direction: { type: 'string', enum: ['up', 'down', 'top', 'bottom'] },
    }),
    readOnly: false,
  },
  {
    name: 'wait_for',
    title: 'Wait for the page',
    description:
      'Waits until `text` appears on the page (or, with `gone: true`, disappears), or until the element `ref` is there (or gone), at most `timeout` ms (5000 by default, 30000 at most).',
    inputSchema: object({
      text: { type: 'string', minLength: 1, maxLength: 500 },
      ref,
      gone: { type: 'boolean' },
      timeout: { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS },
    }),
    readOnly: true,
  },
];
