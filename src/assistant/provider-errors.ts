import { APICallError, NoOutputGeneratedError, RetryError } from 'ai';

export type ProviderErrorKind = 'auth' | 'model' | 'rate-limit' | 'network' | 'cancelled' | 'other';

/** A provider failure as the chat shows it: what happened and what the user can do about it. */
export function describeProviderError(error: unknown): { kind: ProviderErrorKind; message: string } {
  if (RetryError.isInstance(error)) return describeProviderError(error.lastError);
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { kind: 'cancelled', message: 'Stopped.' };
  }
  if (APICallError.isInstance(error)) {
    const detail = providerMessage(error.responseBody);
    const status = error.statusCode;
    if (status === 401 || status === 403) {
      return {
        kind: 'auth',
        message: `The provider refused the API key (HTTP ${status}). Check the key in Switchboard settings.${detail}`,
      };
    }
    if (status === 404) {
      return {
        kind: 'model',
        message: `The provider does not know this model or address (HTTP 404). Check the model name and base URL in settings.${detail}`,
      };
    }
    if (status === 429) {
      return {
        kind: 'rate-limit',
        message: `The provider is rate-limiting requests (HTTP 429). Wait a moment, then send again.${detail}`,
      };
    }
    if (status === undefined) return network();
    return { kind: 'other', message: `The provider failed (HTTP ${status}).${detail}` };
  }
  // In a browser a refused connection is a bare TypeError("Failed to fetch"), not wrapped by the SDK.
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) return network();
  if (NoOutputGeneratedError.isInstance(error)) {
    return { kind: 'other', message: 'The model returned nothing. Try again, or try another model.' };
  }
  return {
    kind: 'other',
    message: `The model call failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

function network() {
  return {
    kind: 'network' as const,
    message:
      'Could not reach the provider. Is it running and is the base URL right? (A local Ollama must allow ' +
      'the extension: OLLAMA_ORIGINS=chrome-extension://*)',
  };
}

/** The provider's own error text, short, when its body has one (OpenAI and Anthropic both use error.message). */
function providerMessage(body: string | undefined): string {
  if (!body) return '';
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? ` The provider said: “${message.slice(0, 300)}”` : '';
  } catch {
    return '';
  }
}
