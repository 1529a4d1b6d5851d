import type { BrowserContext, Locator, Page } from '@playwright/test';
import { type OAuthServerOptions, type OAuthServers, startOAuthServers } from '../fixtures/oauth';
import type { TestAssistant } from './assistant';
import { expect, test } from './fixtures';

// dist-e2e pre-grants http://127.0.0.1/* (see manifest.config.ts): both fixture ports are covered.
test.use({ extensionDist: 'dist-e2e' });
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'remote sign-in does not depend on WebMCP: run once');
});

const NAME = 'Protected';
const WHOAMI = 'protected_srv__whoami';
const NEEDS_SIGN_IN = /^Not connected\s*Sign in to Protected in Switchboard settings\./;

let started: OAuthServers[] = [];
async function oauthServers(options?: OAuthServerOptions): Promise<OAuthServers> {
  const servers = await startOAuthServers(options);
  started.push(servers);
  return servers;
}
test.afterEach(async () => {
  await Promise.all(started.map((s) => s.close()));
  started = [];
});

async function openOptions(context: BrowserContext, extId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#servers`);
  return options;
}

/** Adds the protected server (tools allowed without asking) and returns its card, once it asks to sign in. */
async function addProtected(options: Page, url: string): Promise<Locator> {
  await options.getByLabel('Server URL').fill(url);
  await options.getByLabel('Name', { exact: true }).fill(NAME);
  // The Add form, not a server card above it: both have this switch.
  await options
    .getByRole('form', { name: 'Add a server' })
    .getByRole('checkbox', { name: 'Allow all tools without asking' })
    .setChecked(true);
  await options.getByRole('button', { name: 'Add server' }).click();
  return options.getByRole('region', { name: NAME });
}

/** Signs in from the card: the fixture's authorization server approves at once, so no window shows. */
async function signIn(card: Locator, button: 'Sign in' | 'Sign in again' = 'Sign in') {
  await card.getByRole('button', { name: button, exact: true }).click();
  await expect(card).toContainText(/Signed in.* · scopes: mcp/, { timeout: 15_000 });
  await expect(card.getByRole('status')).toHaveText('Connected', { timeout: 15_000 });
}

async function whoami(assistant: TestAssistant): Promise<{ isError: boolean; text: string }> {
  return assistant.client.callTool({ name: WHOAMI, arguments: {} }).then(
    (result) => ({ isError: result.isError === true, text: JSON.stringify(result.content) }),
    (error: Error) => ({ isError: true, text: error.message }),
  );
}

async function waitForWhoami(assistant: TestAssistant) {
  await expect
    .poll(async () => (await assistant.client.listTools()).tools.map((t) => t.name), { timeout: 15_000 })
    .toContain(WHOAMI);
}

test('a server that needs sign-in says so, and signing in connects it with a token for that server', async ({
  context,
  extId,
  assistant,
}) => {
  const oauth = await oauthServers();
  const options = await openOptions(context, extId);
  const card = await addProtected(options, oauth.mcpUrl);
  await expect(card.getByRole('status')).toHaveText(NEEDS_SIGN_IN, { timeout: 15_000 });
  // Connecting in the background never starts an authorization, nor registers a client at the authorization
  // server (it is not contacted at all): only the user's click does.
  expect(oauth.stats.authorizations).toBe(0);
  expect(oauth.stats.registrations).toBe(0);
  expect(oauth.stats.asRequests).toBe(0);

  await signIn(card);
  expect(oauth.stats.authorizations).toBe(1);
  expect(oauth.stats.registrations).toBe(1);
  // RFC 8707: the token was asked for this server, not for whatever the authorization server likes.
  expect(oauth.stats.lastResource).toBe(oauth.mcpUrl);
  // launchWebAuthFlow followed the redirect without showing the authorization server to the user.
  expect(context.pages().some((p) => p.url().startsWith(oauth.asUrl))).toBe(false);

  await waitForWhoami(assistant);
  expect(await whoami(assistant)).toEqual({
    isError: false,
    text: JSON.stringify([{ type: 'text', text: 'signed in as ada@example.com (scopes: mcp)' }]),
  });
});

