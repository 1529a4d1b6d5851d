import type { Client, Transport } from '@modelcontextprotocol/client';
import type { TransportKind } from '../messages/remote-status';
import type { RemoteServerConfig } from '../messages/server-config';
import { errorMessage } from '../shared/errors';
import { screenIncoming } from './incoming-screen';
import { createRemoteClient, createTransport } from './remote-client';
import { meansLegacySse } from './remote-helpers';
import type { InputAnswer, RemoteEvents, RemoteOptions } from './remote-types';
import type { ListKind } from './server-lists';
import { interceptTaskHandles } from './task-wire';

export interface Attached {
  client: Client;
  transport: Transport;
  kind: TransportKind;
  /** The user's answers to requests a server embeds in a result (a 2026-07-28 task's input). */
  answer: InputAnswer | undefined;
}

export interface AttachHooks {
  events: Pick<RemoteEvents, 'resourceUpdated' | 'log'>;
  listChanged(what: ListKind): void;
  /** Whether this attempt is still the connection's newest (a restart or close supersedes it). */
  current(): boolean;
  /** The connection dropped (the connection reconnects if it was up). */
  dropped(error: Error): void;
}

/**
 * One connection attempt to a remote server: Streamable HTTP first, then legacy HTTP+SSE when the server
 * answers the first POST with a 4xx. The client it returns reports a dropped stream through `dropped`.
 */
export async function attachRemote(
  options: RemoteOptions,
  config: RemoteServerConfig,
  fetchImpl: typeof fetch | undefined,
  hooks: AttachHooks,
): Promise<Attached> {
  try {
    return await attach(
      options,
      config,
      createTransport(config, 'streamable-http', fetchImpl),
      'streamable-http',
      hooks,
    );
  } catch (error) {
    if (!meansLegacySse(error)) throw error;
    options.logger.debug(`${config.name}: Streamable HTTP answered ${error.status}; trying HTTP+SSE`);
    return attach(options, config, createTransport(config, 'sse', fetchImpl), 'sse', hooks);
  }
}

async function attach(
  options: RemoteOptions,
  config: RemoteServerConfig,
  transport: Transport,
  kind: TransportKind,
  hooks: AttachHooks,
): Promise<Attached> {
  screenIncoming(transport, {
    excluded: (tools) =>
      options.logger.warn(
        `${config.name}: left out ${tools.map((t) => `"${t.name}" (${t.reason})`).join(', ')}; its other tools are listed`,
      ),
    // Answers arrive only once connect() below has begun, after `client` exists.
    modern: () => client.getProtocolEra() === 'modern',
  });
  const { client, answer } = createRemoteClient(options, config, {
    listChanged: (what) => hooks.listChanged(what),
    resourceUpdated: (uri) => hooks.events.resourceUpdated(uri),
    log: (params) => hooks.events.log(params),
  });
  // A dropped stream surfaces as onerror, not always onclose: both mean "reconnect" once we were up.
  client.onclose = () => hooks.current() && hooks.dropped(new Error('The connection closed.'));
  client.onerror = (error) => {
    options.logger.debug(`${config.name}: ${errorMessage(error)}`);
    if (hooks.current() && /Maximum reconnection|SSE error|other side closed/i.test(error.message)) {
      hooks.dropped(error);
    }
  };
  // Before connect: Protocol.connect keeps it and calls it first with each message (see task-wire.ts).
  interceptTaskHandles(transport);
  await client.connect(transport);
  if (!hooks.current()) {
    // A restart or close began while this one connected: the newer attempt owns the connection.
    await client.close().catch((e) => options.logger.debug(`${config.name}: close superseded`, e));
    throw new Error('Superseded by a newer connection.');
  }
  return { client, transport, kind, answer };
}
