/**
 * The one typed contract for every message that crosses a world boundary that is not MCP itself.
 * (MCP between worlds travels as JSON-RPC over a Port; see src/transports/port-transport.ts.)
 *
 * Keys are direction-named, `from→to:kind`, so a handler always says which world it trusts.
 *
 * Worlds: page = the site's main world (hostile); content = our isolated world in the page;
 * worker = the background service worker (the host); ui = extension pages (popup, options, side panel).
 */
import type { RemoteStatus } from '../remote/remote-types';
import type { PageToolDescriptor, WireError } from './page-types';

export type { PageToolDescriptor, WireError } from './page-types';

/** Port names accepted by the worker. Anything else is disconnected at once. */
export const PORT_NAMES = { assistant: 'mcp', page: 'page', ui: 'ui' } as const;

/** Tag that marks our window.postMessage envelopes; the page can read and forge these (see bridge). */
export const BRIDGE_TAG = 'switchboard/webmcp-bridge@1';

export interface ToolGrantView {
  name: string;
  title?: string;
  description: string;
  readOnly: boolean;
  consequential: boolean;
  untrustedContent: boolean;
  granted: boolean;
}

export type TabConnectionState = 'connecting' | 'connected' | 'unavailable' | 'error';

export interface TabStateView {
  tabId: number;
  origin: string | null;
  state: TabConnectionState;
  error?: string;
  tools: ToolGrantView[];
  pageContentGranted: boolean;
}

/** A remote server as the options page sees it: header values stay in the worker (they may be API keys). */
export interface ServerView {
  id: string;
  name: string;
  url: string;
  headerNames: string[];
  enabled: boolean;
  allowAllTools: boolean;
  /** The live connection's status, or "disabled" when the user switched the server off. */
  status: Omit<RemoteStatus, 'state'> & { state: RemoteStatus['state'] | 'disabled' };
}

export interface ServerInput {
  id?: string;
  name: string;
  url: string;
  /** Omitted on edit: keep the stored values. */
  headers?: Record<string, string>;
  enabled: boolean;
  allowAllTools: boolean;
}

export type GrantTarget = { kind: 'tool'; tool: string } | { kind: 'page' };

export interface Messages {
  // content (isolated) ⇄ page (main world), over window.postMessage
  'content→page:list': { id: string };
  'content→page:execute': { id: string; name: string; input: string };
  'page→content:tools': { id: string | null; tools: PageToolDescriptor[] };
  'page→content:result':
    | { id: string; ok: true; result: string }
    | { id: string; ok: false; error: WireError };
  'page→content:toolchange': Record<string, never>;
  // worker → content, over tabs.sendMessage
  'worker→content:connect': Record<string, never>;
  // ui ⇄ worker, over the 'ui' Port
  'ui→worker:watch-tab': { tabId: number };
  'ui→worker:set-grant': { origin: string; target: GrantTarget; granted: boolean };
  'ui→worker:watch-servers': Record<string, never>;
  'ui→worker:save-server': ServerInput;
  'ui→worker:remove-server': { id: string };
  'worker→ui:servers': { servers: ServerView[] };
  'worker→ui:tab-state': TabStateView;
  'worker→ui:error': WireError;
}

export type MessageKey = keyof Messages;
export type Envelope<K extends MessageKey = MessageKey> = { [P in K]: { type: P; payload: Messages[P] } }[K];

export function envelope<K extends MessageKey>(type: K, payload: Messages[K]): Envelope<K> {
  return { type, payload } as Envelope<K>;
}
