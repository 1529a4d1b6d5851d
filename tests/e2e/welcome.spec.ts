import { startFakeLlm } from '../fixtures/fake-llm.mjs';
import { checkSurface } from './a11y';
import { expect, test, welcomeTab } from './fixtures';

// dist-e2e pre-grants loopback, where the scripted model runs (see manifest.config.ts).
test.use({ extensionDist: 'dist-e2e', keepWelcome: true });
test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'the welcome page does not depend on WebMCP: run once');
});

let llm: Awaited<ReturnType<typeof startFakeLlm>>;
test.beforeAll(async () => {
  llm = await startFakeLlm();
});
test.afterAll(async () => {
  await llm?.close();
});

/** The build's demo address (vite.config.ts, npm start's default). */
const DEMO = 'http://127.0.0.1:4173/?demo';

test('the welcome page opens by itself on install; a model is set up on it; "Try it on the demo" opens the demo', async ({
  context,
  siteUrl,
}) => {
  // Nothing opened it: a fresh profile's install did.
  const welcome = await welcomeTab(context);
  await expect(welcome.getByRole('heading', { name: 'Welcome to Switchboard' })).toBeVisible();
  await expect(welcome.getByText(/puzzle piece/)).toBeVisible();
  await expect(welcome.getByRole('status').filter({ hasText: 'Ready' })).toHaveCount(0);
  await checkSurface(welcome, 'welcome-first-run');

  // One click on a provider, its address pointed at the scripted model, and save.
  await welcome.getByRole('button', { name: /^Ollama/ }).click();
  await expect(welcome.getByRole('button', { name: /^Ollama/ })).toHaveAttribute('aria-pressed', 'true');
  const form = welcome.getByRole('form', { name: 'Set up Ollama' });
  await form.getByLabel('Model').fill('fake-model');
  await form.getByText('Address').click();
  await form.getByLabel('Base URL').fill(llm.url);
  await form.getByRole('button', { name: 'Use Ollama' }).click();
  const ready = welcome.getByRole('status').filter({ hasText: 'Ready' });
  await expect(ready).toContainText('fake-model');
  await checkSurface(welcome, 'welcome-ready');

  // It is the model Settings shows, in use.
  const settingsOpened = context.waitForEvent('page');
  await welcome.getByRole('link', { name: 'Change or add models in Settings' }).click();
  const settings = await settingsOpened;
  await expect(settings).toHaveURL(/options\/index\.html#models$/);
  await expect(settings.getByRole('list', { name: 'Models' })).toContainText('fake-model');
  await expect(settings.getByRole('list', { name: 'Models' })).toContainText('In use');
  await settings.close();

  // The demo: npm start serves it at the build's address; here the test site answers there.
  await context.route(`${new URL(DEMO).origin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${siteUrl}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  const demoOpened = context.waitForEvent('page');
  await welcome.getByRole('button', { name: 'Try it on the demo' }).click();
  const demo = await demoOpened;
  await expect(demo).toHaveURL(DEMO);
  await expect(demo.getByRole('heading', { level: 1 })).toHaveText(/Telephone Switchboard/);
});

test('the welcome page links to the desktop assistants section and to Advanced', async ({ context }) => {
  const welcome = await welcomeTab(context);
  for (const [link, heading, hash] of [
    ['Set up a desktop assistant', 'Desktop assistants', 'assistants'],
    ['Every option is in Settings → Models', 'Assistant models', 'models'],
    ['Advanced', 'Advanced', 'advanced'],
  ] as const) {
    const opened = context.waitForEvent('page');
    await welcome.getByRole('link', { name: link }).click();
    const page = await opened;
    await expect(page).toHaveURL(new RegExp(`options/index\\.html#${hash}$`));
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(heading);
    await page.close();
  }
});
