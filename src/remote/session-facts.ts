import type { Client, ServerCapabilities, Transport } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { RemoteServerConfig } from '../messages/server-config';
import type { Logger } from '../shared/logger';

/** What a live session established, kept in the browser's session storage so a woken worker knows it. */
export interface SessionFacts {
  sessionId?: string;
  protocolVersion?: string;
  transport?: 'streamable-http' | 'sse';
  capabilities?: ServerCapabilities;
  updatedAt: number;
}

/** extension/ passes one over the browser's session storage; tests pass a Map. */
export interface SessionFactsStore {
  get(serverId: string): Promise<SessionFacts | undefined>;
  set(serverId: string, facts: SessionFacts): Promise<void>;
  delete(serverId: string): Promise<void>;
}

export class MemorySessionFacts implements SessionFactsStore {
  readonly map = new Map<string, SessionFacts>();
  async get(id: string) {
    return this.map.get(id);
  }
  async set(id: string, facts: SessionFacts) {
    this.map.set(id, facts);
  }
  async delete(id: string) {
    this.map.delete(id);
  }
}

/**
 * Keeps what a new session established, for a worker that wakes later. A session left behind by an earlier
 * worker (it died without closing) is ended on the server with an HTTP DELETE, through the SDK.
 */
export async function recordSessionFacts(args: {
  store: SessionFactsStore;
  config: RemoteServerConfig;
  client: Client;
  transport: Transport;
  kind: 'streamable-http' | 'sse';
  staleSessionId: string | undefined;
  now: number;
  logger: Logger;
  fetch?: typeof fetch;
}): Promise<void> {
  const { store, config, client, transport, kind, staleSessionId, logger } = args;
  const sessionId = transport instanceof StreamableHTTPClientTransport ? transport.sessionId : undefined;
  const protocolVersion = client.getNegotiatedProtocolVersion();
  const capabilities = client.getServerCapabilities();
  await store.set(config.id, {
    ...(sessionId ? { sessionId } : {}),
    ...(protocolVersion ? { protocolVersion } : {}),
    transport: kind,
    ...(capabilities ? { capabilities } : {}),
    updatedAt: args.now,
  });
  if (staleSessionId && staleSessionId !== sessionId) {
    const old = new StreamableHTTPClientTransport(new URL(config.url), {
      sessionId: staleSessionId,
      requestInit: { headers: config.headers },
      ...(args.fetch ? { fetch: args.fetch } : {}),
    });
    await old.terminateSession().catch((e) => logger.debug(`${config.name}: stale session`, e));
  }
}
