import {
  type AuthorizationServerMetadata,
  checkResourceAllowed,
  type OAuthClientInformationContext,
  type OAuthClientMetadata,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  type StoredOAuthClientInformation,
  type StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import type { OAuthServerSettings } from '../../messages/server-config';
import { AuthRefusedError, type OAuthPlatform, type OAuthState, SignInRequiredError } from './oauth-types';

/** The server a provider signs in to: what it needs of RemoteServerConfig. */
export interface OAuthServer {
  id: string;
  name: string;
  url: string;
  oauth?: OAuthServerSettings;
}

/**
 * Refuses an authorization server whose metadata does not promise PKCE with S256. The SDK refuses only
 * when `code_challenge_methods_supported` lists other methods; OAuth 2.1 and the MCP spec require S256, and a
 * server that does not advertise it may ignore the challenge, so an intercepted code would be redeemable.
 *
 * No metadata at all is allowed: that is the 2025-03-26 fallback (`/authorize`, `/token` at the server's
 * root), whose spec made PKCE mandatory without a way to advertise it; the SDK still sends an S256 challenge.
 */
export function assertPkceS256(metadata: AuthorizationServerMetadata | undefined, serverName: string): void {
  if (!metadata || metadata.code_challenge_methods_supported?.includes('S256')) return;
  throw new AuthRefusedError(
    `The authorization server of "${serverName}" (${metadata.issuer}) does not support PKCE with S256 ` +
      '(its metadata does not list it), so Switchboard will not sign in to it.',
  );
}

/**
 * RFC 8707: the protected resource the metadata names must cover this server (same origin, path prefix), as
 * the SDK checks; a token for another resource could be replayed there (or this server's sent elsewhere).
 * Servers without protected-resource metadata (2025-03-26) get no `resource` parameter, as the SDK sends.
 */
function assertResourceIsServer(resource: string | undefined, server: OAuthServer): void {
  if (resource === undefined) return;
  if (checkResourceAllowed({ requestedResource: server.url, configuredResource: resource })) return;
  throw new AuthRefusedError(
    `"${server.name}" names ${resource} as its protected resource, which is not ${server.url}, so Switchboard will not sign in to it.`,
  );
}

/** RFC 8414 issuers compared as the SDK compares its stamps: one trailing "/" of difference tolerated. */
const sameIssuer = (a: string, b: string) => a.replace(/\/$/, '') === b.replace(/\/$/, '');

/**
 * The SDK's OAuthClientProvider for one remote server. Everything it keeps (client registration, tokens,
 * discovery, the PKCE verifier and state of a sign-in under way) is one OAuthState in the platform's store,
 * so a service worker that wakes mid-flow still has it. The authorization URL is not opened here: it is
 * handed to whoever called auth() (see OAuthSession), which decides whether a window may open.
 */
export class SwitchboardOAuthProvider implements OAuthClientProvider {
  #authorizationUrl: URL | undefined;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly server: OAuthServer,
    private readonly platform: OAuthPlatform,
    private readonly now: () => number,
    /** Whether this attempt is the user's Sign in, the only one that may register a client. */
    private readonly mayRegister: () => boolean,
  ) {}

  get redirectUrl(): string {
    return this.platform.redirectUrl;
  }

  get clientMetadataUrl(): string | undefined {
    return this.platform.clientMetadataUrl;
  }

  /** No `scope`: the SDK takes it from the challenge or the resource's scopes_supported (spec's order). */
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Switchboard',
      redirect_uris: [this.platform.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  load(): Promise<OAuthState> {
    return this.platform.store.get(this.server.id).then((s) => s ?? {});
  }

  /** Read-modify-write, one at a time, so two saves in one auth() never lose each other's fields. */
  #update(change: (state: OAuthState) => OAuthState): Promise<void> {
    const next = this.#writes.then(async () => {
      await this.platform.store.set(this.server.id, change(await this.load()));
    });
    this.#writes = next.catch(() => undefined);
    return next;
  }

  async state(): Promise<string> {
    const state = crypto.randomUUID();
    await this.#update((s) => ({ ...s, state }));
    return state;
  }

  /** The `state` sent with the last authorization request, to compare with the callback's. */
  async expectedState(): Promise<string | undefined> {
    return (await this.load()).state;
  }

  /**
   * The client registered at the authorization server in use (`ctx.issuer`, SEP-2352: a client ID belongs to
   * the server that issued it). Credentials the user entered come first (then CIMD, then dynamic
   * registration), but only at the authorization server they were first used with. Without a client there,
   * auth() registers one next, which only the user’s Sign in may do; every other attempt stops here.
   */
  async clientInformation(
    ctx?: OAuthClientInformationContext,
  ): Promise<StoredOAuthClientInformation | undefined> {
    const client = await this.#clientAt(ctx?.issuer);
    if (ctx && !client && !this.mayRegister()) throw new SignInRequiredError('Sign-in required.');
    return client;
  }

  async #clientAt(issuer: string | undefined): Promise<StoredOAuthClientInformation | undefined> {
    const { clientInformation: stored, preRegistered } = await this.load();
    // Registered at another authorization server: not this one's client (the SDK would discard it too).
    const kept = stored?.issuer && issuer && !sameIssuer(stored.issuer, issuer) ? undefined : stored;
    const pre = this.server.oauth;
    if (!pre?.clientId) return kept;
    const boundTo = preRegistered?.clientId === pre.clientId ? preRegistered.issuer : undefined;
    if (issuer && boundTo !== undefined && !sameIssuer(boundTo, issuer)) {
      return kept?.client_id === pre.clientId ? undefined : kept;
    }
    return {
      client_id: pre.clientId,
      ...(pre.clientSecret
        ? { client_secret: pre.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
        : {}),
      // Unstamped on first use: the SDK stamps it with the issuer in use and saves it (below).
      ...(boundTo !== undefined ? { issuer: boundTo } : {}),
    };
  }

  saveClientInformation(clientInformation: StoredOAuthClientInformation): Promise<void> {
    const pre = this.server.oauth;
    const { client_id, issuer } = clientInformation;
    return this.#update((s) => ({
      ...s,
      clientInformation,
      // The configured client's first use binds it to that authorization server, for good.
      ...(pre?.clientId === client_id && issuer && s.preRegistered?.clientId !== client_id
        ? { preRegistered: { clientId: client_id, issuer } }
        : {}),
    }));
  }

  async tokens(): Promise<StoredOAuthTokens | undefined> {
    return (await this.load()).tokens;
  }

  /** Keeps the absolute expiry too: the SDK keeps only `expires_in`, and refreshing early needs the time. */
  saveTokens(tokens: StoredOAuthTokens): Promise<void> {
    const expiresAt = tokens.expires_in !== undefined ? this.now() + tokens.expires_in * 1000 : undefined;
    return this.#update(({ expiresAt: _, ...s }) => ({
      ...s,
      tokens,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    }));
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    assertPkceS256((await this.load()).discoveryState?.authorizationServerMetadata, this.server.name);
    this.#authorizationUrl = authorizationUrl;
  }

  /** The URL auth() asked to open when it returned 'REDIRECT' (once). */
  takeAuthorizationUrl(): URL | undefined {
    const url = this.#authorizationUrl;
    this.#authorizationUrl = undefined;
    return url;
  }

  /** The code was redeemed: the verifier and state of that request are of no further use. */
  finishAuthorization(): Promise<void> {
    return this.#update(({ codeVerifier: _v, state: _s, ...s }) => s);
  }

  saveCodeVerifier(codeVerifier: string): Promise<void> {
    return this.#update((s) => ({ ...s, codeVerifier }));
  }

  async codeVerifier(): Promise<string> {
    const verifier = (await this.load()).codeVerifier;
    if (!verifier) throw new Error(`No sign-in to "${this.server.name}" is under way; start it again.`);
    return verifier;
  }

  /**
   * Checked here, where discovery's results arrive before auth() uses them, rather than in
   * `validateResourceURL`: the SDK sends the `resource` string of the protected-resource metadata exactly as
   * published only when the provider does not implement that hook (its URL would add "/" to a pathless one).
   */
  async saveDiscoveryState(discoveryState: OAuthDiscoveryState): Promise<void> {
    assertPkceS256(discoveryState.authorizationServerMetadata, this.server.name);
    assertResourceIsServer(discoveryState.resourceMetadata?.resource, this.server);
    await this.#update((s) => ({ ...s, discoveryState }));
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    return (await this.load()).discoveryState;
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    return this.#update((s) => {
      if (scope === 'all') return {};
      if (scope === 'client') return { ...s, clientInformation: undefined };
      if (scope === 'tokens') return { ...s, tokens: undefined, expiresAt: undefined };
      if (scope === 'verifier') return { ...s, codeVerifier: undefined };
      return { ...s, discoveryState: undefined };
    });
  }
}
