import type {
  CreateMessageRequest,
  CreateMessageResult,
  SamplingMessage,
  SamplingMessageContentBlock,
} from '@modelcontextprotocol/client';
import type { SamplingGenerateRequest } from '../messages/contract';
import type { ConsentQueue } from './consent-queue';
import type { SamplingProvider } from './sampling';
import { describeContent } from './sampling-text';

type SamplingParams = CreateMessageRequest['params'];

/** The AI SDK's finish reasons that MCP names; any other passes through as the SDK says it. */
const STOP_REASONS: Record<string, string> = { stop: 'endTurn', length: 'maxTokens' };

/**
 * The user's model, called from the approval window. The AI SDK (~540 KB) must stay out of the service
 * worker, whose cold start every event pays and which cannot import() on demand; the approval window is
 * open anyway while the user reviews a sampling request. So this queues the approved request as a
 * 'sampling-generate' for the window, which runs the model and answers with a 'sampling-result'.
 * The queue's timeout and the server's cancellation apply to the model call as to any approval.
 */
export class WindowSamplingProvider implements SamplingProvider {
  readonly label: string;
  // Text only for now: the window calls the model without tools, so servers are told no sampling.tools.
  readonly supportsTools = false;

  constructor(
    private readonly queue: ConsentQueue,
    /** The model the user configured; its key stays in extension storage, read by the window itself. */
    provider: { name: string; model: string },
  ) {
    this.label = provider.name === provider.model ? provider.name : `${provider.model} (${provider.name})`;
  }

  async createMessage(
    params: SamplingParams,
    signal: AbortSignal | undefined,
    serverName: string,
  ): Promise<CreateMessageResult> {
    const request: SamplingGenerateRequest = {
      kind: 'sampling-generate',
      model: this.label,
      systemPrompt: params.systemPrompt ?? '',
      messages: params.messages.map((message) => ({ role: message.role, text: asText(message) })),
      maxTokens: params.maxTokens,
      ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
      ...(params.stopSequences?.length ? { stopSequences: params.stopSequences } : {}),
    };
    // A timeout or cancellation rejects here; sample() reports it and tells the server only that it failed.
    const answer = await this.queue.ask({ source: { kind: 'server', label: serverName } }, request, signal);
    if (answer.kind !== 'sampling-result') throw new Error('Unexpected answer.');
    if (!answer.result) throw new Error(answer.error || 'The approval window returned no answer.');
    const { model, text, stopReason } = answer.result;
    return {
      role: 'assistant',
      content: { type: 'text', text },
      model: model || this.label,
      ...(stopReason ? { stopReason: STOP_REASONS[stopReason] ?? stopReason } : {}),
    };
  }
}

/**
 * A message as the text the model gets. Tool traffic reads as the summary the user reviewed; images and
 * audio cannot go through a text-only call, and answering as if the model had seen them would mislead.
 */
function asText(message: SamplingMessage): string {
  const blocks: SamplingMessageContentBlock[] = Array.isArray(message.content)
    ? message.content
    : [message.content];
  const media = blocks.find((block) => block.type === 'image' || block.type === 'audio');
  if (media)
    throw new Error(`The request holds ${media.type} content; this model connection passes text only.`);
  return describeContent(blocks);
}
