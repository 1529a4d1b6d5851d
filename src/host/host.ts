import type { Transport } from '@modelcontextprotocol/client';
import type {
  CallToolResult,
  CompleteRequest,
  CompleteResult,
  GetPromptResult,
  LoggingMessageNotification,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType,
  Tool,
} from '@modelcontextprotocol/server';
import type { Consent } from '../consent/consent';
import { clientCapabilities } from '../consent/server-requests';
import type { TabStateView, ToolGrantView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';
import type { RemoteStatus } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import type { Grants } from '../permissions/grants';
import type { RemoteOptions } from '../remote/remote-types';
import { Emitter } from '../shared/emitter';
import type { Logger } from '../shared/logger';
import { ArgumentChecker } from './argument-check';
import { Catalog } from './catalog';
import { complete, getPrompt } from './prompt-routing';
import { RemotePool } from './remote-pool';
import { ResourceSubscriptions } from './resource-subscriptions';
import type { CallOptions, ServerConnection } from './server-connection';
import { TabConnection, type TabIdentity } from './tab-connection';
import { callGrantedTool } from './tool-call';
import { webmcpHints } from './webmcp-hints';

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
  /** A remote server's state, version or counts changed (options page). */
  serversChanged: [];
  /** A remote server logged something; forwarded to assistants. */
  log: [params: LoggingMessageNotification['params']];
};

export interface HostOptions {
  grants: Grants;
  /** Approvals, elicitation, the audit log and preferences: everything the user has a say in. */
  consent: Consent;
  logger: Logger;
  version: string;
  now?: () => number;
  /** Fetch and session facts for remote-server clients; capabilities and handlers default to consent's. */
  remote?: Pick<RemoteOptions, 'capabilities' | 'setup' | 'fetch' | 'facts' | 'oauth' | 'oauthOverrides'>;
}

/**
 * The MCP host: owns one SDK Client per server (today one per tab document), the grants, and the catalog
 * that assistants see. No extension APIs here: extension/background wires Ports and tab events to it.
 */
export class Host {
  readonly events: Emitter<HostEvents>;
  readonly catalog: Catalog;
  readonly #tabs = new Map<string, TabConnection>();
  readonly #remotes: RemotePool;
  readonly #pending = new Set<Promise<void>>();
  readonly #resources: ResourceSubscriptions;
  readonly #now: () => number;
  readonly #arguments = new ArgumentChecker();
  #lastTools = '';
  #lastResources = '';
  #lastPrompts = '';
  #sessions = 0;
  #inFlight = 0;

