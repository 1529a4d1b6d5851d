import type { OAuthMetadata } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPkceS256, SwitchboardOAuthProvider } from '../../src/remote/auth/oauth-provider';
import {
  AuthRefusedError,
  type OAuthPlatform,
  type OAuthState,
  SignInRequiredError,
} from '../../src/remote/auth/oauth-types';
import { RemoteConnection } from '../../src/remote/remote-connection';
import { silentLogger } from '../../src/shared/logger';
import { type OAuthServerOptions, type OAuthServers, startOAuthServers } from '../fixtures/oauth';
import { remoteConfig } from './helpers';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const HOUR = 3_600_000;

/**
 * The extension's platform with the window replaced: an interactive authorize follows the authorization
 * server's (auto-approving) answer to the redirect URL; a background one refuses, as launchWebAuthFlow must
 * not open a window then.
 */
function fakePlatform() {
  const states = new Map<string, OAuthState>();
  const windows: URL[] = [];
  const deleted: string[] = [];
  let backgroundAsks = 0;
  const platform: OAuthPlatform = {
    store: {
      get: async (id) => states.get(id),
      set: async (id, state) => void states.set(id, structuredClone(state)),
      delete: async (id) => {
        deleted.push(id);
        states.delete(id);
      },
    },
    async authorize(url, interactive) {
      if (!interactive) {
        backgroundAsks++;
        throw new SignInRequiredError('Sign-in required.');
      }
      windows.push(url);
      const response = await fetch(url, { redirect: 'manual' });
      return new URL(response.headers.get('location') ?? 'about:blank');
    },
    redirectUrl: REDIRECT,
  };
  return { platform, states, windows, deleted, backgroundAsks: () => backgroundAsks };
}

let servers: OAuthServers | undefined;
let conn: RemoteConnection | undefined;
afterEach(async () => {
  await conn?.close(true);
  await servers?.close();
  conn = undefined;
  servers = undefined;
});

async function setUp(options: OAuthServerOptions = {}) {
  servers = await startOAuthServers(options);
  const fake = fakePlatform();
  const clock = { now: Date.now() };
  /** Status codes the MCP endpoint answered, in order: shows whether a request was ever refused. */
  const answers: number[] = [];
  const mcpUrl = servers.mcpUrl;
  conn = new RemoteConnection(
    remoteConfig('p', 'Protected', mcpUrl),
    { changed() {}, resourceUpdated() {}, log() {} },
    {
      logger: silentLogger,
      version: 'test',
      now: () => clock.now,
      oauth: fake.platform,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).startsWith(mcpUrl)) answers.push(response.status);
        return response;
      },
    },
  );
  return { servers, conn, clock, answers, ...fake };
}

const whoami = async (c: RemoteConnection) => {
  const result = await c.callTool('whoami', {});
  return (result.content[0] as { text: string }).text;
};

