import type { Transport } from '@modelcontextprotocol/client';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { TransportKind } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import type { RemoteOptions } from './remote-types';
import type { ListKind } from './server-lists';

/**
 * The SDK Client for one connection attempt: what it declares (evaluated now, since a model being configured
 * changes it), the handlers for what it declares, and the notifications the connection listens to.
 */
export function createRemoteClient(
  options: RemoteOptions,
  config: RemoteServerConfig,
  on: {
    listChanged(what: ListKind): void;
    resourceUpdated(uri: string): void;
    log(params: LoggingMessageNotification['params']): void;
  },
): Client {
  const declared = options.capabilities;
  const client = new Client(
    { name: 'switchboard', title: 'Switchboard', version: options.version },
    // 'auto' probes server/discover for the stateless 2026-07-28 protocol and falls back to initialize,
    // which negotiates 2025-11-25 down to 2024-11-05.
    {
      capabilities: (typeof declared === 'function' ? declared() : declared) ?? {},
      versionNegotiation: { mode: 'auto' },
    },
  );
  // Right after the capabilities, with nothing awaited between: setup installs handlers for what they say.
  options.setup?.(client, config);
  client.setNotificationHandler('notifications/tools/list_changed', () => on.listChanged('tools'));
  client.setNotificationHandler('notifications/resources/list_changed', () => on.listChanged('resources'));
  client.setNotificationHandler('notifications/prompts/list_changed', () => on.listChanged('prompts'));
  client.setNotificationHandler('notifications/resources/updated', (n) => on.resourceUpdated(n.params.uri));
  client.setNotificationHandler('notifications/message', (n) => on.log(n.params));
  return client;
}

/** Streamable HTTP, or the legacy HTTP+SSE transport, with the server's own headers and our fetch. */
export function createTransport(
  config: RemoteServerConfig,
  kind: TransportKind,
  fetchFn: typeof fetch | undefined,
): Transport {
  const url = new URL(config.url);
  const init = { requestInit: { headers: config.headers }, ...(fetchFn ? { fetch: fetchFn } : {}) };
  return kind === 'sse' ? new SSEClientTransport(url, init) : new StreamableHTTPClientTransport(url, init);
}
