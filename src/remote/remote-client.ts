import type { Transport } from '@modelcontextprotocol/client';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { LoggingMessageNotification } from '@modelcontextprotocol/server';
import type { TransportKind } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import type { InputAnswer, RemoteOptions } from './remote-types';
import type { ListKind } from './server-lists';
import { TASKS_EXTENSION } from './task-wire';

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
): { client: Client; answer: InputAnswer | undefined } {
  const declared = options.capabilities;
  const base = (typeof declared === 'function' ? declared() : declared) ?? {};
  const client = new Client(
    { name: 'switchboard', title: 'Switchboard', version: options.version },
    // 'auto' probes server/discover for the stateless 2026-07-28 protocol and falls back to initialize,
    // which negotiates 2025-11-25 down to 2024-11-05.
    {
      // The connection follows tasks itself (task-follow.ts), so it says so: on 2026-07-28 this is in
      // every request's capabilities, and a server may then answer a call with a task. A 2025-11-25 server
      // ignores it; there the client's own `tasks` capability would mean it runs tasks for the server, which
      // it does not, so that is not declared.
      capabilities: { ...base, extensions: { ...base.extensions, [TASKS_EXTENSION]: {} } },
      versionNegotiation: { mode: 'auto' },
    },
  );
  // Right after the capabilities, with nothing awaited between: setup installs handlers for what they say.
  const answer = options.setup?.(client, config);
  client.setNotificationHandler('notifications/tools/list_changed', () => on.listChanged('tools'));
  client.setNotificationHandler('notifications/resources/list_changed', () => on.listChanged('resources'));
  client.setNotificationHandler('notifications/prompts/list_changed', () => on.listChanged('prompts'));
  client.setNotificationHandler('notifications/resources/updated', (n) => on.resourceUpdated(n.params.uri));
  client.setNotificationHandler('notifications/message', (n) => on.log(n.params));
  return { client, answer };
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
