import type { ProviderConfig, ProviderKind } from '../messages/chat-types';
import { checkServerUrl } from '../shared/server-url';

export interface ProviderPreset {
  label: string;
  kind: ProviderKind;
  baseURL: string;
  model: string;
  contextTokens: number;
  needsKey: boolean;
}

/** Starting points for the options form; every field stays editable. */
export const PROVIDER_PRESETS: ProviderPreset[] = [
  {
    label: 'Ollama (this computer)',
    kind: 'openai-compatible',
    baseURL: 'http://localhost:11434/v1',
    model: 'llama3.1',
    contextTokens: 8192,
    needsKey: false,
  },
  {
    label: 'LM Studio (this computer)',
    kind: 'openai-compatible',
    baseURL: 'http://localhost:1234/v1',
    model: 'local-model',
    contextTokens: 8192,
    needsKey: false,
  },
  {
    label: 'OpenAI',
    kind: 'openai-compatible',
    baseURL: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    contextTokens: 128_000,
    needsKey: true,
  },
  {
    label: 'OpenRouter',
    kind: 'openai-compatible',
    baseURL: 'https://openrouter.ai/api/v1',
    model: 'openai/gpt-4o-mini',
    contextTokens: 128_000,
    needsKey: true,
  },
  {
    label: 'Anthropic',
    kind: 'anthropic',
    baseURL: 'https://api.anthropic.com/v1',
    model: 'claude-3-5-haiku-latest',
    contextTokens: 200_000,
    needsKey: true,
  },
];

export const CONTEXT_LIMITS = { min: 1024, max: 2_000_000 } as const;

/** Checks what the options form sends; throws a message a person can act on. */
export function checkProviderConfig(input: Partial<ProviderConfig>, newId: () => string): ProviderConfig {
  const name = input.name?.trim() ?? '';
  if (!name) throw new Error('Give the model a name, e.g. “Ollama” or “OpenAI”.');
  if (input.kind !== 'openai-compatible' && input.kind !== 'anthropic') {
    throw new Error('Choose the kind of provider: OpenAI-compatible or Anthropic.');
  }
  // The key travels to this address: https, or http only to this computer, as for MCP servers.
  const baseURL = checkServerUrl(input.baseURL ?? '').replace(/\/+$/, '');
  const model = input.model?.trim() ?? '';
  if (!model)
    throw new Error('Enter the model’s name as the provider knows it, e.g. gpt-4o-mini or llama3.1.');
  const contextTokens = Number(input.contextTokens);
  if (
    !Number.isInteger(contextTokens) ||
    contextTokens < CONTEXT_LIMITS.min ||
    contextTokens > CONTEXT_LIMITS.max
  ) {
    throw new Error(
      `The context window is a whole number of tokens between ${CONTEXT_LIMITS.min} and ${CONTEXT_LIMITS.max}.`,
    );
  }
  // Absent: keep the saved key (if any); '' removes it.
  const apiKey = input.apiKey?.trim();
  if (apiKey && /[\r\n]/.test(apiKey)) throw new Error('The API key has a line break in it.');
  const keyKept = apiKey === undefined && input.hasKey === true;
  if (input.kind === 'anthropic' && !apiKey && !keyKept) throw new Error('Anthropic needs an API key.');
  return {
    id: input.id || newId(),
    kind: input.kind,
    name: name.slice(0, 80),
    baseURL,
    model: model.slice(0, 200),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(keyKept ? { hasKey: true } : {}),
    contextTokens,
    supportsTools: input.supportsTools !== false,
  };
}

/** What the options page may show: never the key itself. */
export type ProviderView = Omit<ProviderConfig, 'apiKey'> & { hasKey: boolean };

export function providerView({ apiKey, ...rest }: ProviderConfig): ProviderView {
  return { ...rest, hasKey: Boolean(rest.hasKey || apiKey) };
}