  constructor(private readonly options: HostOptions) {
    this.#now = options.now ?? Date.now;
    this.events = new Emitter((error) => options.logger.error('host listener failed', error));
    this.catalog = new Catalog(options.grants, () => this.#connections());
    this.#resources = new ResourceSubscriptions(this.catalog, options.grants, (uri) =>
      this.events.emit('resourceUpdated', uri),
    );
    this.#remotes = new RemotePool(
      {
        logger: options.logger,
        version: options.version,
        now: this.#now,
        // Asked at every connect: the sampling provider can come and go (see samplingChanged).
        capabilities: () => clientCapabilities(options.consent.requests.sampling),
        setup: options.consent.serveServerRequests,
        ...options.remote,
      },
      {
        changed: () => {
          this.#recompute();
          this.events.emit('serversChanged');
        },
        resourceUpdated: (conn, inner) => this.#resources.forward(conn, inner),
        log: (params) => this.events.emit('log', params),
        opening: (attempt) => {
          const opened = attempt.finally(() => this.#pending.delete(opened));
          this.#pending.add(opened);
        },
      },
    );
    let roots = JSON.stringify(options.consent.preferences.current.roots);
    options.consent.preferences.onChange((preferences) => {
      if (JSON.stringify(preferences.roots) === roots) return;
      roots = JSON.stringify(preferences.roots);
      for (const remote of this.#remotes.values()) remote.rootsChanged();
    });
    options.grants.onChange((origin) => {
      this.#recompute();
      for (const conn of this.#tabs.values()) {
        if (conn.origin === origin) this.events.emit('tabChanged', conn.identity.tabId);
      }
    });
  }

  get grants(): Grants {
    return this.options.grants;
  }

  get consent(): Consent {
    return this.options.consent;
  }

  /** A document's in-page server connected. Replaces whatever that tab and frame had before. */
  attachTab(identity: TabIdentity, transport: Transport): Promise<void> {
    const conn: TabConnection = new TabConnection(
      identity,
      transport,
      {
        changed: () => this.#tabChanged(conn),
        resourceUpdated: (inner) => this.#resources.forward(conn, inner),
        closed: () => this.#detach(conn),
      },
      this.options.logger,
      this.options.version,
      this.#now(),
    );
    const previous = this.#tabs.get(conn.id);
    this.#tabs.set(conn.id, conn);
    if (previous) void previous.close().catch((e) => this.options.logger.debug('closing replaced tab', e));
    const opened = conn.open().finally(() => this.#pending.delete(opened));
    this.#pending.add(opened);
    this.#tabChanged(conn);
    return opened;
  }

  /** Resolves once every tab that has connected so far has finished its handshake. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  tabClosed(tabId: number): void {
    for (const conn of [...this.#tabs.values()]) {
      if (conn.identity.tabId === tabId)
        void conn.close().catch((e) => this.options.logger.debug('close', e));
    }
  }

  tabActivated(tabId: number): void {
    for (const conn of this.#tabs.values()) if (conn.identity.tabId === tabId) conn.lastActive = this.#now();
  }

  hasTab(tabId: number): boolean {
    return this.#tabs.has(TabConnection.idOf(tabId));
  }

  tabState(tabId: number): TabStateView {
    const conn = this.#tabs.get(TabConnection.idOf(tabId));
    if (!conn) return { tabId, origin: null, state: 'unavailable', tools: [], pageContentGranted: false };
    const tools: ToolGrantView[] = conn.tools.map((tool) => ({
      name: tool.name,
      ...(tool.title ? { title: tool.title } : {}),
      description: tool.description ?? '',
      readOnly: tool.annotations?.readOnlyHint === true,
      ...webmcpHints(tool),
      granted: this.grants.isToolGranted(conn.origin, tool.name),
    }));
    return {
      tabId,
      origin: conn.origin,
      ...(this.grants.isBlocked(conn.origin) ? { blocked: true } : {}),
      state: conn.state,
      ...(conn.error && conn.state === 'error' ? { error: conn.error } : {}),
      tools,
      pageContentGranted: this.grants.isPageGranted(conn.origin),
    };
  }

  listTools(): Tool[] {
    return this.catalog.tools();
  }

  listResources(): Resource[] {
    return this.catalog.resources();
  }

  /**
   * Routes an assistant's call (see tool-call.ts): the grant is checked now, then the approval policy, and
   * the call is written to the audit log.
   */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: CallOptions & { assistant: AssistantRef },
  ): Promise<CallToolResult> {
    this.#inFlight++;
    try {
      return await callGrantedTool(
        {
          catalog: this.catalog,
          grants: this.grants,
          consent: this.consent,
          arguments: this.#arguments,
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

  listResourceTemplates(): ResourceTemplateType[] {
    return this.catalog.resourceTemplates();
  }

  listPrompts(): Prompt[] {
    return this.catalog.prompts();
  }

  getPrompt(
    name: string,
    args: Record<string, string> | undefined,
    signal?: AbortSignal,
  ): Promise<GetPromptResult> {
    return getPrompt(this.catalog, name, args, signal);
  }

  /** Completion for a prompt argument or a resource template variable, routed to the server that owns it. */
  complete(params: CompleteRequest['params']): Promise<CompleteResult> {
    return complete(this.catalog, params);
  }

  /** Makes the remote servers match the stored configs (see RemotePool). */
  setRemoteServers(configs: RemoteServerConfig[]): void {
    this.#remotes.set(configs);
  }

  /**
   * The model for sampling came or went (Consent.setSamplingProvider returned true). A server learns what a
   * client declares only when it connects, so every remote server reconnects to hear the new capabilities.
   */
  samplingChanged(): void {
    this.#remotes.restartAll();
  }

  async removeRemoteServer(id: string): Promise<void> {
    await this.#remotes.remove(id);
  }

  /**
   * Signs in to a remote server (its authorization page may open) and reconnects it. Resolves once it is
   * connected; rejects with what stopped it, in words for the user.
   */
  signIn(serverId: string): Promise<void> {
    return this.#remotes.signIn(serverId);
  }

  /** Revokes and forgets a remote server's tokens, then reconnects it (it will show as signed out). */
  signOut(serverId: string): Promise<void> {
    return this.#remotes.signOut(serverId);
  }

  remoteStatus(): Record<string, RemoteStatus> {
    return this.#remotes.status();
  }

  /**
   * Whether something is live that must keep the worker awake: an open assistant session, a call in flight,
   * a subscription, or a request waiting for the user. Idle remote connections alone are not: they are restored when the worker wakes.
   */
  get live(): boolean {
    return (
      this.#sessions > 0 || this.#inFlight > 0 || this.#resources.size > 0 || this.consent.queue.size > 0
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
    return [...this.#tabs.values(), ...this.#remotes.values()];
  }

  readResource(uri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.#resources.read(uri, signal);
  }

  subscribe(uri: string): Promise<void> {
    return this.#resources.subscribe(uri);
  }

  unsubscribe(uri: string): Promise<void> {
    return this.#resources.unsubscribe(uri);
  }

  #detach(conn: TabConnection): void {
    if (this.#tabs.get(conn.id) !== conn) return;
    this.#tabs.delete(conn.id);
    this.#resources.dropTab(conn.identity.tabId);
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
    const tools = JSON.stringify(this.catalog.tools());
    if (tools !== this.#lastTools) {
      this.#lastTools = tools;
      this.events.emit('toolsChanged');
    }
    const resources = JSON.stringify([this.catalog.resources(), this.catalog.resourceTemplates()]);
    if (resources !== this.#lastResources) {
      this.#lastResources = resources;
      this.events.emit('resourcesChanged');
    }
    const prompts = JSON.stringify(this.catalog.prompts());
    if (prompts !== this.#lastPrompts) {
      this.#lastPrompts = prompts;
      this.events.emit('promptsChanged');
    }
  }
}
