/**
 * `npm run conformance:client -- <url>`: the host's own remote-server client core (src/host, src/remote),
 * driven from Node for @modelcontextprotocol/conformance. The runner appends the server URL and names the
 * scenario in MCP_CONFORMANCE_SCENARIO. Servers' requests go through the host's consent queue, answered by
 * a person who accepts forms untouched (conformance-user.ts). Per scenario, this only picks what an
 * assistant would call, as the suite's reference everything-client does.
 */
import {
  ClientCredentialsProvider,
  CrossAppAccessProvider,
  type OAuthClientProvider,
  PrivateKeyJwtProvider,
  requestJwtAuthorizationGrant,
} from '@modelcontextprotocol/client';
import { inMemoryHost } from '../src/host/in-memory-host';
import { catalogName, serverKey } from '../src/messages/names';
import type { OAuthPlatform, OAuthState } from '../src/remote/auth/oauth-types';
import type { RemoteOptions } from '../src/remote/remote-types';
import { consoleLogger } from '../src/shared/logger';
import { playUser } from './conformance-user';

const url = process.argv.at(-1);
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: npm run conformance:client -- <server url>');
  process.exit(2);
}

const CALLS: Record<string, { tool: string; args: Record<string, unknown> }> = {
  tools_call: { tool: 'add_numbers', args: { a: 5, b: 3 } },
  'elicitation-sep1034-client-defaults': { tool: 'test_client_elicitation_defaults', args: {} },
  'sse-retry': { tool: 'test_reconnection', args: {} },
  // SEP-2243: of the tools listed, only this one has a valid x-mcp-header; the host leaves the others out.
  'http-invalid-tool-headers': { tool: 'valid_tool', args: { region: 'us-west1' } },
};

/** What the auth scenarios hand the client: pre-registered credentials, keys, an IdP's tokens. */
const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as Record<string, string | undefined>;

/**
 * The extension's OAuthPlatform, in Node: memory for chrome.storage, and instead of a sign-in window a fetch
 * that reads where the test authorization server (which approves at once) sends the browser back. The
 * extension's authorize refuses to open a window in the background; this one has no window to open.
 */