test('an expired access token is refreshed without asking the user', async ({
  context,
  extId,
  assistant,
}) => {
  const oauth = await oauthServers();
  const options = await openOptions(context, extId);
  const card = await addProtected(options, oauth.mcpUrl);
  await signIn(card);
  await waitForWhoami(assistant);
  expect((await whoami(assistant)).isError).toBe(false);

  const refreshes = oauth.stats.refreshes;
  oauth.expireAccessTokens();
  const after = await whoami(assistant);
  expect(after).toEqual({
    isError: false,
    text: JSON.stringify([{ type: 'text', text: 'signed in as ada@example.com (scopes: mcp)' }]),
  });
  expect(oauth.stats.refreshes).toBeGreaterThan(refreshes);
  expect(oauth.stats.authorizations).toBe(1);
  await expect(card.getByRole('status')).toHaveText('Connected');
  await expect(card).toContainText(/Signed in.* · scopes: mcp/);
});

test('when the refresh token is revoked, calls fail asking to sign in, and the card offers to sign in again', async ({
  context,
  extId,
  assistant,
}) => {
  const oauth = await oauthServers();
  const options = await openOptions(context, extId);
  const card = await addProtected(options, oauth.mcpUrl);
  await signIn(card);
  await waitForWhoami(assistant);

  oauth.revokeRefreshTokens();
  oauth.expireAccessTokens();
  const failed = await whoami(assistant);
  expect(failed.isError).toBe(true);
  expect(failed.text).toMatch(/sign in/i);
  await expect(card.getByRole('button', { name: 'Sign in again', exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(card.getByRole('status')).toHaveText(NEEDS_SIGN_IN);
  // The failure did not start an authorization in the background.
  expect(oauth.stats.authorizations).toBe(1);

  await signIn(card, 'Sign in again');
  await waitForWhoami(assistant);
  expect((await whoami(assistant)).isError).toBe(false);
  // The client registration was kept: signing in again did not register another.
  expect(oauth.stats.registrations).toBe(1);
});

test('an authorization server that does not offer PKCE S256 is refused before any authorization request', async ({
  context,
  extId,
}) => {
  const oauth = await oauthServers({ s256: false });
  const options = await openOptions(context, extId);
  const card = await addProtected(options, oauth.mcpUrl);
  // The background connect does not discover the authorization server (nothing is kept for this server
  // yet), so the refusal comes from the user's click: discovery alone shows it, before any registration.
  await card.getByRole('button', { name: 'Sign in', exact: true }).click({ timeout: 15_000 });
  const alert = card.getByRole('alert');
  await expect(alert).toContainText('PKCE', { timeout: 15_000 });
  await expect(card.getByRole('status')).not.toHaveText('Connected');
  expect(oauth.stats.registrations).toBe(0);
  expect(oauth.stats.authorizations).toBe(0);
  expect(oauth.stats.tokenRequests).toBe(0);
});

test('signing out revokes the tokens at the server and asks to sign in again', async ({
  context,
  extId,
  assistant,
}) => {
  const oauth = await oauthServers();
  const options = await openOptions(context, extId);
  const card = await addProtected(options, oauth.mcpUrl);
  await signIn(card);
  await waitForWhoami(assistant);

  await card.getByRole('button', { name: 'Sign out' }).click();
  await expect(card.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(card).not.toContainText('Signed in');
  await expect(card.getByRole('status')).toHaveText(NEEDS_SIGN_IN, { timeout: 15_000 });
  expect(oauth.stats.revocations).toBeGreaterThanOrEqual(1);
  // The reconnect after sign-out is a background one: it registers no new client.
  expect(oauth.stats.registrations).toBe(1);
  // Whether the tool has left the catalog ("Unknown tool") or the server refuses the call, it does not run.
  const failed = await whoami(assistant);
  expect(failed.isError).toBe(true);
  expect(failed.text).not.toContain('signed in as');
});
