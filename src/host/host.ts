import type { Transport } from '@modelcontextprotocol/client';
import type { CallToolResult, LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { AuditLog } from '../audit/audit-log';
import type { Consent } from '../consent/consent';
import type { SessionTaint } from '../consent/session-taint';
import type { CallOptions } from '../messages/calls';
import type { TabStateView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';
import { tabConnectionId } from '../messages/names';
import type { Grants } from '../permissions/grants';
import type { RemotePool } from '../remote/remote-pool';
import { Emitter } from '../shared/emitter';
import type { Logger } from '../shared/logger';
import { ActingTabs } from './acting-tabs';
import { ArgumentChecker } from './argument-check';
import type { BrowserConnection, VisibleTab } from './browser-connection';
import { Catalog } from './catalog';
import { ResourceSubscriptions } from './resource-subscriptions';
import type { ContentSender } from './senders';
import type { ServerConnection } from './server-connection';
import type { CaptureTab, TabConnection, TabIdentity } from './tab-connection';
import { tabStateOf, visibleTabsOf } from './tab-state';
import { type TabsOptions, tabsServer } from './tabs-server';
import { ToolAnnouncements } from './tool-announcements';
import { callGrantedTool } from './tool-call';
import { announcedToolbarState, type ToolbarState, toolbarState } from './toolbar-state';

export type HostEvents = {
  /** The granted tool list may have changed. */
  toolsChanged: [];
  /** The granted resource list may have changed. */
  resourcesChanged: [];
  /** A subscribed resource changed; the URI is the assistant-facing one. */
  resourceUpdated: [uri: string];
  /** What the popup shows for this tab changed. */
  tabChanged: [tabId: number];
  /** The granted prompt list may have changed. */
  promptsChanged: [];
  /** The tabs assistants act on changed (Settings lists them). */
  actingChanged: [];
  /** A remote server logged something; forwarded to assistants. */
  log: [params: LoggingMessageNotification['params']];
};

/** Builds a tab document's connection (see HostOptions.openTab). */
export type OpenTab = (...args: ConstructorParameters<typeof TabConnection>) => TabConnection;

export interface HostOptions {
  grants: Grants;
  /** The approval gate, the queue and server requests: what the user has a say in. */
  consent: Consent;
  /** Every call is written here. */
  audit: AuditLog;
  /** The remote servers' connections (kept in step with the configs by ServerRegistry). */
  remotes: RemotePool;
  /**
   * `new TabConnection(...)`. Handed in rather than imported so that the MCP SDK's Client stays out of the
   * worker's start-up: most wakes (a page counting its tools, a tab switch, the popup) connect no page.
   */
  openTab: OpenTab;
  /** The browser's tabs, for the built-in tabs server; absent (Node without a browser), it is not offered. */
  tabs?: TabsOptions;
  /** Takes the `screenshot` page action (the worker's captureVisibleTab); absent, it fails. */
  capture?: CaptureTab;
  logger: Logger;
  version: string;
  now?: () => number;
}

/**
 * The MCP host: one SDK Client per server (a tab document's in-page server, or a remote server from the
 * pool), the catalog assistants see, the resource subscriptions, and tool calls through the grants and
 * the approval gate. No extension APIs here: extension/background wires Ports and tab events to it.
 */
export class Host {
  readonly events: Emitter<HostEvents>;
  /** What assistants may see, and the routes to the servers that offer it. */
  readonly catalog: Catalog;
  /** Assistants' resource reads and subscriptions. */
  readonly resources: ResourceSubscriptions;
  /** Tabs assistants act on now (page actions), for the popup, Settings and the page's Stop. */
  readonly acting: ActingTabs;
  readonly #tabs = new Map<string, TabConnection>();
  readonly #announced = new ToolAnnouncements();
  readonly #pending = new Set<Promise<void>>();
  readonly #now: () => number;
  readonly #arguments = new ArgumentChecker();
  readonly #browser: BrowserConnection | undefined;
  #lastTools = '';
  #lastResources = '';
  #lastPrompts = '';
  #sessions = 0;
  #inFlight = 0;

  constructor(private readonly options: HostOptions) {
    this.#now = options.now ?? Date.now;
    this.events = new Emitter((error) => options.logger.error('host listener failed', error));
    this.catalog = new Catalog(options.grants, () => this.#connections());
    this.#browser = options.tabs
      ? tabsServer(options.tabs, options.grants, (assistant) => this.visibleTabs(assistant), this.#now)
      : undefined;
    this.acting = new ActingTabs((tabId) => {
      this.events.emit('tabChanged', tabId);
      this.events.emit('actingChanged');
    });
    this.resources = new ResourceSubscriptions(
      this.catalog,
      options.grants,
      (uri) => this.events.emit('resourceUpdated', uri),
      this.#now,
    );
    const { events } = options.remotes;
    events.on('changed', () => this.#recompute());
    events.on('resourceUpdated', (conn, inner) => this.resources.forward(conn, inner));
    events.on('log', (params) => this.events.emit('log', params));
    events.on('opening', (attempt) => this.#track(attempt));
    // What the popup says about asking ("Always allow" for an assistant) follows remembered decisions.
    options.consent.standing.onChange(() => {
      for (const conn of this.#tabs.values()) this.events.emit('tabChanged', conn.identity.tabId);
    });
    options.grants.onChange((origin) => {
      this.#recompute();
      for (const conn of this.#tabs.values()) {
        if (conn.origin === origin) this.events.emit('tabChanged', conn.identity.tabId);
      }
      for (const tabId of this.#announced.tabsOf(origin)) this.events.emit('tabChanged', tabId);
    });
  }

  /** A document's in-page server connected. Replaces whatever that tab and frame had before. */
  attachTab(identity: TabIdentity, transport: Transport): Promise<void> {
    const conn: TabConnection = this.options.openTab(
      identity,
      transport,
      {
        changed: () => this.#tabChanged(conn),
        resourceUpdated: (inner) => this.resources.forward(conn, inner),
        closed: () => this.#detach(conn),
      },
      this.options.logger,
      this.options.version,
      this.#now(),
      this.options.capture,
    );
    const previous = this.#tabs.get(conn.id);
    this.#tabs.set(conn.id, conn);
    if (identity.frameId === 0) this.#announced.forget(identity.tabId); // its tools are known in full now
    if (previous) void previous.close().catch((e) => this.options.logger.debug('closing replaced tab', e));
    const opened = this.#track(conn.open());
    this.#tabChanged(conn);
    return opened;
  }

  #track(attempt: Promise<void>): Promise<void> {
    const tracked = attempt.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
    return tracked;
  }

  /** Resolves once every tab and server that has started connecting so far has finished its handshake. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /**
   * The person pressed Stop on the tab's "… is acting" overlay (the worker checked the sender: the tab's
   * top frame, of `origin`): the site's actions pause for the browser session, and what runs is cancelled.
   */
  async stopActions(tabId: number, origin: string): Promise<void> {
    this.acting.stop(tabId);
    await this.options.grants.pauseActions(origin);
  }

  /**
   * A top document counted its WebMCP tools without starting its in-page server (content/index.ts; the
   * worker checked the sender). Answers whether it should connect now: when its site shares anything (a
   * site the user granted something on behaves as before: its tools are in the catalog at once), or an
   * assistant session is open (its catalog and list_changed stay right). Otherwise only the toolbar
   * shows the count, and the popup, the side panel or an assistant's arrival connects the tab.
   */
  announceTools(from: ContentSender, count: number): boolean {
    if (from.frameId !== 0) return false;
    if (this.#announced.announce(from, count)) this.events.emit('tabChanged', from.tabId);
    const { grants } = this.options;
    return (
      count > 0 &&
      !grants.isBlocked(from.origin) &&
      (this.#sessions > 0 || grants.sharesAnything(from.origin))
    );
  }

  /** What the toolbar icon says about a tab: from its connection, or else from what its page announced. */
  toolbar(tabId: number): ToolbarState & { documentId?: string } {
    const announced = this.#announced.get(tabId);
    if (!announced || this.hasTab(tabId)) return toolbarState(this.tabState(tabId));
    const { grants } = this.options;
    let count = announced.count;
    for (const frame of this.#tabs.values()) {
      if (frame.identity.tabId === tabId && !grants.isBlocked(frame.origin)) count += frame.siteTools.length;
    }
    // The document is part of what was drawn: Chrome resets a tab's icon when it navigates.
    const { documentId } = announced;
    return {
      ...announcedToolbarState(announced.origin, count, grants.isBlocked(announced.origin)),
      ...(documentId ? { documentId } : {}),
    };
  }

  tabClosed(tabId: number): void {
    this.#announced.forget(tabId);
    this.acting.forget(tabId);
    for (const conn of [...this.#tabs.values()]) {
      if (conn.identity.tabId === tabId)
        void conn.close().catch((e) => this.options.logger.debug('close', e));
    }
  }

  tabActivated(tabId: number): void {
    for (const conn of this.#tabs.values()) if (conn.identity.tabId === tabId) conn.lastActive = this.#now();
  }

  hasTab(tabId: number): boolean {
    return this.#tabs.has(tabConnectionId(tabId));
  }

  /** The tabs an assistant may know of: top frames of sites that share something with it (tab-state.ts). */
  visibleTabs(assistant?: string): Promise<VisibleTab[]> {
    return visibleTabsOf(this.#tabs.values(), this.options.grants, assistant);
  }

  /** What the popup shows for a tab: its site's tools and grants, its frames', and who acts on it now. */
  tabState(tabId: number): TabStateView {
    return tabStateOf(
      tabId,
      this.#tabs.get(tabConnectionId(tabId)),
      this.#tabs.values(),
      this.options.grants,
      this.options.consent.standing.list(),
      this.acting.assistantsOn(tabId),
    );
  }

  /**
   * Routes an assistant's call (see tool-call.ts): the grant is checked now, then the approval policy, and
   * the call is written to the audit log.
   */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallOptions & { assistant: AssistantRef; taint?: SessionTaint },
  ): Promise<CallToolResult> {
    this.#inFlight++;
    try {
      return await callGrantedTool(
        {
          catalog: this.catalog,
          grants: this.options.grants,
          consent: this.options.consent,
          audit: this.options.audit,
          arguments: this.#arguments,
          acting: this.acting,
          now: this.#now,
        },
        name,
        args,
        options,
      );
    } finally {
      this.#inFlight--;
    }
  }

  /**
   * Whether something is live that must keep the worker awake: an open assistant session, a call in flight,
   * a subscription, or a request waiting for the user. Idle remote connections alone are not: they are
   * restored when the worker wakes.
   */
  get live(): boolean {
    return (
      this.#sessions > 0 ||
      this.#inFlight > 0 ||
      this.resources.size > 0 ||
      this.options.consent.queue.size > 0
    );
  }

  /** An assistant session opened; call the returned function when it closes. */
  retainSession(): () => void {
    this.#sessions++;
    let released = false;
    return () => {
      if (!released) this.#sessions--;
      released = true;
    };
  }

  #connections(): ServerConnection[] {
    return [
      ...this.#tabs.values(),
      ...this.options.remotes.values(),
      ...(this.#browser ? [this.#browser] : []),
    ];
  }

  #detach(conn: TabConnection): void {
    if (this.#tabs.get(conn.id) !== conn) return;
    this.#tabs.delete(conn.id);
    this.resources.dropTab(conn.identity.tabId);
    this.#recompute();
    this.events.emit('tabChanged', conn.identity.tabId);
  }

  #tabChanged(conn: TabConnection): void {
    this.#recompute();
    this.events.emit('tabChanged', conn.identity.tabId);
  }

  /** Emits list_changed only when what an assistant can see really changed. */
  #recompute(): void {
    this.catalog.invalidate();
    // A site limited to other assistants changes what each assistant sees, not the union: count it in.
    const scopes = this.options.grants.scopesKey();
    const tools = scopes + JSON.stringify(this.catalog.tools());
    if (tools !== this.#lastTools) {
      this.#lastTools = tools;
      this.events.emit('toolsChanged');
    }
    const resources = scopes + JSON.stringify([this.catalog.resources(), this.catalog.resourceTemplates()]);
    if (resources !== this.#lastResources) {
      this.#lastResources = resources;
      this.events.emit('resourcesChanged');
    }
    const prompts = scopes + JSON.stringify(this.catalog.prompts());
    if (prompts !== this.#lastPrompts) {
      this.#lastPrompts = prompts;
      this.events.emit('promptsChanged');
    }
  }
}