describe('MCP authorization (OAuth 2.1) for remote servers', () => {
  it('a background connect asks for a sign-in without contacting the authorization server; Sign in registers and connects', async () => {
    const { conn, servers, states, windows, backgroundAsks } = await setUp();
    await conn.open();
    expect(conn.status()).toMatchObject({
      state: 'error',
      error: 'Sign in to Protected in Switchboard settings.',
      auth: { state: 'signed-out' },
    });
    expect(conn.status().retryAt).toBeUndefined();
    // Nothing was kept for this server: no client is registered at its authorization server, which is not
    // even asked for its metadata, and no window is asked for.
    expect(servers.stats.registrations).toBe(0);
    expect(servers.stats.asRequests).toBe(0);
    expect(backgroundAsks()).toBe(0);
    expect(windows).toHaveLength(0);
    expect(states.get('p')).toBeUndefined();
    expect(() => conn.live()).toThrow(/Sign in to Protected in Switchboard settings/);

    await conn.restart(); // a background reconnect (the worker woke, say) changes nothing
    expect(servers.stats.registrations).toBe(0);
    expect(conn.status()).toMatchObject({ state: 'error', auth: { state: 'signed-out' } });

    await conn.signIn();
    expect(servers.stats.registrations).toBe(1);
    expect(windows).toHaveLength(1);
    expect(conn.status()).toMatchObject({
      state: 'connected',
      auth: { state: 'signed-in', scopes: ['mcp'] },
    });
    expect(await whoami(conn)).toMatch(/^signed in as ada@example.com/);
    // RFC 8707: the token is bound to this server.
    expect(servers.stats.lastResource).toBe(servers.mcpUrl);
  });

  it('refuses an authorization server that does not advertise PKCE S256, before any authorization request', async () => {
    const { conn, servers, windows } = await setUp({ s256: false });
    await expect(conn.signIn()).rejects.toThrow(/does not support PKCE with S256.*will not sign in/);
    expect(conn.status().auth).toMatchObject({ state: 'refused' });
    expect(conn.status().retryAt).toBeUndefined();
    expect(windows).toHaveLength(0);
    expect(servers.stats.authorizations).toBe(0);
  });

  it('refuses metadata without S256 (absent or plain only), but allows the 2025-03-26 no-metadata fallback', () => {
    const metadata = {
      issuer: 'https://as.example',
      authorization_endpoint: 'https://as.example/authorize',
      token_endpoint: 'https://as.example/token',
      response_types_supported: ['code'],
    } satisfies OAuthMetadata;
    expect(() => assertPkceS256(metadata, 'X')).toThrow(AuthRefusedError);
    expect(() => assertPkceS256({ ...metadata, code_challenge_methods_supported: ['plain'] }, 'X')).toThrow(
      /does not support PKCE with S256/,
    );
    expect(() =>
      assertPkceS256({ ...metadata, code_challenge_methods_supported: ['plain', 'S256'] }, 'X'),
    ).not.toThrow();
    expect(() => assertPkceS256(undefined, 'X')).not.toThrow();
  });

  it('refuses protected-resource metadata that names another resource, and keeps nothing of it', async () => {
    const { platform, states } = fakePlatform();
    const server = { id: 'p', name: 'Protected', url: 'https://mcp.example/mcp' };
    const provider = new SwitchboardOAuthProvider(server, platform, Date.now, () => true);
    const discovery = (resource: string) => ({
      authorizationServerUrl: 'https://as.example',
      resourceMetadata: { resource, authorization_servers: ['https://as.example'] },
    });
    await expect(provider.saveDiscoveryState(discovery('https://elsewhere.example/mcp'))).rejects.toThrow(
      'names https://elsewhere.example/mcp as its protected resource, which is not https://mcp.example/mcp',
    );
    await expect(provider.saveDiscoveryState(discovery('https://mcp.example/other'))).rejects.toThrow(
      AuthRefusedError,
    );
    expect(states.get('p')).toBeUndefined();
    // The origin, or the server's own URL, covers it.
    await provider.saveDiscoveryState(discovery('https://mcp.example'));
    await provider.saveDiscoveryState(discovery('https://mcp.example/mcp'));
    expect(states.get('p')?.discoveryState?.resourceMetadata?.resource).toBe('https://mcp.example/mcp');
  });

  it('offers the client ID the user entered only at the authorization server it was first used with', async () => {
    const { platform } = fakePlatform();
    const server = {
      id: 'p',
      name: 'Protected',
      url: 'https://mcp.example/mcp',
      oauth: { clientId: 'switchboard-prod', clientSecret: 'kept-secret' },
    };
    const provider = new SwitchboardOAuthProvider(server, platform, Date.now, () => true);
    const first = { issuer: 'https://login.example' };
    const entered = await provider.clientInformation(first);
    expect(entered).toMatchObject({ client_id: 'switchboard-prod', client_secret: 'kept-secret' });
    // What auth() does with an unstamped client: stamps it with the issuer in use and saves it.
    await provider.saveClientInformation({ ...entered, client_id: 'switchboard-prod', issuer: first.issuer });

    // The metadata now names another authorization server: the secret is not offered there.
    const other = { issuer: 'https://attacker.example' };
    expect(await provider.clientInformation(other)).toBeUndefined();
    await provider.saveClientInformation({ client_id: 'registered-there', issuer: other.issuer });
    expect(await provider.clientInformation(other)).toEqual({
      client_id: 'registered-there',
      issuer: other.issuer,
    });
    // Back at the first one (its issuer written with a trailing "/" this time), the entered client is.
    expect(await provider.clientInformation({ issuer: 'https://login.example/' })).toMatchObject({
      client_id: 'switchboard-prod',
      client_secret: 'kept-secret',
      issuer: first.issuer,
    });
  });

  it('outside a Sign in, a client is never registered: not where none is kept, nor at a new authorization server', async () => {
    const { platform, states } = fakePlatform();
    const server = { id: 'p', name: 'Protected', url: 'https://mcp.example/mcp' };
    const provider = new SwitchboardOAuthProvider(server, platform, Date.now, () => false);
    const first = { issuer: 'https://login.example' };
    await expect(provider.clientInformation(first)).rejects.toThrow(SignInRequiredError);
    states.set('p', { clientInformation: { client_id: 'registered-at-login', issuer: first.issuer } });
    expect(await provider.clientInformation(first)).toMatchObject({ client_id: 'registered-at-login' });
    // The metadata now names another authorization server: the kept client is not its, and none is made.
    await expect(provider.clientInformation({ issuer: 'https://new-login.example' })).rejects.toThrow(
      SignInRequiredError,
    );
  });

  it('refreshes the access token shortly before it expires, so no request is refused', async () => {
    const { conn, servers, clock, answers } = await setUp();
    await conn.signIn();
    expect(await whoami(conn)).toMatch(/signed in/);
    servers.expireAccessTokens();
    clock.now += HOUR - 30_000; // 30 s before expiry: inside the refresh window
    answers.length = 0;
    expect(await whoami(conn)).toMatch(/signed in/);
    expect(servers.stats.refreshes).toBe(1);
    expect(answers).not.toContain(401);
    expect(conn.status()).toMatchObject({ state: 'connected', auth: { state: 'signed-in' } });
  });

  it('a refresh the server refuses (invalid_grant) asks the user to sign in again, without a window', async () => {
    const { conn, servers, clock, windows } = await setUp();
    await conn.signIn();
    servers.revokeRefreshTokens();
    servers.expireAccessTokens();
    clock.now += HOUR;
    await expect(whoami(conn)).rejects.toThrow(/Sign in to Protected in Switchboard settings/);
    expect(windows).toHaveLength(1); // the sign-in's, none since
    expect(conn.status()).toMatchObject({ state: 'error', auth: { state: 'sign-in-again' } });
    expect(conn.status().retryAt).toBeUndefined();

    await conn.signIn();
    expect(await whoami(conn)).toMatch(/signed in/);
    // The client registration was kept: signing in again does not register another.
    expect(servers.stats.registrations).toBe(1);
  });

  it('a background reconnect of a server whose registration is kept (the token lost) still registers no client', async () => {
    const { conn, servers, backgroundAsks } = await setUp();
    await conn.signIn();
    servers.expireAccessTokens();
    servers.revokeRefreshTokens();
    await conn.restart();
    expect(conn.status()).toMatchObject({ state: 'error', auth: { state: 'sign-in-again' } });
    // It went as far as the window it may not open, with the client it has.
    expect(backgroundAsks()).toBe(1);
    expect(servers.stats.registrations).toBe(1);
  });

  it('sends the resource exactly as the metadata publishes it, even one with no path', async () => {
    const { conn, servers } = await setUp({ pathlessResource: true });
    await conn.signIn();
    expect(servers.resource).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(servers.stats.lastResource).toBe(servers.resource);
    expect(await whoami(conn)).toMatch(/^signed in as ada@example.com/);
  });

  it('a token the server rejects, and cannot be refreshed, asks the user to sign in again', async () => {
    const { conn, servers, answers } = await setUp();
    await conn.signIn();
    servers.expireAccessTokens(); // expired for the server, not yet by our clock: no refresh first
    servers.revokeRefreshTokens();
    answers.length = 0;
    await conn.restart();
    expect(answers[0]).toBe(401);
    expect(conn.status()).toMatchObject({ state: 'error', auth: { state: 'sign-in-again' } });
  });

  it('sign-out revokes both tokens at the authorization server and forgets everything', async () => {
    const { conn, servers, states, deleted, windows } = await setUp();
    await conn.signIn();
    const { tokens } = states.get('p') ?? {};
    expect(tokens?.refresh_token).toBeTruthy();
    const asked = servers.stats.asRequests;
    await conn.signOut();
    expect(servers.stats.revocations).toBe(2);
    expect(deleted).toEqual(['p']);
    // The reconnect after it is a background one with nothing kept: it asks for a sign-in and stops there,
    // registering no new client (the revocations are all it sent to the authorization server).
    expect(states.get('p')).toBeUndefined();
    expect(servers.stats.asRequests - asked).toBe(2);
    expect(servers.stats.registrations).toBe(1);
    expect(conn.status()).toMatchObject({ state: 'error', auth: { state: 'signed-out' } });
    // The revoked token is no good any more, even presented directly.
    const probe = await fetch(servers.mcpUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens?.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(probe.status).toBe(401);

    // Only the user's Sign in registers again (the old registration was forgotten with the rest).
    await conn.signIn();
    expect(servers.stats.registrations).toBe(2);
    expect(windows).toHaveLength(2);
  });
});
