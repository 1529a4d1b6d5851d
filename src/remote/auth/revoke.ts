import {
  assertSecureTokenEndpoint,
  type FetchLike,
  type OAuthMetadata,
  selectClientAuthMethod,
} from '@modelcontextprotocol/client';
import type { Logger } from '../../shared/logger';
import type { OAuthState } from './oauth-types';

/**
 * RFC 7009: asks the authorization server to revoke the refresh token, then the access token, as sign-out
 * does before it forgets them. Best effort: a server without a `revocation_endpoint`, or one that fails, is
 * logged and the caller forgets the tokens anyway (they were only ever sent to this server).
 */
export async function revokeTokens(
  state: OAuthState,
  fetchFn: FetchLike,
  logger: Logger,
  serverName: string,
): Promise<void> {
  // RFC 8414 names the revocation endpoint; OpenID discovery documents may carry it too.
  const metadata = state.discoveryState?.authorizationServerMetadata as Partial<OAuthMetadata> | undefined;
  const client = state.clientInformation;
  const endpoint = metadata?.revocation_endpoint;
  if (!state.tokens || !client || !metadata || !endpoint) return;
  const url = assertSecureTokenEndpoint(endpoint);
  const method = selectClientAuthMethod(
    client,
    metadata.revocation_endpoint_auth_methods_supported ??
      metadata.token_endpoint_auth_methods_supported ??
      [],
  );
  const tokens: [string | undefined, string][] = [
    [state.tokens.refresh_token, 'refresh_token'],
    [state.tokens.access_token, 'access_token'],
  ];
  for (const [token, hint] of tokens) {
    if (!token) continue;
    const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
    const body = new URLSearchParams({ token, token_type_hint: hint });
    if (method === 'client_secret_basic' && client.client_secret) {
      // RFC 6749 §2.3.1: each part form-encoded before Basic encoding.
      const pair = `${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret)}`;
      headers.set('authorization', `Basic ${btoa(pair)}`);
    } else {
      body.set('client_id', client.client_id);
      if (method === 'client_secret_post' && client.client_secret)
        body.set('client_secret', client.client_secret);
    }
    try {
      const response = await fetchFn(url, { method: 'POST', headers, body });
      if (!response.ok) logger.warn(`${serverName}: revoking the ${hint} answered HTTP ${response.status}`);
      await response.body?.cancel();
    } catch (error) {
      logger.warn(`${serverName}: could not revoke the ${hint}`, error);
    }
  }
}
