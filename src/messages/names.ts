/**
 * Catalog tool names: deterministic per origin and collision-free.
 *
 *   name    = siteKey + "__" + tool                       e.g. "example.com__search"
 *   siteKey = esc(host) [+ "_" + scheme if not https] [+ "_p" + port if not default]
 *                                                         e.g. "localhost_http_p5173"
 *   esc     = keeps [a-z0-9.-]; every other UTF-8 byte (including "_") becomes "_" + two lowercase hex
 *
 * Why it cannot collide: esc() never emits "__" and never ends in "_", and its "_" is always followed by a
 * hex digit, while the suffixes start "_h"/"_p"/"_s" (not hex). So a siteKey decodes to exactly one origin,
 * and the first "__" in a name is always the separator. Tool names are MCP-valid already (the in-page
 * server refuses others), so the whole name is [A-Za-z0-9_.-].
 * Remote servers (next issue) use serverKey(): esc(name) + "_srv", which no origin can produce.
 *
 * Past 128 characters a name keeps its first 112 and ends "_y" + a 56-bit hash of the full name.
 */
export const MCP_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
export const MAX_NAME = 128;

const SAFE = /[a-z0-9.-]/;
const encoder = new TextEncoder();

function esc(text: string): string {
  let out = '';
  for (const ch of text) {
    if (SAFE.test(ch)) out += ch;
    else for (const byte of encoder.encode(ch)) out += `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const DEFAULT_PORT: Record<string, string> = { 'https:': '443', 'http:': '80' };

const siteKeys = new Map<string, string>();

/** Memoized: the catalog asks for every tool on every list and call. */
export function siteKey(origin: string): string {
  let key = siteKeys.get(origin);
  if (key === undefined) {
    key = computeSiteKey(origin);
    if (siteKeys.size > 1000) siteKeys.clear();
    siteKeys.set(origin, key);
  }
  return key;
}

function computeSiteKey(origin: string): string {
  const url = new URL(origin);
  let key = esc(url.hostname.toLowerCase());
  if (url.protocol !== 'https:') key += `_${esc(url.protocol.slice(0, -1))}`;
  if (url.port && url.port !== DEFAULT_PORT[url.protocol]) key += `_p${url.port}`;
  return key;
}

export function serverKey(serverName: string): string {
  return `${esc(serverName.toLowerCase()) || 'server'}_srv`;
}

export function isValidToolName(name: string): boolean {
  return MCP_NAME.test(name);
}

export function catalogName(key: string, tool: string): string {
  const full = `${key}__${tool}`;
  if (full.length <= MAX_NAME) return full;
  return `${full.slice(0, 112)}_y${hash56(full)}`;
}

/** Two independent FNV-1a 32-bit passes give 56 bits (14 hex) without a crypto dependency (must be sync). */
function hash56(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const byte of encoder.encode(text)) {
    a = Math.imul(a ^ byte, 0x01000193) >>> 0;
    b = Math.imul(b ^ byte, 0x5bd1e995) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).slice(0, 14);
}

/** Where a catalog name says its tool lives: a site (its origin) or a server (its name, lowercased). */
export type CatalogSource = { kind: 'site'; origin: string } | { kind: 'server'; name: string };

const HEX2 = /^[0-9a-f]{2}$/;

/** esc() undone, up to the first "_" that does not start an escape; the rest is returned too. */
function unesc(text: string): { value: string; rest: string } | undefined {
  const bytes: number[] = [];
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== '_') {
      bytes.push(...encoder.encode(ch));
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!HEX2.test(hex)) break;
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  try {
    return {
      value: new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)),
      rest: text.slice(i),
    };
  } catch {
    return undefined;
  }
}

/**
 * The inverse of catalogName() for display: where the tool lives and its own name. Undefined for a name
 * that is not a catalog name. A name shortened past 128 characters keeps its source, but its tool part
 * ends in the hash.
 */
export function parseCatalogName(name: string): { source: CatalogSource; tool: string } | undefined {
  const at = name.indexOf('__');
  if (at <= 0) return undefined;
  const key = name.slice(0, at);
  const tool = name.slice(at + 2);
  if (key.endsWith('_srv')) {
    const server = unesc(key.slice(0, -4));
    return server && server.rest === ''
      ? { source: { kind: 'server', name: server.value }, tool }
      : undefined;
  }
  const host = unesc(key);
  if (!host || host.value === '') return undefined;
  // The suffixes: "_<scheme>" when not https, then "_p<port>" when not the default (see siteKey()).
  const suffix = /^_p(\d+)$/.exec(host.rest) ?? /^(?:_([a-z][a-z0-9.+-]*))?(?:_p(\d+))?$/.exec(host.rest);
  if (!suffix) return undefined;
  const [scheme, port] = suffix.length === 2 ? ['https', suffix[1]] : [suffix[1] ?? 'https', suffix[2]];
  try {
    const origin = new URL(`${scheme}://${host.value}${port ? `:${port}` : ''}`).origin;
    return origin === 'null' ? undefined : { source: { kind: 'site', origin }, tool };
  } catch {
    return undefined;
  }
}

