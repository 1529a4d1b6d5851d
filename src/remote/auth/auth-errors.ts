import { AuthRefusedError, SignInRequiredError } from './oauth-types';

/** The sign-in failure behind an error, however deep the transport or the SDK wrapped it. */
export function authFailureOf(error: unknown): SignInRequiredError | AuthRefusedError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof SignInRequiredError || e instanceof AuthRefusedError) return e;
  }
  return undefined;
}

/**
 * Who the id_token says the user is, for the options page only (never for a decision): the token came
 * straight from the authorization server over the connection auth() made, and is not verified here.
 */
export function accountOf(idToken: string | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    const account = claims.email ?? claims.preferred_username ?? claims.name;
    return typeof account === 'string' ? account.slice(0, 200) : undefined;
  } catch {
    return undefined; // not a JWT we can read: the status simply names no account
  }
}