const states = new Map<string, OAuthState>();
const oauth: OAuthPlatform = {
  store: {
    get: async (id) => states.get(id),
    set: async (id, state) => void states.set(id, state),
    delete: async (id) => void states.delete(id),
  },
  async authorize(authorizationUrl) {
    const response = await fetch(authorizationUrl, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (!location)
      throw new Error(`${authorizationUrl.origin} did not redirect back (HTTP ${response.status}).`);
    return new URL(location, authorizationUrl);
  },
  redirectUrl: 'http://localhost:3000/callback',
  clientMetadataUrl: 'https://conformance-test.local/client-metadata.json',
};

/**
 * The extension scenarios use grants the product's UI does not offer yet (client credentials with a secret
 * or a signed JWT, and cross-app access through an identity provider): the SDK's own providers stand in for
 * Switchboard's, still driven through the host's fetch middleware.
 */
function extensionProvider(): OAuthClientProvider | undefined {
  const clientId = context.client_id ?? '';
  if (scenario === 'auth/client-credentials-basic')
    return new ClientCredentialsProvider({ clientId, clientSecret: context.client_secret ?? '' });
  if (scenario === 'auth/client-credentials-jwt') {
    return new PrivateKeyJwtProvider({
      clientId,
      privateKey: context.private_key_pem ?? '',
      algorithm: context.signing_algorithm ?? 'ES256',
    });
  }
  if (scenario === 'auth/cross-app-access-complete-flow') {
    return new CrossAppAccessProvider({
      clientId,
      clientSecret: context.client_secret ?? '',
      assertion: async (c) =>
        (
          await requestJwtAuthorizationGrant({
            tokenEndpoint: context.idp_token_endpoint ?? '',
            audience: c.authorizationServerUrl,
            resource: c.resourceUrl,
            idToken: context.idp_id_token ?? '',
            clientId: context.idp_client_id ?? '',
            ...(c.scope ? { scope: c.scope } : {}),
            fetchFn: c.fetchFn,
          })
        ).jwtAuthGrant,
    });
  }
  return undefined;
}

const provider = extensionProvider();
const oauthOverrides: RemoteOptions['oauthOverrides'] = {
  ...(provider ? { provider } : {}),
  // Conformance 0.1.16's mock for this scenario serves root metadata whose issuer is '<origin>/oauth', which
  // the SDK rightly rejects (RFC 8414 §3.3). Fixed upstream by modelcontextprotocol/conformance#359 ("make
  // 2025-03-26 backcompat mock RFC 8414 §3.3-compliant"), not in 0.1.16. Only here, never in the product.
  ...(scenario === 'auth/2025-03-26-oauth-metadata-backcompat' ? { skipIssuerMetadataValidation: true } : {}),
};

const logger = consoleLogger('conformance');
const { host, remotes, consent, load } = inMemoryHost({
  logger,
  version: '0.1.0',
  remote: { oauth, oauthOverrides },
});
const user = playUser(consent);
await load();
remotes.set([
  {
    id: 'conformance',
    name: 'conformance',
    url,
    headers: {},
    enabled: true,
    allowAllTools: true,
    createdAt: Date.now(),
    ...(context.client_id && !provider
      ? {
          oauth: {
            clientId: context.client_id,
            ...(context.client_secret ? { clientSecret: context.client_secret } : {}),
          },
        }
      : {}),
  },
]);
await host.settled();
// The connect above is the background one: a server with nothing kept for it waits for the user's Sign in
// (it registers no client before that). The harness is that user: it clicks Sign in, as the options page does.
const waiting = remotes.status().conformance?.auth?.state;
if (waiting === 'signed-out' || waiting === 'sign-in-again') {
  await remotes.signIn('conformance').catch((e: unknown) => logger.warn('sign-in', e));
}
const status = remotes.status().conformance;
if (status?.state !== 'connected') {
  console.error(`not connected: ${status?.error ?? status?.state}`);
  process.exit(1);
}
console.error(`connected; sign-in: ${JSON.stringify(status.auth)}`);
const key = serverKey('conformance');
const assistant = { id: 'conformance', label: 'Conformance' };
const call = async (tool: string, args: Record<string, unknown>) => {
  const result = await host.callTool(catalogName(key, tool), args, { assistant });
  console.log(`${tool}: ${JSON.stringify(result)}`);
  return result;
};

/** Scenarios that need more than one call, in the reference client's order. */
const PLANS: Record<string, () => Promise<void>> = {
  // SEP-2322: the input a call requires goes to the person; while they have not answered, an unrelated call
  // must carry none of it. Then the same without requestState, then a result without resultType.
  'sep-2322-client-request-state': async () => {
    const answer = user.hold();
    const echo = call('test_mrtr_echo_state', {});
    await user.waitingFor('elicitation-form');
    await call('test_mrtr_unrelated', {});
    answer();
    await echo;
    await call('test_mrtr_no_state', {});
    // A result without resultType is complete (SDK 2.4 would refuse it: src/remote/incoming-screen.ts).
    const plain = await call('test_mrtr_no_result_type', {});
    if (plain.isError)
      throw new Error(`A result without resultType came back as an error: ${JSON.stringify(plain)}`);
  },
  // The suite hands over the arguments to send. A parameter it sets to null is left out: the schema says
  // boolean, so the host would refuse null (argument-check.ts) and an assistant leaves an unset option out.
  'http-custom-headers': async () => {
    const calls = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}').toolCalls as {
      name: string;
      arguments: Record<string, unknown>;
    }[];
    for (const c of calls) {
      await call(c.name, Object.fromEntries(Object.entries(c.arguments).filter(([, v]) => v !== null)));
    }
  },
  // What the assistant is shown of a JSON Schema 2020-12 inputSchema, echoed back to the server.
  'json-schema-2020-12-preservation': async () => {
    const focal = host.catalog
      .tools(assistant.id)
      .find((t) => t.name === catalogName(key, 'json_schema_2020_12_tool'));
    if (!focal) throw new Error('json_schema_2020_12_tool is not in the catalog');
    await call('json_schema_echo', { schema: focal.inputSchema });
  },
};

// The auth scenarios check what a call after sign-in does (scope step-up happens on tools/call): any tool.
const first = scenario.startsWith('auth/') ? host.catalog.tools()[0] : undefined;
const single =
  CALLS[scenario] ?? (first ? { tool: first.name.slice(`${key}__`.length), args: {} } : undefined);
const plan = PLANS[scenario] ?? (single ? () => call(single.tool, single.args).then(() => {}) : undefined);
await plan?.();
await remotes.remove('conformance');
process.exit(0);