/** Who offers a tool, as approvals name it: a site by its origin, a server by its name. */
export type ToolSource = { kind: 'site' | 'server'; label: string };

/** The catalog name an assistant knows a tool by, from where it lives (an approval's source) and its own name. */
export function catalogNameOf(source: ToolSource, tool: string): string {
  return catalogName(source.kind === 'site' ? siteKey(source.label) : serverKey(source.label), tool);
}

// ---- _meta keys

/** WebMCP annotations MCP has no field for travel in a tool's _meta under this key (see host/webmcp-hints.ts). */
export const WEBMCP_META_KEY = 'dev.switchboard/webmcp';
/** Set on a result the host marked as untrusted content (the tool declared untrustedContentHint). */
export const UNTRUSTED_CONTENT_META_KEY = 'dev.switchboard/untrusted-content';

// ---- resource URIs

/** The in-page server's own resources, the same in every tab. */
export const PAGE_URIS = {
  content: 'webpage://current/content',
  metadata: 'webpage://current/metadata',
  selection: 'webpage://current/selection',
} as const;
const PAGE_URI_PREFIX = 'webpage://current/';

/** The prefix of every resource URI of one tab, as assistants see them. */
export const tabUriPrefix = (tabId: number): string => `switchboard://tab/${tabId}/`;

/** The key the host holds a tab document's connection under; the top frame is frame 0. */
export function tabConnectionId(tabId: number, frameId = 0): string {
  return `tab:${tabId}:${frameId}`;
}

/**
 * The assistant-facing URI of a tab document's resource: switchboard://tab/<tabId>/<path> for the top
 * frame, …/frame/<frameId>/<path> for a frame. Undefined for a URI the in-page server does not serve.
 */
export function tabResourceUri(tabId: number, frameId: number, innerUri: string): string | undefined {
  if (!innerUri.startsWith(PAGE_URI_PREFIX)) return undefined;
  const frame = frameId === 0 ? '' : `frame/${frameId}/`;
  return `${tabUriPrefix(tabId)}${frame}${innerUri.slice(PAGE_URI_PREFIX.length)}`;
}

/** switchboard://server/<catalog key>/<the server's own URI>: servers' URIs may collide, so each gets a prefix. */
export const serverResourceUri = (catalogKey: string, innerUri: string): string =>
  `switchboard://server/${catalogKey}/${innerUri}`;

/** The server's own URI inside one of its assistant-facing URIs, or undefined if it is not that server's. */
export function serverInnerUri(catalogKey: string, hostUri: string): string | undefined {
  const prefix = serverResourceUri(catalogKey, '');
  return hostUri.startsWith(prefix) ? hostUri.slice(prefix.length) : undefined;
}

/** The tab's page-content resource, as the side panel attaches it. */
export const tabContentUri = (tabId: number): string => tabResourceUri(tabId, 0, PAGE_URIS.content) as string;

// ---- grant keys and targets

const SERVER_PREFIX = 'server:';

/** Grants and standing decisions are kept under a site's origin, or `server:<id>` for a remote server. */
export const serverGrantKey = (serverId: string): string => `${SERVER_PREFIX}${serverId}`;
export const isServerGrantKey = (key: string): boolean => key.startsWith(SERVER_PREFIX);
/**
 * The id and name of the server the host runs itself (the browser's tabs, src/host/browser-connection.ts):
 * its grant key is serverGrantKey(BROWSER_SERVER_ID), its catalog key serverKey(BROWSER_SERVER_ID).
 */
export const BROWSER_SERVER_ID = 'browser';

/** A grant's target, as stored: a tool, the page content, or a block of the whole site. */
export const PAGE_TARGET = 'page';
/** "Let assistants act on this site": the page actions (src/messages/page-actions.ts). */
export const ACTIONS_TARGET = 'actions';
/** Overrides every grant of the origin while present. */
export const BLOCKED_TARGET = 'blocked';
/** Limits every grant of the origin to the assistants it names; absent, the grants are for all assistants. */
export const ASSISTANTS_TARGET = 'assistants';
const TOOL_PREFIX = 'tool:';
export const toolTarget = (tool: string): string => `${TOOL_PREFIX}${tool}`;
/** The tool a stored target names, or undefined for the page or a block. */
export const toolOfTarget = (target: string): string | undefined =>
  target.startsWith(TOOL_PREFIX) ? target.slice(TOOL_PREFIX.length) : undefined;

// ---- assistants

/** The side panel's MCP clientInfo; the host keys its decisions as `extension:<name>`. */
export const BUILT_IN_ASSISTANT = { name: 'switchboard-assistant', title: 'Switchboard assistant' } as const;
export const BUILT_IN_ASSISTANT_ID = `extension:${BUILT_IN_ASSISTANT.name}`;
