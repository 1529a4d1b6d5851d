import browser from 'webextension-polyfill';
import { checkProviderConfig } from '../../src/assistant/provider-config';
import type { ProviderSettings } from '../../src/assistant/provider-store';
import type { ProviderConfig } from '../../src/messages/chat-types';
import { originPattern } from '../../src/shared/server-url';
import { providerStore } from './secrets';

export const providers = providerStore();

/**
 * Checks and saves a model, as Settings and the welcome page both do. Must be called inside the user's
 * click: Chrome asks once for access to the provider's address. Rejects with a message to show.
 */
export async function saveProvider(
  input: Partial<ProviderConfig>,
  makeDefault: boolean,
  current: ProviderSettings | undefined,
): Promise<ProviderConfig> {
  // The saved key is not read here: an empty key field keeps it (the store fills nothing in).
  const stored = current?.providers.find((p) => p.id === input.id);
  const config = checkProviderConfig(
    { ...input, ...(input.apiKey === undefined && stored?.hasKey ? { hasKey: true } : {}) },
    () => crypto.randomUUID(),
  );
  const granted = await browser.permissions.request({ origins: [originPattern(config.baseURL)] });
  if (!granted)
    throw new Error(`Switchboard needs your permission to reach ${new URL(config.baseURL).host}.`);
  await providers.save(config, makeDefault);
  return config;
}
