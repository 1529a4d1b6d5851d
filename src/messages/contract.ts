/**
 * The one typed contract for every message that crosses a world boundary that is not MCP itself.
 * (MCP between worlds travels as JSON-RPC over a Port; see src/transports/port-transport.ts.)
 *
 * Keys are direction-named, `from→to:kind`, so a handler always says which world it trusts.
 *
 * Worlds: page = the site's main world (hostile); content = our isolated world in the page;
 * worker = the background service worker (the host); ui = extension pages (popup, options, side panel).
 */

import type { WireError } from '../shared/errors';
import type { AuditEntry } from './audit-entry';
import type { ApprovalDecision, AssistantRef } from './decisions';
import type { PageToolDescriptor } from './page-types';
import type { Preferences } from './preferences';
import type { RemoteStatus } from './remote-status';
import type { BridgeStateView, DesktopAssistantView, SettingsView, SiteAction } from './settings-views';

export type { WireError } from '../shared/errors';
export type { PageToolDescriptor } from './page-types';
export type {
  ActingTabView,
  BridgeStateView,
  DesktopAssistantView,
  SettingsView,
  SiteAction,
  SiteView,
} from './settings-views';

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
  /** Why the tool cannot be called (the site declared a schema that cannot be used), if it cannot. */
  unavailable?: string;
  /** A declarative `<form toolname>` tool, and whether it submits itself. */
  form?: { autosubmit: boolean };
  granted: boolean;
  /** Assistants (AssistantRef ids) the user answered "Always allow" or "Allow for this session" for this tool. */
  remembered?: { assistant: string; decision: 'allow-always' | 'allow-session' }[];
}

export type TabConnectionState = 'connecting' | 'connected' | 'unavailable' | 'error';

export interface TabStateView {
  tabId: number;
  origin: string | null;
  /** The user blocked this site in settings: none of its tools are offered. */
  blocked?: boolean;
  state: TabConnectionState;
  error?: string;
  tools: ToolGrantView[];
  pageContentGranted: boolean;
  /** "Let assistants act on this site" (page actions; off by default). */
  actionsGranted: boolean;
  /** The user pressed Stop on the page: actions are off on this site until the browser restarts or they turn them on. */
  actionsPaused?: boolean;
  /** The assistants (labels) acting on this tab now, while an action runs and a few seconds after. */
  actingNow?: string[];
  /** The assistants this site's grants are limited to (AssistantRef ids); absent: all assistants. */
  assistantsLimit?: string[];
  /** The assistants the user can choose among: the built-in one and each desktop assistant they allowed. */
  assistants?: AssistantRef[];
  /**
   * Tools of frames the page embeds from other origins, one entry per origin: granted under that origin,
   * never the page's (a same-origin frame's tools are in `tools`).
   */
  frames?: FrameToolsView[];
}

export interface FrameToolsView {
  origin: string;
  blocked?: boolean;
  tools: ToolGrantView[];
}

/** A remote server as the options page sees it: header values stay in the worker (they may be API keys). */
export interface ServerView {
  id: string;
  name: string;
  url: string;
  headerNames: string[];
  enabled: boolean;
  allowAllTools: boolean;
  /** "Trust what this server returns" (see RemoteServerConfig). */
  trustedContent: boolean;
  /** A pre-registered OAuth client id, if the user entered one (the secret stays in the worker). */
  oauthClientId?: string;
  /** The live connection's status, or "disabled" when the user switched the server off. */
  status: Omit<RemoteStatus, 'state'> & { state: RemoteStatus['state'] | 'disabled' };
}

export interface ServerInput {
  id?: string;
  name: string;
  url: string;
  /** Omitted on edit: keep the stored values. */
  headers?: Record<string, string>;
  /** Pre-registered OAuth client credentials (optional); the secret is omitted on edit to keep it. */
  oauth?: { clientId?: string; clientSecret?: string };
  enabled: boolean;
  allowAllTools: boolean;
  trustedContent?: boolean;
}

/** A value a user can enter in an elicitation form. */
export type ElicitValue = string | number | boolean | string[];

/**
 * A call that waits on something the user does outside Switchboard: a declarative form that only the
 * person submits. Shown by the approval window and the side panel; nothing to answer.
 */
export interface WaitingView {
  id: string;
  assistant?: string;
  source: { kind: 'site' | 'server'; label: string };
  tool: string;
  /** "Waiting for you to submit the form on flights.example" */
  message: string;
}

