import {
  type ContentBlock,
  type CreateMessageRequest,
  type CreateMessageResult,
  type CreateMessageResultWithTools,
  ProtocolError,
  ProtocolErrorCode,
  type SamplingMessage,
  type SamplingMessageContentBlock,
  type TextContent,
} from '@modelcontextprotocol/client';
import type { AuditLog } from '../audit/audit-log';
import type { AuditEntry } from '../messages/audit-entry';
import type { ApprovalAnswer, ApprovalView } from '../messages/contract';
import { errorMessage, HostError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { ConsentQueue } from './consent-queue';
import { describeContent } from './sampling-text';

type SamplingParams = CreateMessageRequest['params'];
export type SamplingResult = CreateMessageResult | CreateMessageResultWithTools;
type SamplingRequestView = Extract<ApprovalView['request'], { kind: 'sampling-request' }>;
type SamplingAnswer = Extract<ApprovalAnswer, { kind: 'sampling' }>;

/** A model the user configured. It answers a server's sampling request only after the user approved it. */
export interface SamplingProvider {
  /** Names the provider to the user and in the audit log, e.g. "Claude (Anthropic)". */
  label: string;
  /** Whether it can offer a server's tools to the model; declared to servers as `sampling.tools`. */
  supportsTools: boolean;
  /** `serverName` is who asked, for a provider that shows the call to the user. */
  createMessage(
    params: SamplingParams,
    signal: AbortSignal | undefined,
    serverName: string,
  ): Promise<SamplingResult>;
}

export interface SamplingDeps {
  queue: ConsentQueue;
  audit: AuditLog;
  logger: Logger;
  now(): number;
}

/** The code the spec's sampling error example and reference clients use for "the user rejected it". */
export const USER_REJECTED = -1;
const DECLINED = 'The user declined the sampling request';

// The fields a provider gets besides messages, maxTokens and systemPrompt. Not includeContext (we declare no
// sampling.context, and the user never agreed to share other context), nor _meta, task or unknown keys.
const PASSED_THROUGH = [
  'temperature',
  'stopSequences',
  'metadata',
  'modelPreferences',
  'tools',
  'toolChoice',
] as const;

/**
 * One `sampling/createMessage` through the user: they review (and may edit) what the server sends, the
 * provider answers, and they review the answer before the server gets it. Any refusal, timeout or
 * cancellation reaches the server as a ProtocolError, never as a hang.
 */
export async function sample(
  deps: SamplingDeps,
  provider: SamplingProvider,
  serverName: string,
  params: SamplingParams,
  signal?: AbortSignal,
): Promise<SamplingResult> {
  if ((params.tools || params.toolChoice) && !provider.supportsTools) {
    // Only reachable by a server that ignored our capabilities: we declared no sampling.tools.
    throw new ProtocolError(
      ProtocolErrorCode.InvalidParams,
      'This client does not support tools in sampling.',
    );
  }
  const record = (entry: Omit<AuditEntry, 'at' | 'kind' | 'source'>) =>
    void deps.audit.record({ at: deps.now(), kind: 'sampling', source: serverName, ...entry });
  const view = requestView(params);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const answer = await review(deps, record, serverName, view, signal, {
    stage: 'request',
    detail: `reviewed a request of ${plural(view.messages.length, 'message')}, ${plural(view.tools.length, 'tool')}`,
  });
  const edited = applyEdits(params, answer);
  const changed =
    JSON.stringify(edited.messages) !== JSON.stringify(params.messages) ||
    (edited.systemPrompt ?? '') !== (params.systemPrompt ?? '');

  const started = deps.now();
  let result: SamplingResult;
  try {
    result = await provider.createMessage(edited, signal, serverName);
  } catch (error) {
    deps.logger.warn(`${provider.label} failed a sampling request from ${serverName}`, error);
    record({
      outcome: signal?.aborted ? 'cancelled' : 'error',
      durationMs: deps.now() - started,
      detail: `${provider.label}: ${errorMessage(error)}`,
    });
    // The details stay with the user (log, audit): they may name the provider, its account or its limits.
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      'The model could not answer the sampling request.',
    );
  }
  record({
    outcome: 'ok',
    durationMs: deps.now() - started,
    detail: `${provider.label} answered as ${result.model}${changed ? ', with the user’s edits' : ''}`,
  });

  await review(
    deps,
    record,
    serverName,
    { kind: 'sampling-response', model: result.model, text: describeContent(result.content) },
    signal,
    { stage: 'response', detail: `reviewed the response from ${result.model}` },
  );
  return result;
}

