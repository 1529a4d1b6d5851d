import {
  type AuthOptions,
  auth,
  computeScopeUnion,
  extractWWWAuthenticateParams,
  isStrictScopeSuperset,
  type OAuthClientProvider,
} from '@modelcontextprotocol/client';
import type { AuthStatus } from '../../messages/remote-status';
import type { Logger } from '../../shared/logger';
import { accountOf, authFailureOf } from './auth-errors';
import { type OAuthServer, SwitchboardOAuthProvider } from './oauth-provider';
import { AuthRefusedError, type OAuthPlatform, SignInRequiredError } from './oauth-types';
import { revokeTokens } from './revoke';

/** Authorization requests one connection attempt may make (the conformance suite's scope-retry-limit). */
const MAX_AUTHORIZATIONS = 3;
/** Refresh this long before the access token expires, so a call never goes out with a stale one. */
const REFRESH_EARLY_MS = 60_000;

export interface OAuthSessionOptions {
  server: OAuthServer;
  platform: OAuthPlatform;
  /** Plain fetch, without the server's own headers: it also reaches the authorization server. */
  fetch: typeof fetch;
  logger: Logger;
  now: () => number;
  /** Another provider in place of Switchboard's (the conformance harness's client-credentials grants). */
  provider?: OAuthClientProvider;
  /** Conformance only (see scripts/conformance-client.ts); weakens the RFC 8414 issuer check. */
  skipIssuerMetadataValidation?: boolean;
}

type Request = {
  resourceMetadataUrl?: URL;
  scope?: string;
  forceReauthorization?: boolean;
  /** The server refused the request (401): read its protected-resource metadata again, not the copy kept. */
  rediscover?: boolean;
};

/**
 * OAuth for one remote server, as a fetch middleware for its transports (the conformance reference client's
 * design): adds the Bearer token, refreshes it shortly before it expires, and on a 401 (or a 403
 * insufficient_scope) runs the SDK's auth(), completing a redirect through the platform's `authorize`, then
 * retries the request once. A server that never answers 401 sees no difference.
 *
 * Windows open only inside `interactively()` (an explicit sign-in); anywhere else `authorize` must throw
 * SignInRequiredError, and the connection waits for the user instead of retrying. A server with nothing kept
 * for it (no client registration, no token: new, or just signed out) is not even discovered in the
 * background: registering a client at its authorization server is the user's decision, made by the click.
 */
export class OAuthSession {
  /** For the transports (which call it with a URL and an init, never a Request). */
  readonly fetch: typeof fetch;
  readonly #own: SwitchboardOAuthProvider | undefined;
  readonly #provider: OAuthClientProvider;
  #status: AuthStatus = { state: 'not-needed' };
  #interactive = false;
  #failure: Error | undefined;
  #inFlight: Promise<void> | undefined;
  #budget = MAX_AUTHORIZATIONS;
  #scope: string | undefined;

  constructor(private readonly options: OAuthSessionOptions) {
    this.#own = options.provider
      ? undefined
      : new SwitchboardOAuthProvider(options.server, options.platform, options.now, () => this.#interactive);
    this.#provider = options.provider ?? (this.#own as SwitchboardOAuthProvider);
    this.fetch = (input, init) => this.#fetch(input, init);
  }

  status(): AuthStatus {
    return this.#status;
  }

  /** A connection attempt starts: a fresh authorization budget, and the stored sign-in shown as such. */
  async prepare(): Promise<void> {
    this.#budget = MAX_AUTHORIZATIONS;
    const tokens = await this.#provider.tokens();
    if (tokens && this.#status.state === 'not-needed') this.#signedIn(tokens);
  }

  /** Runs `connect` with windows allowed; throws what stopped the sign-in, if anything did. */
  async interactively(connect: () => Promise<void>): Promise<void> {
    this.#interactive = true;
    this.#failure = undefined;
    try {
      await connect();
    } finally {
      this.#interactive = false;
    }
    if (this.#failure) throw this.#failure;
  }

  /** Revokes the tokens where the server supports it and forgets everything kept for this server. */
  async signOut(): Promise<void> {
    const { server, platform, logger } = this.options;
    const state = await platform.store.get(server.id);
    if (state) await revokeTokens(state, this.options.fetch, logger, server.name);
    await platform.store.delete(server.id);
    this.#scope = undefined;
    this.#status = { state: 'signed-out' };
  }

  async #fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    await this.#refreshIfDue();
    let response = await this.#send(input, init);
    if (response.status === 401) {
      const challenge = extractWWWAuthenticateParams(response);
      await response.body?.cancel();
      this.#scope = computeScopeUnion(this.#scope, challenge.scope);
      await this.#authorize({
        ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
        ...(challenge.scope ? { scope: challenge.scope } : {}),
        rediscover: true,
      });
      response = await this.#send(input, init);
      if (response.ok) this.#budget = MAX_AUTHORIZATIONS;
      if (response.status === 401) {
        this.#status = { state: 'sign-in-again', error: 'The server refused the token it was just issued.' };
      }
    }
    if (response.status === 403 && this.#budget > 0) {
      const challenge = extractWWWAuthenticateParams(response);
      if (challenge.error !== 'insufficient_scope') return response;
      await response.body?.cancel();
      // Step-up: ask for what we had plus what the server wants; a refresh cannot widen a grant.
      const granted = (await this.#provider.tokens())?.scope;
      this.#scope = computeScopeUnion(this.#scope, granted, challenge.scope);
      await this.#authorize({
        ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
        ...(this.#scope ? { scope: this.#scope } : {}),
        forceReauthorization: isStrictScopeSuperset(this.#scope, granted),
      });
      response = await this.#send(input, init);
    }
    return response;
  }

  async #send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const headers = new Headers(init?.headers);
    const tokens = await this.#provider.tokens();
    if (tokens) headers.set('authorization', `Bearer ${tokens.access_token}`);
    return this.options.fetch(input, { ...init, headers });
  }

