import type { BrowserContext, Page, Worker } from '@playwright/test';
import { startFakeLlm } from '../fixtures/fake-llm.mjs';
import { startOAuthServers } from '../fixtures/oauth';
import { expect, test } from './fixtures';

// dist-e2e pre-grants loopback, where the scripted model and the OAuth fixture run (see manifest.config.ts).
test.use({ extensionDist: 'dist-e2e' });
test.beforeEach(() => {
  test.skip(
    test.info().project.name === 'native',
    'where secrets are kept does not depend on WebMCP: run once',
  );
});

const KEY = 'sk-live-4f9c2a7e1b';

function workerOf(context: BrowserContext, extId: string): Worker {
  const worker = context.serviceWorkers().find((w) => w.url().includes(extId));
  if (!worker) throw new Error('no extension worker');
  return worker;
}

/** What the worker keeps among the secrets (IndexedDB `switchboard`, store `secrets`): names and values. */
const secretsInWorker = (context: BrowserContext, extId: string) => secretsIn(workerOf(context, extId));

async function secretsIn(where: Pick<Page, 'evaluate'>): Promise<Record<string, unknown>> {
  return where.evaluate(
    () =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const open = indexedDB.open('switchboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('secrets').objectStore('secrets').getAll();
          all.onsuccess = () => {
            resolve(
              Object.fromEntries(all.result.map((r: { name: string; value: unknown }) => [r.name, r.value])),
            );
            open.result.close();
          };
        };
      }),
  );
}

/**
 * Everything Switchboard's own content script can reach on a web page, evaluated in its isolated world
 * through CDP: both chrome.storage areas, and the IndexedDB that world can open.
 */
async function whatTheContentScriptSees(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string; type?: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) =>
    worlds.push({ id: c.id, name: c.name, type: c.auxData?.type }),
  );
  await cdp.send('Runtime.enable');
  await expect.poll(() => worlds.some((w) => w.type === 'isolated' && w.name === 'Switchboard')).toBe(true);
  const world = worlds.find((w) => w.type === 'isolated' && w.name === 'Switchboard')!;
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
    expression: `(async () => {
      const seen = { runtimeId: chrome.runtime.id };
      seen.local = await chrome.storage.local.get(null);
      try { seen.session = await chrome.storage.session.get(null); }
      catch (e) { seen.session = 'refused: ' + e.message; }
      seen.databases = await indexedDB.databases();
      seen.secrets = await new Promise((resolve) => {
        const open = indexedDB.open('switchboard');
        open.onsuccess = () => resolve([...open.result.objectStoreNames]);
        open.onerror = () => resolve('error: ' + open.error);
      });
      return JSON.stringify(seen);
    })()`,
  });
  expect(exceptionDetails).toBeUndefined();
  await cdp.detach();
  return String(result.value);
}

test('no secret is readable from the content script: not the model key, not the sign-in, by any API', async ({
  context,
  extId,
  site,
}) => {
  const llm = await startFakeLlm();
  const oauth = await startOAuthServers();
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extId}/extension/options/index.html#models`);
    const form = options.getByRole('form', { name: 'Add a model' });
    await form.getByLabel('Provider name').fill('Scripted');
    await form.getByLabel('Base URL').fill(llm.url);
    await form.getByLabel('Model', { exact: true }).fill('fake-model');
    await form.getByLabel('API key').fill(KEY);
    await form.getByLabel('Context window (tokens)').fill('8192');
    await form.getByRole('button', { name: 'Add model' }).click();
    await expect(options.getByRole('list', { name: 'Models' })).toContainText('key saved');

    await options
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'MCP servers' })
      .click();
    await options.getByLabel('Server URL').fill(oauth.mcpUrl);
    await options.getByLabel('Name', { exact: true }).fill('Protected');
    await options.getByRole('button', { name: 'Add server' }).click();
    const card = options.getByRole('region', { name: 'Protected' });
    await card.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(card).toContainText(/Signed in/, { timeout: 15_000 });

    // They exist, where only the worker and our pages can open them.
    const secrets = await secretsInWorker(context, extId);
    expect(Object.values(secrets)).toContain(KEY);
    const oauthState = Object.entries(secrets).find(([name]) => name.startsWith('oauth:'))?.[1];
    const { access_token: accessToken, refresh_token: refreshToken } = (
      oauthState as { tokens: { access_token: string; refresh_token: string } }
    ).tokens;
    expect(accessToken).toBeTruthy();

    await site.reload();
    const seen = await whatTheContentScriptSees(context, site);
    expect(seen).toContain(extId); // it is our content script's world
    expect(seen).toContain('Scripted'); // it reads storage.local (the providers' names are there)...
    for (const secret of [KEY, accessToken, refreshToken]) expect(seen).not.toContain(secret); // ...but no secret
    expect(seen).not.toMatch(/apiKey|access_token|refresh_token|client_secret/);
    // chrome.storage.session stays at its default: trusted contexts only.
    expect(JSON.parse(seen).session).toMatch(
      /^refused: .*Access to storage is not allowed from this context/,
    );
    // indexedDB there is the page's own: no Switchboard database with a secrets store.
    expect(JSON.parse(seen).secrets).toEqual([]);
  } finally {
    await llm.close();
    await oauth.close();
  }
});

test('an install that kept secrets in storage.local moves them out on upgrade, and they still work', async ({
  context,
  extId,
}) => {
  const llm = await startFakeLlm();
  try {
    const worker = workerOf(context, extId);
    // What an earlier version wrote: the key inside the providers, and a server's sign-in.
    await worker.evaluate(
      ({ url, key }) =>
        chrome.storage.local.set({
          'assistant:providers': {
            providers: [
              {
                id: 'old-1',
                kind: 'openai-compatible',
                name: 'From before',
                baseURL: url,
                model: 'fake-model',
                apiKey: key,
                contextTokens: 8192,
                supportsTools: true,
              },
            ],
            defaultId: 'old-1',
          },
          'oauth:srv-old': { tokens: { access_token: 'at_from_before', token_type: 'Bearer' } },
        }),
      { url: llm.url, key: 'bad-key' },
    );
    // The upgrade: the worker that wrote this stops, and the new version's worker starts on this profile.
    const cdp = await context.newCDPSession(await context.newPage());
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // An extension page wakes the worker, and reads what is left (it may open what the worker opens).
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/extension/options/index.html#models`);
    await expect(page.getByRole('list', { name: 'Models' })).toContainText('From before');
    await expect
      .poll(() => page.evaluate(() => chrome.storage.local.get(null)), { timeout: 15_000 })
      .toEqual({
        'assistant:providers': {
          providers: [expect.objectContaining({ id: 'old-1', name: 'From before', hasKey: true })],
          defaultId: 'old-1',
        },
      });
    const local = JSON.stringify(await page.evaluate(() => chrome.storage.local.get(null)));
    expect(local).not.toContain('bad-key');
    expect(local).not.toContain('at_from_before');
    await expect(page.getByRole('list', { name: 'Models' })).toContainText('key saved');
    expect(await secretsIn(page)).toMatchObject({
      'provider-key:old-1': 'bad-key',
      'oauth:srv-old': { tokens: { access_token: 'at_from_before' } },
    });

    // The moved key is the one the assistant uses: this scripted model refuses exactly "bad-key".
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extId}/extension/sidepanel/index.html`);
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.fill('hello');
    await box.press('Enter');
    await expect(panel.getByRole('alert')).toContainText(/API key/i, { timeout: 15_000 });
  } finally {
    await llm.close();
  }
});
