import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import type { ProviderConfig } from '../messages/chat-types';

/**
 * The user's model as an AI SDK LanguageModel. The key goes only to the provider's own base URL, in the
 * header the provider expects; nothing else about the user travels with it.
 */
export function createModel(config: ProviderConfig, fetchImpl?: typeof fetch): LanguageModel {
  const fetchOption = fetchImpl ? { fetch: fetchImpl } : {};
  if (config.kind === 'anthropic') {
    return createAnthropic({
      baseURL: config.baseURL,
      apiKey: config.apiKey ?? '',
      // Anthropic refuses browser-origin requests without this explicit opt-in; an extension page is one.
      headers: { 'anthropic-dangerous-direct-browser-access': 'true' },
      ...fetchOption,
    })(config.model);
  }
  return createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: config.baseURL,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    includeUsage: true,
    ...fetchOption,
  })(config.model);
}
