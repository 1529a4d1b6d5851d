import type { Page } from '@playwright/test';
import { checkSurface } from './a11y';
import { listedToolName } from './assistant';
import { expect, test } from './fixtures';

const SECTIONS = [
  ['models', 'Models', 'Assistant models'],
  ['servers', 'MCP servers', 'MCP servers'],
  ['assistants', 'Desktop assistants', 'Desktop assistants'],
  ['sites', 'Sites', 'Sites'],
  ['approvals', 'Approvals', 'Approvals'],
  ['activity', 'Activity', 'Activity'],
  ['advanced', 'Advanced', 'Advanced'],
] as const;

const settingsUrl = (extId: string, hash = '') =>
  `chrome-extension://${extId}/extension/options/index.html${hash}`;
const menu = (page: Page) => page.getByRole('navigation', { name: 'Settings sections' });

/** The one section shown: its heading, and the menu item marked as the current one. */
async function expectSection(page: Page, label: string, title: string) {
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(title);
  await expect(menu(page).locator('[aria-current="page"]')).toHaveText(label);
  await expect(menu(page).locator('[aria-current]')).toHaveCount(1);
}

test.beforeEach(() => {
  test.skip(test.info().project.name === 'native', 'Settings does not depend on WebMCP: run once');
});

test('Settings opens on Models; each section has its own address, one at a time; back and forward walk them', async ({
  context,
  extId,
}) => {
  const page = await context.newPage();
  await page.goto(settingsUrl(extId));
  await expectSection(page, 'Models', 'Assistant models');
  // Only the models section is on the page: nothing of the others.
  await expect(page.getByLabel('Server URL')).toHaveCount(0);

  for (const [id, label, title] of SECTIONS.slice(1)) {
    await menu(page).getByRole('link', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expectSection(page, label, title);
  }
  await page.goBack();
  await expectSection(page, 'Activity', 'Activity');
  await page.goBack();
  await expectSection(page, 'Approvals', 'Approvals');
  await page.goForward();
  await expectSection(page, 'Activity', 'Activity');

  // Each deep link opens its section directly; an unknown one, and the old ones, still land somewhere.
  for (const [id, label, title] of SECTIONS) {
    await page.goto(settingsUrl(extId, `#${id}`));
    await expectSection(page, label, title);
  }
  await page.goto(settingsUrl(extId, '#no-such-section'));
  await expectSection(page, 'Models', 'Assistant models');
  await page.goto(settingsUrl(extId, '#desktop'));
  await expectSection(page, 'Desktop assistants', 'Desktop assistants');

  // The keyboard: Tab reaches the menu, Enter follows a link, and focus moves to the section.
  await page.goto(settingsUrl(extId, '#models'));
  await menu(page).getByRole('link', { name: 'Sites' }).focus();
  await page.keyboard.press('Enter');
  await expectSection(page, 'Sites', 'Sites');
  await expect(page.getByRole('heading', { level: 2 })).toBeFocused();

  // Advanced holds the expert preferences and the way back to the welcome page.
  await page.goto(settingsUrl(extId, '#advanced'));
  await expect(page.getByLabel('Roots')).toBeVisible();
  await expect(page.getByLabel('Audit log size (entries)')).toBeVisible();
  await expect(page.getByLabel(/OAuth Client ID Metadata Document URL/)).toBeVisible();
  await page.getByRole('link', { name: 'Show the welcome page again' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to Switchboard' })).toBeVisible();
});

test.describe('with loopback pre-granted', () => {
  test.use({ extensionDist: 'dist-e2e' });

  test('servers and models are listed above their Add forms; a server that fails shows a red pill and its error', async ({
    context,
    extId,
  }) => {
    const page = await context.newPage();
    await page.goto(settingsUrl(extId, '#servers'));
    await expect(page.getByText('No servers yet.')).toBeVisible();
    await page.getByLabel('Server URL').fill('http://127.0.0.1:9/mcp');
    await page.getByLabel('Name', { exact: true }).fill('Nowhere');
    await page.getByRole('button', { name: 'Add server' }).click();
    const card = page.getByRole('region', { name: 'Nowhere' });
    const status = card.getByRole('status');
    await expect(status.locator('.pill.err')).toHaveText('Not connected', { timeout: 20_000 });
    await expect(status.locator('.server-error')).toContainText(/127\.0\.0\.1/);
    const form = page.getByRole('form', { name: 'Add a server' });
    expect((await card.boundingBox())!.y).toBeLessThan((await form.boundingBox())!.y);
    await checkSurface(page, 'settings-servers-error');

    await page.goto(settingsUrl(extId, '#models'));
    const add = page.getByRole('form', { name: 'Add a model' });
    await add.getByLabel('Provider name').fill('Local');
    await add.getByLabel('Base URL').fill('http://127.0.0.1:9/v1');
    await add.getByLabel('Model', { exact: true }).fill('small-model');
    await add.getByRole('button', { name: 'Add model' }).click();
    const list = page.getByRole('list', { name: 'Models' });
    await expect(list).toContainText('small-model');
    expect((await list.boundingBox())!.y).toBeLessThan((await add.boundingBox())!.y);
    await checkSurface(page, 'settings-models');
  });
});

test('the Activity table fits a 720px window and says what happened in words', async ({
  context,
  extId,
  site,
  popup,
  assistant,
}) => {
  await popup.getByRole('switch', { name: /search_article/ }).check();
  const name = await listedToolName(assistant, 'search_article');
  const result = await assistant.client.callTool({ name, arguments: { query: 'patch cord' } });
  expect(result.isError).toBeFalsy();
  await site.bringToFront();

  const page = await context.newPage();
  await page.setViewportSize({ width: 720, height: 900 });
  await page.goto(settingsUrl(extId, '#activity'));
  const table = page.getByRole('table', { name: 'Audit log' });
  const call = table.locator('tbody tr[data-kind="call"]').first();
  await expect(call).toContainText('Ran without asking: read-only');
  await expect(call).toContainText('Done');
  await expect(table.locator('tbody tr[data-kind="grant"]').first()).toContainText('Given by you');
  // No internal codes in the foreground.
  await expect(table).not.toContainText('allow-once');
  await expect(table).not.toContainText('by policy');

  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const t = document.querySelector('table[aria-label="Audit log"]') as HTMLElement;
    return {
      page: root.scrollWidth - root.clientWidth,
      table: t.scrollWidth - t.clientWidth,
      tableRight: t.getBoundingClientRect().right - root.clientWidth,
    };
  });
  expect(overflow.page).toBeLessThanOrEqual(0);
  expect(overflow.table).toBeLessThanOrEqual(0);
  expect(overflow.tableRight).toBeLessThanOrEqual(0);
  await checkSurface(page, 'settings-activity');
});

test('every Settings section passes axe-core in light and dark, with something in it where it can', async ({
  context,
  extId,
  popup,
}) => {
  // A site with grants, so Sites lists one; Approvals, Desktop assistants and Advanced show what a new
  // install has.
  await popup.getByRole('switch', { name: /search_article/ }).check();
  await popup.getByRole('switch', { name: /page content/i }).check();
  const page = await context.newPage();
  await page.setViewportSize({ width: 1000, height: 800 });
  for (const [hash, label, title] of SECTIONS) {
    if (hash === 'models' || hash === 'servers' || hash === 'activity') continue; // with content, above
    await page.goto(settingsUrl(extId, `#${hash}`));
    await expectSection(page, label, title);
    if (hash === 'sites') await expect(page.getByRole('main')).toContainText('127.0.0.1');
    await checkSurface(page, `settings-${hash}`);
  }
});
