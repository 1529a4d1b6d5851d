import { type Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type {
  CallToolResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/server';
import type { CallOptions } from '../messages/calls';
import { serverGrantKey, serverInnerUri, serverKey, serverResourceUri } from '../messages/names';
import type { RemoteState, RemoteStatus } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import { authFailureOf } from './auth/auth-errors';
import { type OAuthSession, oauthSessionFor } from './auth/oauth-session-for';
import { backoffDelay } from './backoff';
import { type Attached, attachRemote } from './remote-attach';
import { callRemoteTool } from './remote-call';
import { describeFailure, describeStatus, meansReconnect } from './remote-helpers';
import type { RemoteEvents, RemoteOptions } from './remote-types';
import { fetchList, type ListKind } from './server-lists';
import { recordSessionFacts } from './session-facts';
import { RemoteSubscriptions } from './subscriptions';

/**
 * The host's client for one remote MCP server: Streamable HTTP, falling back to legacy HTTP+SSE when the
 * server answers the first POST with a 4xx. Reconnects with backoff; never repeats a call. It has the
 * shape of the host's ServerConnection, which the host checks where it holds it (this layer does not know
 * the host).
 */
export class RemoteConnection {
  readonly kind = 'remote' as const;
  state: RemoteState = 'connecting';
  error: string | undefined;
  retryAt: number | undefined;
  tools: Tool[] = [];
  resources: Resource[] = [];
  resourceTemplates: ResourceTemplate[] = [];
  prompts: Prompt[] = [];
  lastActive: number;
  /** The current session's client, transport and its kind (see remote-attach.ts). */
  #session: Attached | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  readonly #subscriptions: RemoteSubscriptions;
  #generation = 0;
  /** Present when the host can sign in (options.oauth): every request then goes through it. */
  readonly #auth: OAuthSession | undefined;
  readonly #fetch: typeof fetch | undefined;
  /** When each list the server gave a lifetime (ttlMs) goes stale; see freshen(). */
  readonly #expiresAt = new Map<ListKind, number>();
  readonly #refreshing = new Set<ListKind>();

  constructor(
    /** Replaced in place when only its approval setting changes (see RemotePool). */
    public config: RemoteServerConfig,
    private readonly events: RemoteEvents,
    private readonly options: RemoteOptions,
  ) {
    this.lastActive = options.now();
    this.#subscriptions = new RemoteSubscriptions(config.name, options.logger);
    this.#auth = oauthSessionFor(config, options);
    this.#fetch = this.#auth?.fetch ?? options.fetch;
  }

  get id(): string {
    return `remote:${this.config.id}`;
  }
  get grantKey(): string {
    return serverGrantKey(this.config.id);
  }
  get catalogKey(): string {
    return serverKey(this.config.name);
  }
  get label(): string {
    return this.config.name;
  }
  get source(): string {
    return `the MCP server "${this.config.name}"`;
  }
  status(): RemoteStatus {
    return describeStatus(this, this.#session, this.#auth?.status());
  }

  /** Every tool of an enabled server is offered; whether a call runs without asking is the approval policy's. */
  toolAllowed(): boolean {
    return this.config.enabled;
  }

  get trustsAllTools(): boolean {
    return this.config.allowAllTools;
  }

  /** What it returns is untrusted content unless the user trusts this server ("Trust what it returns"). */
  untrusted(): boolean {
    return this.config.trustedContent !== true;
  }

  /** The user changed the roots list: tell the server (it asks roots/list again). */
  rootsChanged(): void {
    if (this.state !== 'connected' || !this.#client) return;
    this.#client
      .sendRootsListChanged()
      .catch((e) => this.options.logger.debug(`${this.label}: roots/list_changed not sent`, e));
  }

  resourcesAllowed(): boolean {
    return this.config.enabled;
  }

  hasTool(name: string): boolean {
    return this.tools.some((t) => t.name === name);
  }

  resourceUri(innerUri: string): string {
    return serverResourceUri(this.catalogKey, innerUri);
  }

  innerUriOf(hostUri: string): string | undefined {
    return serverInnerUri(this.catalogKey, hostUri);
  }

  async open(): Promise<void> {
    const generation = ++this.#generation;
    this.#setState('connecting');
    try {
      const stale = await this.options.facts?.get(this.config.id);
      await this.#auth?.prepare();
      await this.#connect();
      if (generation !== this.#generation || this.#closed) return;
      if (this.options.facts && this.#session) {
        await recordSessionFacts({
          store: this.options.facts,
          config: this.config,
          ...this.#session,
          staleSessionId: stale?.sessionId,
          now: this.options.now(),
          logger: this.options.logger,
          ...(this.#fetch ? { fetch: this.#fetch } : {}),
        });
      }
      await Promise.all((['tools', 'resources', 'prompts'] as const).map((what) => this.#refresh(what)));
      this.#attempt = 0;
      this.error = undefined;
      this.retryAt = undefined;
      this.#setState('connected');
    } catch (error) {
      if (generation !== this.#generation || this.#closed) return;
      this.#fail(error);
    }
  }

  /**
   * A plain call, unless the server runs it as a task: a 2025-11-25 tool that requires one is started as
   * one, and a 2026-07-28 server may answer any call with a task handle. Either way the call's promise is
   * the task's result, followed to its end (task-follow.ts), and its status messages are its progress.
   */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CallToolResult> {
    return callRemoteTool(
      {
        client: this.#live(),
        tool: this.tools.find((t) => t.name === name),
        answer: this.#session?.answer,
        now: this.options.now,
        watch: (request) => this.#watch(request),
        relist: () => void this.#refresh('tools'),
      },
      name,
      args,
      options,
    );
  }

  /** A -32042 from this server: the user is asked to open its URLs (url-elicitation-error.ts). */
  async userStep(error: unknown, signal?: AbortSignal): Promise<CallToolResult | undefined> {
    return this.options.userStep?.(error, this.label, signal);
  }

  async readResource(innerUri: string, signal?: AbortSignal): Promise<ReadResourceResult> {
    return this.#watch(this.#live().readResource({ uri: innerUri }, signal ? { signal } : undefined));
  }

  /**
   * A request that fails because the session is gone (404, or 400 from servers that say so) or the
   * server is unreachable starts a fresh initialize. The failed call is reported, never sent again.
   */
  async #watch<T>(request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      if (meansReconnect(error) && this.state === 'connected') this.#fail(error);
      throw error;
    }
  }

  async subscribe(innerUri: string): Promise<void> {
    await this.#subscriptions.add(this.#live(), innerUri);
  }

  async unsubscribe(innerUri: string): Promise<void> {
    await this.#subscriptions.remove(this.#live(), innerUri);
  }

  /** The live SDK client, for prompts and completion. Throws a readable error when not connected. */
  live(): Client {
    return this.#live();
  }

  /**
   * Connects afresh (a new initialize) on the same configuration, e.g. because what the host declares
   * changed. The old client is closed without ending its server session, as on any reconnect; the
   * resources assistants subscribed to are renewed on the new one.
   */
  restart(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    clearTimeout(this.#timer);
    this.#attempt = 0;
    return this.open();
  }

  /**
   * The user clicked Sign in: connects afresh with the authorization window allowed. Throws what stopped
   * the sign-in (the window closed, the server refused, …) in words a person can act on.
   */
  async signIn(): Promise<void> {
    if (!this.#auth) throw new Error(`Switchboard cannot sign in to "${this.config.name}" here.`);
    await this.#auth.interactively(() => this.restart());
    if (this.state !== 'connected') throw new Error(this.error ?? `"${this.config.name}" did not connect.`);
  }

  /** Revokes the tokens (where the server can), forgets them, and reconnects: the server shows signed out. */
  async signOut(): Promise<void> {
    await this.#auth?.signOut();
    await this.restart();
  }

  /** Stops for good. With `terminate`, ends the server-side session too (HTTP DELETE), as on removal. */
  async close(terminate = false): Promise<void> {
    this.#closed = true;
    this.#generation++;
    clearTimeout(this.#timer);
    const transport = this.#session?.transport;
    if (terminate)
      await this.options.facts?.delete(this.config.id).catch((e) => this.options.logger.debug('facts', e));
    if (terminate && transport instanceof StreamableHTTPClientTransport && transport.sessionId) {
      await transport
        .terminateSession()
        .catch((e) => this.options.logger.debug(`${this.label}: DELETE failed`, e));
    }
    await this.#subscriptions.close();
    await this.#client?.close().catch((e) => this.options.logger.debug(`${this.label}: close`, e));
  }

  #live(): Client {
    if (!this.#client || this.state !== 'connected') {
      throw new Error(
        `The MCP server "${this.config.name}" is not connected${this.error ? `: ${this.error}` : ''}.`,
      );
    }
    return this.#client;
  }

  async #connect(): Promise<void> {
    await this.#client
      ?.close()
      .catch((e) => this.options.logger.debug(`${this.label}: close before reconnect`, e));
    const generation = this.#generation;
    const attached = await attachRemote(this.options, this.config, this.#fetch, {
      events: this.events,
      listChanged: (what) => void this.#refresh(what),
      current: () => generation === this.#generation,
      dropped: (error) => this.state === 'connected' && this.#fail(error),
    });
    await this.#subscriptions.attach(attached.client);
    this.#session = attached;
  }

  get #client(): Client | undefined {
    return this.#session?.client;
  }

  /**
   * An assistant is looking at the catalog: the lists whose lifetime (the server's ttlMs, 2026-07-28) is over
   * are fetched again, in the background. The assistant gets the list the host has now, and a list_changed
   * if the new one differs (the host tells assistants only of real changes).
   */
  freshen(): void {
    if (this.state !== 'connected') return;
    const now = this.options.now();
    for (const [what, expiresAt] of this.#expiresAt) {
      if (now >= expiresAt && !this.#refreshing.has(what)) void this.#refresh(what);
    }
  }

  async #refresh(what: ListKind): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#refreshing.add(what);
    try {
      const { lists, ttlMs } = await fetchList(client, what);
      if (client !== this.#client) return; // a reconnect lists afresh on its own client
      Object.assign(this, lists);
      if (ttlMs === undefined) this.#expiresAt.delete(what);
      else this.#expiresAt.set(what, this.options.now() + ttlMs);
      if (this.state === 'connected') this.events.changed();
    } catch (error) {
      if (!authFailureOf(error))
        return this.options.logger.warn(`${this.label}: could not list ${what}`, error);
      if (this.state !== 'connected') throw error; // open() reports it: the user must sign in
      this.#fail(error);
    } finally {
      this.#refreshing.delete(what);
    }
  }

  #fail(error: unknown): void {
    const signIn = authFailureOf(error);
    this.error = signIn?.message ?? describeFailure(error, this.config.url);
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.retryAt = undefined;
    // Retrying cannot help until the user signs in (or the server changes): no backoff, no timer.
    if (signIn) {
      this.#setState('error');
      return;
    }
    const delay = backoffDelay(this.#attempt++);
    this.retryAt = this.options.now() + delay;
    this.#setState(this.tools.length > 0 || this.#attempt > 1 ? 'reconnecting' : 'error');
    this.#timer = setTimeout(() => void this.open(), delay);
  }

  #setState(state: RemoteState): void {
    this.state = state;
    this.events.changed();
  }
}
