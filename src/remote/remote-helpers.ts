import { type Client, SdkHttpError } from '@modelcontextprotocol/client';
import type { AuthStatus, RemoteState, RemoteStatus, TransportKind } from '../messages/remote-status';
import { errorMessage } from '../shared/errors';
import { authFailureOf } from './auth/auth-errors';

type Page<K extends string, T> = { [P in K]: T[] } & { nextCursor?: string };

export async function listAllPages<K extends string, T>(
  list: (params: { cursor: string } | undefined) => Promise<Page<K, T>>,
  key: K,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await list(cursor ? { cursor } : undefined);
    out.push(...page[key]);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return out;
}

/** The server's own message where there is one, with what to do about it. */
export function describeFailure(error: unknown, url: string): string {
  if (SdkHttpError.isInstance(error)) {
    const body = (error.data as { text?: string } | undefined)?.text?.slice(0, 300);
    return `The server answered HTTP ${error.status}${body ? `: ${body}` : ''}`;
  }
  const message = errorMessage(error);
  if (/Maximum reconnection attempts|SSE stream disconnected|other side closed/i.test(message)) {
    return `Lost the connection to ${new URL(url).host}.`;
  }
  if (/does not support dynamic client registration/i.test(message)) {
    return 'This server’s sign-in needs a registered client: ask its owner for an OAuth client ID and enter it under Edit → “Sign-in (OAuth) client”.';
  }
  if (/fetch failed|Failed to fetch|ECONNREFUSED/i.test(message)) {
    return `Cannot reach ${new URL(url).host}: is the server running, and did you allow Switchboard to access it?`;
  }
  return message;
}

/** Spec: a 4xx to the first POST means a legacy HTTP+SSE (2024-11-05) server. 401/403 are auth, not that. */
export function meansLegacySse(error: unknown): error is SdkHttpError {
  return (
    SdkHttpError.isInstance(error) &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 403].includes(error.status)
  );
}

/**
 * Whether a failed request means the connection must start over: the session is gone (404, or 400 from
 * servers that say so), the server is unreachable, or the user is signed out. The request is not resent.
 */
export function meansReconnect(error: unknown): boolean {
  const sessionGone = SdkHttpError.isInstance(error) && (error.status === 404 || error.status === 400);
  const unreachable = /fetch failed|Failed to fetch/i.test(errorMessage(error));
  return sessionGone || unreachable || authFailureOf(error) !== undefined;
}

/** What the options page shows of one connection. */
export function describeStatus(
  conn: {
    state: RemoteState;
    error?: string | undefined;
    retryAt?: number | undefined;
    tools: unknown[];
    resources: unknown[];
    prompts: unknown[];
  },
  session: { client: Client; kind: TransportKind } | undefined,
  auth: AuthStatus | undefined,
): RemoteStatus {
  const caps = session?.client.getServerCapabilities();
  const protocolVersion = session?.client.getNegotiatedProtocolVersion();
  return {
    state: conn.state,
    ...(conn.error ? { error: conn.error } : {}),
    ...(conn.retryAt ? { retryAt: conn.retryAt } : {}),
    ...(session ? { transport: session.kind } : {}),
    ...(protocolVersion ? { protocolVersion } : {}),
    ...(caps ? { capabilities: Object.keys(caps).sort() } : {}),
    counts: { tools: conn.tools.length, resources: conn.resources.length, prompts: conn.prompts.length },
    ...(auth ? { auth } : {}),
  };
}
