import {
  type Client,
  type ElicitRequest,
  type ElicitResult,
  ProtocolError,
  ProtocolErrorCode,
  type StandardSchemaV1,
  specTypeSchemas,
} from '@modelcontextprotocol/client';
import type { AuditLog } from '../audit/audit-log';
import type { RootEntry } from '../messages/preferences';
import type { RemoteServerConfig } from '../messages/server-config';
import { errorMessage, HostError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { ConsentQueue } from './consent-queue';
import { type SamplingProvider, sample } from './sampling';

export interface ServerRequestDeps {
  queue: ConsentQueue;
  audit: AuditLog;
  roots(): RootEntry[];
  /** Opens a URL in a new tab, only after the user agreed. */
  openUrl(url: string): Promise<void>;
  logger: Logger;
  now(): number;
  /**
   * The model that answers sampling requests; without one, the host's clients declare no sampling. It can
   * change at runtime (Consent.setSamplingProvider); a client declares what was here when it connected.
   */
  sampling?: SamplingProvider;
}

/**
 * Requests a server sends to the host's client, each through the user: elicitation (form and URL), roots,
 * and sampling when there is a provider. A server only ever sees the user's answer, never the conversation
 * or other servers. The handlers match clientCapabilities(deps.sampling): the SDK refuses a handler for a
 * capability the client did not declare.
 */
export function installServerRequestHandlers(
  client: Client,
  config: RemoteServerConfig,
  deps: ServerRequestDeps,
): InputAnswerer {
  const source = { kind: 'server' as const, label: config.name };

  client.setRequestHandler('elicitation/create', async (request, ctx) =>
    elicit(deps, source.label, request.params, ctx.mcpReq.signal),
  );
  if (deps.sampling) {
    // The provider is looked up per request: the user may switch models without the server reconnecting.
    // If they removed it, the host is reconnecting without sampling (Host.samplingChanged); until then, say so.
    client.setRequestHandler('sampling/createMessage', async (request, ctx) => {
      const provider = deps.sampling;
      if (!provider) {
        throw new ProtocolError(ProtocolErrorCode.InvalidRequest, 'Sampling is no longer available.');
      }
      return sample(deps, provider, source.label, request.params, ctx.mcpReq.signal);
    });
  }
  client.setRequestHandler('roots/list', async () => ({
    roots: deps.roots().map((r) => ({ uri: r.uri, ...(r.name ? { name: r.name } : {}) })),
  }));
  client.setNotificationHandler('notifications/elicitation/complete', (notification) => {
    const { elicitationId } = notification.params;
    deps.logger.debug(`${config.name}: the browser step ${elicitationId} is complete`);
    void deps.audit.record({
      at: deps.now(),
      kind: 'elicitation',
      source: source.label,
      outcome: 'complete',
      detail: `URL elicitation ${elicitationId.slice(0, 80)} completed`,
    });
  });
  return inputAnswerer(source.label, deps);
}

/**
 * Answers one request a server embedded in a result (a 2026-07-28 task's `inputRequests`): the same
 * elicitation, sampling and roots as the handlers above, through the user, for what arrives outside the
 * SDK's own dispatch. The params are checked against the spec's types here, as the SDK checks a request.
 */
export type InputAnswerer = (
  method: string,
  params: unknown,
  signal: AbortSignal,
) => Promise<Record<string, unknown>>;

function inputAnswerer(serverName: string, deps: ServerRequestDeps): InputAnswerer {
  const checked = async <T>(schema: StandardSchemaV1<unknown, T>, params: unknown, method: string) => {
    const out = await schema['~standard'].validate(params ?? {});
    if (out.issues) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${serverName} sent an invalid ${method}.`);
    }
    return out.value;
  };
  return async (method, params, signal) => {
    if (method === 'elicitation/create') {
      return elicit(
        deps,
        serverName,
        await checked(specTypeSchemas.ElicitRequestParams, params, method),
        signal,
      );
    }
    if (method === 'sampling/createMessage' && deps.sampling) {
      const request = await checked(specTypeSchemas.CreateMessageRequestParams, params, method);
      return sample(deps, deps.sampling, serverName, request, signal);
    }
    if (method === 'roots/list') {
      return { roots: deps.roots().map((r) => ({ uri: r.uri, ...(r.name ? { name: r.name } : {}) })) };
    }
    throw new ProtocolError(
      ProtocolErrorCode.MethodNotFound,
      `${serverName} asked for ${method}, which Switchboard does not answer.`,
    );
  };
}

/** Shows one elicitation to the user and returns their answer. Used for requests and for -32042 errors. */
export async function elicit(
  deps: ServerRequestDeps,
  serverName: string,
  params: ElicitRequest['params'],
  signal?: AbortSignal,
): Promise<ElicitResult> {
  const source = { kind: 'server' as const, label: serverName };
  const started = deps.now();
  let result: ElicitResult;
  let detail: string;
  try {
    if (params.mode === 'url') {
      const target = new URL(params.url);
      // Only web pages: a server must not get the user to open javascript:, file: or extension URLs.
      if (!/^https?:$/.test(target.protocol)) {
        throw new HostError('denied', `Refused to open a ${target.protocol} URL; only http(s) pages open.`);
      }
      const host = target.host;
      detail = `asked to open ${host}`;
      const answer = await deps.queue.ask(
        { source },
        { kind: 'elicitation-url', message: params.message, url: params.url, host },
        signal,
      );
      result = { action: answer.kind === 'elicitation' ? answer.action : 'cancel' };
      if (result.action === 'accept') await deps.openUrl(params.url);
    } else {
      detail = 'asked for a form';
      const answer = await deps.queue.ask(
        { source },
        {
          kind: 'elicitation-form',
          message: params.message,
          requestedSchema: params.requestedSchema as Record<string, unknown>,
        },
        signal,
      );
      if (answer.kind !== 'elicitation') throw new Error('Unexpected answer.');
      // Checked already: the queue settles an accepted form answer only if it fits requestedSchema.
      result =
        answer.action === 'accept'
          ? { action: 'accept', content: answer.content ?? {} }
          : { action: answer.action };
    }
  } catch (error) {
    const timedOut = error instanceof HostError && error.code === 'approval-timeout';
    void deps.audit.record({
      at: deps.now(),
      kind: 'elicitation',
      source: source.label,
      decidedBy: timedOut ? 'timeout' : 'user',
      outcome: timedOut ? 'timeout' : 'cancelled',
      durationMs: deps.now() - started,
      detail: errorMessage(error),
    });
    // The spec's answer for "the user did not answer" is cancel, not a protocol error.
    return { action: 'cancel' };
  }
  void deps.audit.record({
    at: deps.now(),
    kind: 'elicitation',
    source: source.label,
    decision: result.action,
    decidedBy: 'user',
    outcome: result.action === 'accept' ? 'ok' : result.action,
    durationMs: deps.now() - started,
    detail,
  });
  return result;
}