/** Puts one stage to the user; returns an approval, or throws the error the server should get. */
async function review(
  deps: SamplingDeps,
  record: (entry: Omit<AuditEntry, 'at' | 'kind' | 'source'>) => void,
  serverName: string,
  request: ApprovalView['request'],
  signal: AbortSignal | undefined,
  { stage, detail }: { stage: 'request' | 'response'; detail: string },
): Promise<SamplingAnswer> {
  const started = deps.now();
  let answer: ApprovalAnswer;
  try {
    answer = await deps.queue.ask({ source: { kind: 'server', label: serverName } }, request, signal);
  } catch (error) {
    const timedOut = error instanceof HostError && error.code === 'approval-timeout';
    record({
      ...(timedOut ? { decidedBy: 'timeout' as const } : {}),
      outcome: timedOut ? 'timeout' : 'cancelled',
      durationMs: deps.now() - started,
      detail: `${stage}: ${errorMessage(error)}`,
    });
    // Same code as a refusal: to the server, no answer from the user is a rejection, only worded truthfully.
    throw new ProtocolError(
      USER_REJECTED,
      `The user did not approve the sampling request: ${errorMessage(error)}`,
    );
  }
  // The queue only settles a sampling request with a sampling answer.
  if (answer.kind !== 'sampling') throw new Error('Unexpected answer.');
  const approved = answer.action === 'approve';
  record({
    decision: answer.action,
    decidedBy: 'user',
    outcome: approved ? 'ok' : 'denied',
    durationMs: deps.now() - started,
    detail,
  });
  if (!approved) throw new ProtocolError(USER_REJECTED, DECLINED);
  return answer;
}

/** What the user reviews: text as text, anything else as a read-only summary. */
export function requestView(params: SamplingParams): SamplingRequestView {
  return {
    kind: 'sampling-request',
    systemPrompt: params.systemPrompt ?? '',
    messages: params.messages.map((message) => {
      const text = soleText(message);
      return { role: message.role, text: text?.text ?? describeContent(message.content), editable: !!text };
    }),
    maxTokens: params.maxTokens,
    tools: (params.tools ?? []).map((tool) => tool.name),
    ...(params.toolChoice?.mode ? { toolChoice: params.toolChoice.mode } : {}),
  };
}

/** The server's params with the user's edits, and nothing the server did not send. */
export function applyEdits(params: SamplingParams, answer: SamplingAnswer): SamplingParams {
  const edits = answer.messages;
  if (
    edits &&
    (edits.length !== params.messages.length || edits.some((e, i) => e.role !== params.messages[i]?.role))
  ) {
    throw new ProtocolError(
      ProtocolErrorCode.InternalError,
      'The approval did not match the sampling request.',
    );
  }
  const messages = params.messages.map((message, i): SamplingMessage => {
    const text = soleText(message);
    const edit = edits?.[i];
    if (!text || !edit) return message;
    const block: TextContent = { ...text, text: edit.text };
    return { ...message, content: Array.isArray(message.content) ? [block] : block };
  });
  const systemPrompt = answer.systemPrompt ?? params.systemPrompt;
  const out: SamplingParams = {
    messages,
    maxTokens: params.maxTokens,
    ...(systemPrompt ? { systemPrompt } : {}),
  };
  for (const key of PASSED_THROUGH) copy(params, out, key);
  return out;
}

function copy<T, K extends keyof T>(from: T, to: T, key: K): void {
  if (from[key] !== undefined) to[key] = from[key];
}

/** The message's text block when that is all it holds: the only kind of message the user may edit. */
function soleText(message: SamplingMessage): TextContent | undefined {
  const blocks = Array.isArray(message.content) ? message.content : [message.content];
  const [only] = blocks;
  return blocks.length === 1 && only?.type === 'text' ? only : undefined;
}
