import type { ServerInput, ServerView } from '../messages/contract';
import { BROWSER_SERVER_ID, serverKey } from '../messages/names';
import type { RemoteServerConfig } from '../messages/server-config';
import { checkHeaders, checkServerUrl } from '../shared/server-url';
import type { ServerStore } from '../storage/stores';
import type { RemotePool } from './remote-pool';

/**
 * The user's remote servers: configs persisted in the store, connections held by the pool. A worker that
 * wakes calls load() then connect(), and every enabled server reconnects without the user doing anything.
 */
export class ServerRegistry {
  #configs: RemoteServerConfig[] = [];

  constructor(
    private readonly store: ServerStore,
    private readonly pool: RemotePool,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the saved configs. Their servers connect at connect(), which the worker calls once it is ready. */
  async load(): Promise<void> {
    this.#configs = await this.store.all();
  }

  /** Every enabled server starts connecting (the pool keeps those already up). */
  connect(): void {
    this.pool.set(this.#configs);
  }

  /** Adds or edits a server. Throws a readable error for a bad URL, header or a duplicate name. */
  async save(input: ServerInput): Promise<RemoteServerConfig> {
    const url = checkServerUrl(input.url);
    const name = input.name.trim();
    const existing = input.id ? this.#configs.find((c) => c.id === input.id) : undefined;
    if (input.id && !existing) throw new Error('That server no longer exists.');
    if (this.#configs.some((c) => c.id !== input.id && c.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A server named "${name}" already exists: pick another name.`);
    }
    // Its tools would be named like the built-in browser tabs server's (serverKey('browser')).
    if (serverKey(name) === serverKey(BROWSER_SERVER_ID)) {
      throw new Error(`"${name}" is the name of Switchboard's own browser tools: pick another name.`);
    }
    const config: RemoteServerConfig = {
      id: existing?.id ?? this.newId(),
      name,
      url,
      headers: input.headers ? checkHeaders(input.headers) : (existing?.headers ?? {}),
      enabled: input.enabled,
      allowAllTools: input.allowAllTools,
      ...((input.trustedContent ?? existing?.trustedContent) ? { trustedContent: true } : {}),
      createdAt: existing?.createdAt ?? this.now(),
      ...oauthSettings(input.oauth, existing?.oauth),
    };
    await this.store.put(config);
    this.#configs = [...this.#configs.filter((c) => c.id !== config.id), config].sort(
      (a, b) => a.createdAt - b.createdAt,
    );
    this.pool.set(this.#configs);
    return config;
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(id);
    this.#configs = this.#configs.filter((c) => c.id !== id);
    await this.pool.remove(id);
  }

  configs(): RemoteServerConfig[] {
    return [...this.#configs];
  }

  /** The store was replaced underneath (a settings import): servers that went are closed, the rest follow. */
  async reloaded(): Promise<void> {
    const before = this.#configs;
    this.#configs = await this.store.all();
    for (const old of before) if (!this.#configs.some((c) => c.id === old.id)) await this.pool.remove(old.id);
    this.pool.set(this.#configs);
  }

  views(): ServerView[] {
    const status = this.pool.status();
    return this.#configs.map((c) => ({
      id: c.id,
      name: c.name,
      url: c.url,
      headerNames: Object.keys(c.headers),
      enabled: c.enabled,
      allowAllTools: c.allowAllTools,
      trustedContent: c.trustedContent === true,
      ...(c.oauth?.clientId ? { oauthClientId: c.oauth.clientId } : {}),
      status: c.enabled
        ? (status[c.id] ?? { state: 'connecting', counts: { tools: 0, resources: 0, prompts: 0 } })
        : { state: 'disabled', counts: { tools: 0, resources: 0, prompts: 0 } },
    }));
  }
}

/** Pre-registered OAuth client credentials; a secret left empty on edit keeps the stored one. */
function oauthSettings(
  input: ServerInput['oauth'],
  stored: RemoteServerConfig['oauth'],
): Pick<RemoteServerConfig, 'oauth'> {
  if (!input) return stored ? { oauth: stored } : {};
  const clientId = input.clientId?.trim();
  if (!clientId) return {};
  const clientSecret =
    input.clientSecret?.trim() || (stored?.clientId === clientId ? stored.clientSecret : undefined);
  return { oauth: { clientId, ...(clientSecret ? { clientSecret } : {}) } };
}
