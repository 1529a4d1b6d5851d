import type { CallToolResult, ElicitRequestURLParams } from '@modelcontextprotocol/client';
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client';
import { elicit, type ServerRequestDeps } from './server-requests';

/** A hostile server could list many; the user sees at most this many prompts for one failed call. */
const MAX_PROMPTS = 3;

/**
 * A server answered a call with -32042 (URL elicitation required): the user must finish a step in the
 * browser (a sign-in, a payment) first. Shows each URL's host for consent, opens only what the user
 * accepts, and tells the assistant what happened so it can retry once the user is done.
 * Returns undefined for any other error.
 */
export async function handleUrlElicitationError(
  error: unknown,
  serverName: string,
  deps: ServerRequestDeps,
  signal?: AbortSignal,
): Promise<CallToolResult | undefined> {
  if (!(error instanceof ProtocolError) || error.code !== ProtocolErrorCode.UrlElicitationRequired) {
    return undefined;
  }
  const elicitations = urlElicitations(error.data).slice(0, MAX_PROMPTS);
  if (elicitations.length === 0) return undefined;
  const lines: string[] = [];
  for (const params of elicitations) {
    const host = new URL(params.url).host;
    const { action } = await elicit(deps, serverName, params, signal);
    lines.push(
      action === 'accept'
        ? `The user agreed to open ${host} to complete a step for ${serverName}. Retry the call once they are done.`
        : `${serverName} needs the user to complete a step at ${host}, and the user declined. Do not retry.`,
    );
  }
  return { isError: true, content: [{ type: 'text', text: lines.join('\n') }] };
}

function urlElicitations(data: unknown): ElicitRequestURLParams[] {
  const list = (data as { elicitations?: unknown } | undefined)?.elicitations;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (e): e is ElicitRequestURLParams =>
      typeof e === 'object' &&
      e !== null &&
      (e as ElicitRequestURLParams).mode === 'url' &&
      typeof (e as ElicitRequestURLParams).message === 'string' &&
      typeof (e as ElicitRequestURLParams).elicitationId === 'string' &&
      isHttpUrl((e as ElicitRequestURLParams).url),
  );
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}
