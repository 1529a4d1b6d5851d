import { generateText, type LanguageModel } from 'ai';
import type { SamplingGenerateRequest } from '../messages/contract';
import { describeProviderError } from './provider-errors';

/** What the approval window sends back in a 'sampling-result'. */
export interface SamplingOutput {
  model: string;
  text: string;
  stopReason?: string;
}

/**
 * Puts a server's sampling request, as the user approved it, to the user's model: one call, no tools, no
 * conversation or page content besides what the request holds. A failure is rethrown with the message
 * the user should read (it goes to the log and audit; the server hears only that the model failed).
 */
export async function generateSampling(
  model: LanguageModel,
  request: SamplingGenerateRequest,
  signal: AbortSignal,
): Promise<SamplingOutput> {
  try {
    const result = await generateText({
      model,
      ...(request.systemPrompt ? { instructions: request.systemPrompt } : {}),
      messages: request.messages.map((m) => ({ role: m.role, content: m.text })),
      maxOutputTokens: request.maxTokens,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.stopSequences ? { stopSequences: request.stopSequences } : {}),
      abortSignal: signal,
      // One retry, as the chat does: the user is watching a window, not waiting for a batch job.
      maxRetries: 1,
    });
    return {
      model: result.response.modelId || (typeof model === 'string' ? model : model.modelId),
      text: result.text,
      stopReason: result.finishReason,
    };
  } catch (error) {
    throw new Error(describeProviderError(error).message, { cause: error });
  }
}