/** One pending request for the user's consent, as the approval page shows it. Strings are untrusted text. */
export interface ApprovalView {
  id: string;
  createdAt: number;
  expiresAt: number;
  assistant?: string;
  /** Where the request comes from: a site, a remote server, or (connection requests) the desktop assistant. */
  source: { kind: 'site' | 'server' | 'assistant'; label: string };
  request:
    | {
        kind: 'tool';
        tool: string;
        title?: string;
        description: string;
        /** The tool's annotations (MCP hints and WebMCP hints), as the server or page declared them. */
        annotations: Record<string, unknown>;
        /** The arguments as pretty-printed JSON. */
        argumentsJson: string;
        /** The buttons to show, in order. Consequential tools have no "Allow for this session". */
        choices: ApprovalDecision[];
        /** Why it asks, e.g. "This tool is marked consequential". */
        reason: string;
        /** Set when it asks because the assistant just read untrusted content from there. */
        taintedBy?: string;
      }
    | { kind: 'elicitation-form'; message: string; requestedSchema: Record<string, unknown> }
    | {
        /** A desktop assistant connected through the bridge for the first time. */
        kind: 'connection';
        /** What it calls itself (MCP clientInfo); untrusted. */
        name: string;
        /** The program that started the relay, as the operating system names it. */
        program: string;
      }
    | { kind: 'elicitation-url'; message: string; url: string; host: string }
    | {
        kind: 'sampling-request';
        systemPrompt: string;
        /**
         * One entry per message the server sent. `editable` is true only for a message that is one text
         * block; any other (images, audio, tool calls and results) is a read-only summary such as "[image]".
         */
        messages: { role: 'user' | 'assistant'; text: string; editable: boolean }[];
        maxTokens: number;
        /** The names of the tools the server offers the model. */
        tools: string[];
        /** Whether the model may, must, or must not call one of `tools` (absent: the provider's default). */
        toolChoice?: 'auto' | 'required' | 'none';
      }
    | { kind: 'sampling-response'; model: string; text: string }
    | {
        /**
         * Not a question: the approved request, for the approval window to put to the user's model. The
         * model call runs there because the AI SDK is too big for the service worker (see
         * window-sampling-provider.ts). Answered with a 'sampling-result'.
         */
        kind: 'sampling-generate';
        /** The model, as the user named it, e.g. "gpt-4o-mini (OpenAI)". */
        model: string;
        systemPrompt: string;
        messages: { role: 'user' | 'assistant'; text: string }[];
        maxTokens: number;
        temperature?: number;
        stopSequences?: string[];
      };
}

/** What the approval window puts to the user's model for a server's sampling request. */
export type SamplingGenerateRequest = Extract<ApprovalView['request'], { kind: 'sampling-generate' }>;

export type ApprovalAnswer =
  | { kind: 'tool'; decision: ApprovalDecision }
  | { kind: 'connection'; decision: 'allow' | 'deny' }
  | { kind: 'elicitation'; action: 'accept' | 'decline' | 'cancel'; content?: Record<string, ElicitValue> }
  | {
      kind: 'sampling';
      action: 'approve' | 'deny';
      /**
       * The user's edits to the request (request stage only): `messages` matches the request's one for one;
       * the text of a message that was not editable is ignored.
       */
      systemPrompt?: string;
      messages?: { role: 'user' | 'assistant'; text: string }[];
    }
  /** What the user's model answered to a 'sampling-generate', or why it did not (for the log, not the server). */
  | {
      kind: 'sampling-result';
      /** `stopReason` is the AI SDK's finish reason ('stop', 'length', …). */
      result?: { model: string; text: string; stopReason?: string };
      error?: string;
    };

/** The worker's answer to `content→worker:tool-count`: start the in-page server now, or wait to be asked. */
export type ToolCountReply = { connect: boolean };

export type FrameVoucherReply = { token: string } | { token?: undefined };

/** What one grant covers: a site tool, reading the page, or acting on the page (page actions). */
export type GrantTarget = { kind: 'tool'; tool: string } | { kind: 'page' } | { kind: 'actions' };

