import type {
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from '@modelcontextprotocol/client';

/** What we keep per server between sign-ins. Never shown to pages, assistants or other servers. */
export interface OAuthState {
  /** As the SDK stores it: with the `issuer` stamp that binds it to one authorization server (SEP-2352). */
  clientInformation?: StoredOAuthClientInformation;
  /** The authorization server the client ID the user entered was first used with: it is offered only there. */
  preRegistered?: { clientId: string; issuer: string };
  tokens?: StoredOAuthTokens;
  /** Absolute expiry of tokens.access_token, ms since epoch (the SDK keeps only the relative expires_in). */
  expiresAt?: number;
  discoveryState?: OAuthDiscoveryState;
  codeVerifier?: string;
  state?: string;
}

/** Persistence for OAuthState: local extension storage in the extension, memory in Node. */
export interface OAuthStateStore {
  get(serverId: string): Promise<OAuthState | undefined>;
  set(serverId: string, state: OAuthState): Promise<void>;
  delete(serverId: string): Promise<void>;
}

/** Thrown when a server needs the user to sign in and this attempt may not open a window. */
export class SignInRequiredError extends Error {
  override name = 'SignInRequiredError';
}

/** Thrown when an authorization server cannot be used safely (no PKCE S256): never retried. */
export class AuthRefusedError extends Error {
  override name = 'AuthRefusedError';
}

/**
 * Shows the authorization page and resolves with the redirect (callback) URL the authorization server sent
 * the user to. In the extension: the identity API's launchWebAuthFlow. In Node (conformance, unit tests): a
 * fetch with redirect 'manual' that reads Location. Must throw SignInRequiredError when !interactive and
 * the user would have to act.
 */
export type Authorize = (authorizationUrl: URL, interactive: boolean) => Promise<URL>;

export interface OAuthPlatform {
  store: OAuthStateStore;
  authorize: Authorize;
  /** Where the authorization server sends the user back: https://<extension-id>.chromiumapp.org/ */
  redirectUrl: string;
  /** A Client ID Metadata Document URL (https, with a path), when the project hosts one. */
  clientMetadataUrl?: string;
}