  async #refreshIfDue(): Promise<void> {
    if (!this.#own || this.#inFlight) return this.#inFlight;
    const { tokens, expiresAt } = await this.#own.load();
    if (!tokens?.refresh_token || expiresAt === undefined) return;
    if (expiresAt - REFRESH_EARLY_MS > this.options.now()) return;
    try {
      await this.#authorize({});
    } catch (error) {
      // Refused, or the refresh token is gone (invalid_grant): the user must act. Otherwise (the
      // authorization server unreachable, say) the resource server judges the token we still have.
      const tokens = await this.#provider.tokens();
      if (!tokens || authFailureOf(error) instanceof AuthRefusedError) throw error;
      this.options.logger.warn(`${this.options.server.name}: could not refresh the access token`, error);
      this.#signedIn(tokens);
      this.#failure = undefined;
    }
  }

  /** One authorization at a time per server: concurrent requests wait for it and then retry. */
  #authorize(request: Request): Promise<void> {
    this.#inFlight ??= this.#runAuthorization(request).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #runAuthorization({ rediscover, ...request }: Request): Promise<void> {
    const hadTokens = (await this.#provider.tokens()) !== undefined;
    try {
      if (!this.#interactive && !hadTokens && !(await this.#provider.clientInformation())) {
        // auth() would register a client before it reached the refused window: stop before discovery too.
        // (Where a registration is kept but belongs to another authorization server, the provider stops.)
        throw new SignInRequiredError('Sign-in required.');
      }
      // SEP-2352: the metadata may now name another authorization server. auth() keeps using the discovery
      // it was given, so drop it; the client registration and tokens carry their issuer's stamp, and the
      // SDK does not present them to a different one (it registers anew there).
      if (rediscover) await this.#provider.invalidateCredentials?.('discovery');
      if ((await this.#auth(request)) === 'REDIRECT') await this.#redirect(request);
      const tokens = await this.#provider.tokens();
      if (tokens) this.#signedIn(tokens);
      this.#failure = undefined;
    } catch (error) {
      this.#failure = this.#describe(error, hadTokens);
      throw this.#failure;
    }
  }

  /** The user's part: the authorization page, then back with a code (or a refusal). */
  async #redirect(request: Request): Promise<void> {
    const url = this.#own?.takeAuthorizationUrl();
    if (!url) throw new Error('The authorization server asked for a sign-in that Switchboard cannot show.');
    if (this.#budget <= 0) {
      throw new Error(
        `"${this.options.server.name}" asked for authorization ${MAX_AUTHORIZATIONS} times without accepting it; Switchboard stopped asking.`,
      );
    }
    this.#budget--;
    const callback = await this.options.platform.authorize(url, this.#interactive);
    const expected = await this.#own?.expectedState();
    if (expected !== undefined && callback.searchParams.get('state') !== expected) {
      throw new Error('The sign-in answer did not match the request (state differs); try again.');
    }
    const code = callback.searchParams.get('code');
    if (!code) {
      const reason = callback.searchParams.get('error_description') ?? callback.searchParams.get('error');
      throw new Error(`The authorization server did not sign you in${reason ? `: ${reason}` : '.'}`);
    }
    const iss = callback.searchParams.get('iss');
    const result = await this.#auth({
      ...request,
      forceReauthorization: false,
      authorizationCode: code,
      ...(iss ? { iss } : {}),
    });
    if (result !== 'AUTHORIZED') throw new Error('The authorization server did not issue a token.');
    await this.#own?.finishAuthorization();
  }

  #auth(request: Omit<AuthOptions, 'serverUrl' | 'fetchFn'>) {
    return auth(this.#provider, {
      ...request,
      serverUrl: this.options.server.url,
      fetchFn: this.options.fetch,
      ...(this.options.skipIssuerMetadataValidation ? { skipIssuerMetadataValidation: true } : {}),
    });
  }

  #signedIn(tokens: { scope?: string; id_token?: string }): void {
    const scopes = tokens.scope?.split(/\s+/).filter(Boolean);
    const account = accountOf(tokens.id_token);
    this.#status = {
      state: 'signed-in',
      ...(scopes?.length ? { scopes } : {}),
      ...(account ? { account } : {}),
    };
  }

  /** Sets the status for a failed authorization and returns the error the connection should show. */
  #describe(error: unknown, hadTokens: boolean): Error {
    const name = this.options.server.name;
    const failure = authFailureOf(error);
    if (failure instanceof AuthRefusedError) {
      this.#status = { state: 'refused', error: failure.message };
      return failure;
    }
    if (failure instanceof SignInRequiredError) {
      this.#status = { state: hadTokens ? 'sign-in-again' : 'signed-out' };
      return new SignInRequiredError(`Sign in to ${name} in Switchboard settings.`, { cause: error });
    }
    const message = error instanceof Error ? error.message : String(error);
    this.#status = { state: hadTokens ? 'sign-in-again' : 'signed-out', error: message };
    return new Error(`Signing in to ${name} failed: ${message}`, { cause: error });
  }
}
