import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Settings at its MCP servers section. */
export async function openServers(context: BrowserContext, extId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/extension/options/index.html#servers`);
  return options;
}

/**
 * Adds a server as a person does in Settings, and waits until it is connected. `allowAll` ticks "Allow all
 * tools without asking" (for specs that are not about approvals).
 */
export async function addServer(options: Page, url: string, name: string, allowAll = true): Promise<void> {
  await options.getByLabel('Server URL').fill(url);
  await options.getByLabel('Name', { exact: true }).fill(name);
  // The Add form, not a server card above it: both have this switch.
  await options
    .getByRole('form', { name: 'Add a server' })
    .getByRole('checkbox', { name: 'Allow all tools without asking' })
    .setChecked(allowAll);
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect(options.getByRole('region', { name }).getByRole('status')).toHaveText('Connected', {
    timeout: 15_000,
  });
}
