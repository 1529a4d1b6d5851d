import type { Transport } from '@modelcontextprotocol/client';
import { type Client, SdkHttpError, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type {
  CallToolResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/server';
import type { CallOptions } from '../messages/calls';
import { serverGrantKey, serverKey } from '../messages/names';
import type { RemoteState, RemoteStatus, TransportKind } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import { errorMessage } from '../shared/errors';
import { authFailureOf } from './auth/auth-errors';
import { type OAuthSession, oauthSessionFor } from './auth/oauth-session-for';
import { backoffDelay } from './backoff';
import { createRemoteClient, createTransport } from './remote-client';
import { describeFailure, meansLegacySse } from './remote-helpers';
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
  #client: Client | undefined;
  #transport: Transport | undefined;
  #transportKind: TransportKind | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  readonly #subscriptions: RemoteSubscriptions;
  #generation = 0;
  /** Present when the host can sign in (options.oauth): every request then goes through it. */
  readonly #auth: OAuthSession | undefined;
  readonly #fetch: typeof fetch | undefined;

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
  get client(): Client | undefined {
    return this.#client;
  }

  status(): RemoteStatus {
    const caps = this.#client?.getServerCapabilities();
    return {
      state: this.state,
      ...(this.error ? { error: this.error } : {}),
      ...(this.retryAt ? { retryAt: this.retryAt } : {}),
      ...(this.#transportKind ? { transport: this.#transportKind } : {}),
      ...(this.#client?.getNegotiatedProtocolVersion()
        ? { protocolVersion: this.#client.getNegotiatedProtocolVersion() }
        : {}),
      ...(caps ? { capabilities: Object.keys(caps).sort() } : {}),
      counts: { tools: this.tools.length, resources: this.resources.length, prompts: this.prompts.length },
      ...(this.#auth ? { auth: this.#auth.status() } : {}),
    };
  }

  /** Every tool of an enabled server is offered; whether a call runs without asking is the approval policy's. */
  toolAllowed(): boolean {
    return this.config.enabled;
  }

  get trustsAllTools(): boolean {
    return this.config.allowAllTools;
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

  /** switchboard://server/<key>/<the server's own URI>: servers' URIs may collide, so each gets a prefix. */
  resourceUri(innerUri: string): string {
    return `switchboard://server/${this.catalogKey}/${innerUri}`;
  }

  innerUriOf(hostUri: string): string | undefined {
    const prefix = `switchboard://server/${this.catalogKey}/`;
    return hostUri.startsWith(prefix) ? hostUri.slice(prefix.length) : undefined;
  }

  async open(): Promise<void> {
    const generation = ++this.#generation;
    this.#setState('connecting');
    try {
      const stale = await this.options.facts?.get(this.config.id);
      await this.#auth?.prepare();
      await this.#connect();
      if (generation !== this.#generation || this.#closed) return;
      await this.#recordFacts(stale?.sessionId);
      await this.#refreshAll();
      this.#attempt = 0;
      this.error = undefined;
      this.retryAt = undefined;
      this.#setState('connected');
    } catch (error) {
      if (generation !== this.#generation || this.#closed) return;
      this.#fail(error);
    }
  }

  async callTool(
    name: string,
    args: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CallToolResult> {
    return this.#watch(this.#live().callTool({ name, arguments: args }, options));
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
      const sessionGone = SdkHttpError.isInstance(error) && (error.status === 404 || error.status === 400);
      const unreachable = /fetch failed|Failed to fetch/i.test(errorMessage(error));
      const signedOut = authFailureOf(error) !== undefined;
      if ((sessionGone || unreachable || signedOut) && this.state === 'connected') this.#fail(error);
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
    const transport = this.#transport;
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
    try {
      await this.#attach(createTransport(this.config, 'streamable-http', this.#fetch), 'streamable-http');
    } catch (error) {
      if (!meansLegacySse(error)) throw error;
      this.options.logger.debug(`${this.label}: Streamable HTTP answered ${error.status}; trying HTTP+SSE`);
      await this.#attach(createTransport(this.config, 'sse', this.#fetch), 'sse');
    }
  }

  async #attach(transport: Transport, kind: TransportKind): Promise<void> {
    const client = createRemoteClient(this.options, this.config, {
      listChanged: (what) => this.#refresh(what),
      resourceUpdated: (uri) => this.events.resourceUpdated(uri),
      log: (params) => this.events.log(params),
    });
    const generation = this.#generation;
    // A dropped stream surfaces as onerror, not always onclose: both mean "reconnect" once we were up.
    client.onclose = () =>
      generation === this.#generation &&
      this.state === 'connected' &&
      this.#fail(new Error('The connection closed.'));
    client.onerror = (error) => {
      this.options.logger.debug(`${this.label}: ${errorMessage(error)}`);
      if (
        generation === this.#generation &&
        this.state === 'connected' &&
        /Maximum reconnection|SSE error|other side closed/i.test(error.message)
      ) {
        this.#fail(error);
      }
    };
    await client.connect(transport);
    if (generation !== this.#generation) {
      // A restart or close began while this one connected: the newer attempt owns the connection.
      await client.close().catch((e) => this.options.logger.debug(`${this.label}: close superseded`, e));
      throw new Error('Superseded by a newer connection.');
    }
    await this.#subscriptions.attach(client);
    this.#client = client;
    this.#transport = transport;
    this.#transportKind = kind;
  }

  async #recordFacts(staleSessionId: string | undefined): Promise<void> {
    if (!this.#client || !this.#transport || !this.#transportKind || !this.options.facts) return;
    await recordSessionFacts({
      store: this.options.facts,
      config: this.config,
      client: this.#client,
      transport: this.#transport,
      kind: this.#transportKind,
      staleSessionId,
      now: this.options.now(),
      logger: this.options.logger,
      ...(this.#fetch ? { fetch: this.#fetch } : {}),
    });
  }

  async #refreshAll(): Promise<void> {
    await Promise.all([this.#refresh('tools'), this.#refresh('resources'), this.#refresh('prompts')]);
  }

  async #refresh(what: ListKind): Promise<void> {
    const client = this.#client;
    if (!client) return;
    try {
      Object.assign(this, await fetchList(client, what));
      if (this.state === 'connected') this.events.changed();
    } catch (error) {
      if (!authFailureOf(error))
        return this.options.logger.warn(`${this.label}: could not list ${what}`, error);
      if (this.state !== 'connected') throw error; // open() reports it: the user must sign in
      this.#fail(error);
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