export interface Messages {
  // content (isolated) ⇄ page (main world), over window.postMessage
  'content→page:list': { id: string };
  'content→page:execute': { id: string; name: string; input: string };
  /** The assistant cancelled the call with this id: the page's executeTool gets an aborted signal. */
  'content→page:cancel': { id: string };
  'page→content:tools': { id: string | null; tools: PageToolDescriptor[] };
  'page→content:result':
    | { id: string; ok: true; result: string }
    | { id: string; ok: false; error: WireError };
  'page→content:toolchange': Record<string, never>;
  // a frame's content script ⇄ its parent's, over window.postMessage (frame admission, frame-admission.ts)
  'frame→parent:ask': { nonce: string };
  'parent→frame:token': { nonce: string; token: string };
  /** The parent (re)connected to the worker: a frame that offers tools connects too. */
  'parent→frame:reconnect': Record<string, never>;
  // content → worker, over runtime.sendMessage: the worker answers from Chrome's sender, never the message
  /** A parent vouches for its child frame of `origin`; the reply is `FrameVoucherReply`. */
  'content→worker:vouch-frame': { origin: string };
  /** A frame redeems its parent's token; the reply is `{ ok }`. */
  'content→worker:admit-frame': { token: string };
  /** Stop on the "… is acting" overlay: the worker cancels the tab's actions and pauses the site's for the session. */
  'content→worker:stop-actions': Record<string, never>;
  /**
   * A top document's WebMCP tools, counted but not started (its in-page server loads only when used): the
   * toolbar says so, and the reply `ToolCountReply` says whether to connect now (content/index.ts).
   */
  'content→worker:tool-count': { count: number };
  // worker → content, over tabs.sendMessage
  /** Top frames connect (their frames follow: `parent→frame:reconnect`). */
  'worker→content:connect': Record<string, never>;
  // ui ⇄ worker, over the 'ui' Port
  'ui→worker:watch-tab': { tabId: number };
  'ui→worker:set-grant': { origin: string; target: GrantTarget; granted: boolean };
  /** Limits a site's grants to these assistants (AssistantRef ids); null opens them to all assistants. */
  'ui→worker:set-site-assistants': { origin: string; assistants: string[] | null };
  /** Grants every read-only tool the tab's site offers (its own, not its frames'), in one action. */
  'ui→worker:allow-read-only': { tabId: number };
  /** "Let assistants see and manage tabs": the built-in browser tabs tools, off by default. */
  'ui→worker:set-browser-tabs': { enabled: boolean };
  'ui→worker:watch-servers': Record<string, never>;
  'ui→worker:save-server': ServerInput;
  'ui→worker:remove-server': { id: string };
  /** Starts a server's OAuth sign-in (a window may open) and reconnects it. */
  'ui→worker:sign-in': { id: string };
  /** Revokes a server's tokens where it supports revocation, forgets them, and reconnects it. */
  'ui→worker:sign-out': { id: string };
  'ui→worker:watch-approvals': Record<string, never>;
  'ui→worker:answer': { id: string; answer: ApprovalAnswer };
  'ui→worker:open-approvals': Record<string, never>;
  'ui→worker:watch-settings': Record<string, never>;
  'ui→worker:site': { origin: string; action: SiteAction };
  'ui→worker:forget-approval': { assistant: string; source: string; tool: string };
  'ui→worker:set-preferences': Preferences;
  'ui→worker:read-audit': Record<string, never>;
  'ui→worker:export-settings': Record<string, never>;
  /** The file's text; the worker parses and checks it before changing anything. */
  'ui→worker:import-settings': { text: string };
  'ui→worker:watch-desktop': Record<string, never>;
  'ui→worker:desktop-assistant': { id: string; action: 'disconnect' | 'allow' | 'forget' };
  'worker→ui:servers': { servers: ServerView[] };
  /** `window`: the token of the approval window that shows the queue now; any other one is closing. */
  'worker→ui:approvals': { pending: ApprovalView[]; waiting?: WaitingView[]; window?: number };
  'worker→ui:settings': SettingsView;
  'worker→ui:audit': { entries: AuditEntry[]; limit: number };
  'worker→ui:settings-export': { json: string };
  'worker→ui:settings-imported': { summary: string };
  'worker→ui:tab-state': TabStateView;
  'worker→ui:desktop': { bridge: BridgeStateView; assistants: DesktopAssistantView[] };
  'worker→ui:error': WireError;
}

export type MessageKey = keyof Messages;
export type Envelope<K extends MessageKey = MessageKey> = { [P in K]: { type: P; payload: Messages[P] } }[K];

export function envelope<K extends MessageKey>(type: K, payload: Messages[K]): Envelope<K> {
  return { type, payload } as Envelope<K>;
}
