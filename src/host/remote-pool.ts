import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { RemoteStatus } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import { RemoteConnection } from '../remote/remote-connection';
import type { RemoteOptions } from '../remote/remote-types';

export interface RemotePoolHooks {
  /** A server connected, failed, or brought new lists. */
  changed(): void;
  resourceUpdated(conn: RemoteConnection, innerUri: string): void;
  log(params: LoggingMessageNotification['params']): void;
  /** A connection attempt started; the host awaits these in settled(). */
  opening(attempt: Promise<void>): void;
}

/** The host's remote connections, kept in step with the stored configs. */
export class RemotePool {
  readonly #remotes = new Map<string, RemoteConnection>();

  constructor(
    private readonly options: RemoteOptions,
    private readonly hooks: RemotePoolHooks,
  ) {}

  values(): IterableIterator<RemoteConnection> {
    return this.#remotes.values();
  }

  /** Adds, restarts (changed config) and drops (disabled or removed, ending their sessions) servers. */
  set(configs: RemoteServerConfig[]): void {
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
      const conn: RemoteConnection = new RemoteConnection(
        config,
        {
          changed: () => this.hooks.changed(),
          resourceUpdated: (inner) => this.hooks.resourceUpdated(conn, inner),
          log: (params) => this.hooks.log({ ...params, logger: params.logger ?? config.name }),
        },
        this.options,
      );
      this.#remotes.set(config.id, conn);
      this.hooks.opening(conn.open());
    }
    this.hooks.changed();
  }

  /** Reconnects every server, e.g. so each sees what the host now declares (see RemoteConnection.restart). */
  restartAll(): void {
    for (const conn of this.#remotes.values()) this.hooks.opening(conn.restart());
  }

  /** Ends a removed server's session (HTTP DELETE) and forgets it. */
  async remove(id: string): Promise<void> {
    const conn = this.#remotes.get(id);
    this.#remotes.delete(id);
    this.hooks.changed();
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
    this.hooks.opening(attempt.catch((e) => this.options.logger.debug(`${conn.label}: sign-in/out`, e)));
    return attempt;
  }

  status(): Record<string, RemoteStatus> {
    return Object.fromEntries([...this.#remotes].map(([id, conn]) => [id, conn.status()]));
  }
}

/** Whether two configs need the same connection: everything but "Allow all tools without asking". */
function sameConnection(a: RemoteServerConfig, b: RemoteServerConfig): boolean {
  return JSON.stringify({ ...a, allowAllTools: false }) === JSON.stringify({ ...b, allowAllTools: false });
}
