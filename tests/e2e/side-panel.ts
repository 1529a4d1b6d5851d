import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** Adds an OpenAI-compatible model in Settings › Models, as a person fills the form. */
export async function addScriptedModel(
  context: BrowserContext,
  extId: string,
  baseUrl: string,
  { model = 'fake-model', contextTokens = 8192 }: { model?: string; contextTokens?: number } = {},
): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#models`);
  const form = options.getByRole('form', { name: 'Add a model' });
  await form.getByLabel('Provider name').fill('Scripted');
  await form.getByLabel('Base URL').fill(baseUrl);
  await form.getByLabel('Model', { exact: true }).fill(model);
  await form.getByLabel('Context window (tokens)').fill(String(contextTokens));
  await form.getByRole('button', { name: 'Add model' }).click();
  await expect(options.getByRole('list', { name: 'Models' })).toContainText(model);
  await options.close();
}

/**
 * The side panel's page, opened as a tab for `tabId` (headless Chromium cannot show a side panel), at about
 * a side panel's size.
 */
export async function openPanel(
  context: BrowserContext,
  extId: string,
  tabId: number,
  height = 760,
): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 420, height });
  await panel.goto(`chrome-extension://${extId}/extension/sidepanel/index.html?tab=${tabId}`);
  return panel;
}

/** Types a message and sends it, as a person would: once the previous answer has finished. */
export async function ask(panel: Page, text: string): Promise<void> {
  await expect(panel.getByRole('button', { name: 'Stop' })).toBeHidden();
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}
