import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { RemoteStatus } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import { Emitter } from '../shared/emitter';
import type { RemoteConnection } from './remote-connection';
import type { RemoteOptions } from './remote-types';

/** `new RemoteConnection(...)`, handed in (see RemotePool's constructor). */
export type OpenRemote = (...args: ConstructorParameters<typeof RemoteConnection>) => RemoteConnection;

export type RemotePoolEvents = {
  /** A server connected, failed, brought new lists, or was added or removed. */
  changed: [];
  resourceUpdated: [conn: RemoteConnection, innerUri: string];
  log: [params: LoggingMessageNotification['params']];
  /** A connection attempt started; the host awaits these in settled(). */
  opening: [attempt: Promise<void>];
};

/**
 * The remote servers' connections, kept in step with the stored configs (ServerRegistry sets them). The
 * host listens to its events to rebuild the catalog; the options page's actions reach it directly.
 */
export class RemotePool {
  readonly #remotes = new Map<string, RemoteConnection>();
  readonly events: Emitter<RemotePoolEvents>;
  /** Inside set(): the connections' own changes are told once, at its end (each is a catalog rebuild). */
  #setting = false;

  /**
   * `open` builds a connection. It is handed in rather than imported so that the remote client (the SDK's
   * Client and transports, OAuth) stays out of the worker's start-up: a worker with no enabled server never
   * evaluates it, and one with servers does so after it is ready, when the connections start.
   */
  constructor(
    private readonly options: RemoteOptions,
    private readonly open: OpenRemote,
  ) {
    this.events = new Emitter((error) => options.logger.error('remote pool listener failed', error));
  }

  values(): IterableIterator<RemoteConnection> {
    return this.#remotes.values();
  }

  /** Adds, restarts (changed config) and drops (disabled or removed, ending their sessions) servers. */
  set(configs: RemoteServerConfig[]): void {
    // A worker that wakes with 100 servers opens 100 connections here, each going "connecting" at once:
    // one 'changed' (one catalog rebuild) for all of them rather than one per server.
    this.#setting = true;
    try {
      const wanted = new Map(configs.filter((c) => c.enabled).map((c) => [c.id, c]));
      for (const [id, conn] of this.#remotes) {
        const config = wanted.get(id);
        if (config && sameConnection(config, conn.config)) {
          // Only the approval setting changed: no reason to drop the session and reconnect.
          conn.config = config;
          continue;
        }
        this.#remotes.delete(id);
        const removed = !configs.some((c) => c.id === id);
        void conn.close(removed).catch((e) => this.options.logger.debug('remote close', e));
      }
      for (const config of wanted.values()) {
        if (this.#remotes.has(config.id)) continue;
        const conn: RemoteConnection = this.open(
          config,
          {
            changed: () => {
              if (!this.#setting) this.events.emit('changed');
            },
            resourceUpdated: (inner) => this.events.emit('resourceUpdated', conn, inner),
            log: (params) => this.events.emit('log', { ...params, logger: params.logger ?? config.name }),
          },
          this.options,
        );
        this.#remotes.set(config.id, conn);
        this.events.emit('opening', conn.open());
      }
    } finally {
      this.#setting = false;
    }
    this.events.emit('changed');
  }

  /** The user changed the roots: every server is told (notifications/roots/list_changed). */
  rootsChanged(): void {
    for (const conn of this.#remotes.values()) conn.rootsChanged();
  }

  /** Reconnects every server, e.g. so each sees what the host now declares (see RemoteConnection.restart). */
  restartAll(): void {
    for (const conn of this.#remotes.values()) this.events.emit('opening', conn.restart());
  }

  /** Ends a removed server's session (HTTP DELETE) and forgets it. */
  async remove(id: string): Promise<void> {
    const conn = this.#remotes.get(id);
    this.#remotes.delete(id);
    this.events.emit('changed');
    await conn?.close(true);
  }

  /** The user's Sign in for a server (see RemoteConnection.signIn). */
  signIn(id: string): Promise<void> {
    return this.#track(id, (conn) => conn.signIn());
  }

  /** The user's Sign out for a server (see RemoteConnection.signOut). */
  signOut(id: string): Promise<void> {
    return this.#track(id, (conn) => conn.signOut());
  }

  #track(id: string, act: (conn: RemoteConnection) => Promise<void>): Promise<void> {
    const conn = this.#remotes.get(id);
    if (!conn)
      return Promise.reject(new Error('That server is switched off or was removed; switch it on first.'));
    const attempt = act(conn);
    // settled() waits for it too; the error itself goes to the caller.
    this.events.emit(
      'opening',
      attempt.catch((e) => this.options.logger.debug(`${conn.label}: sign-in/out`, e)),
    );
    return attempt;
  }

  status(): Record<string, RemoteStatus> {
    return Object.fromEntries([...this.#remotes].map(([id, conn]) => [id, conn.status()]));
  }
}

/** Whether two configs need the same connection: everything but the two consent settings. */
function sameConnection(a: RemoteServerConfig, b: RemoteServerConfig): boolean {
  const plain = (c: RemoteServerConfig) =>
    JSON.stringify({ ...c, allowAllTools: false, trustedContent: false });
  return plain(a) === plain(b);
}
