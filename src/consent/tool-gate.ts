import type { Tool } from '@modelcontextprotocol/server';
import type { AuditLog } from '../audit/audit-log';
import type { AuditDecision, AuditEntry, DecidedBy } from '../messages/audit-entry';
import type { AssistantRef, SourceRef } from '../messages/decisions';
import { WEBMCP_META_KEY } from '../messages/names';
import { HostError } from '../shared/errors';
import { decide, type ToolFacts } from './approval-policy';
import type { ConsentQueue } from './consent-queue';
import type { Taint } from './session-taint';
import type { StandingApprovals } from './standing-approvals';

export interface GateCall {
  assistant: AssistantRef;
  source: SourceRef;
  /** The tool as its server declared it (its own name, not the catalog name). */
  tool: Tool;
  facts: ToolFacts;
  args: Record<string, unknown>;
  signal?: AbortSignal;
  /** The last untrusted content that reached the calling session, if any (session-taint.ts). */
  taint?: Taint;
}

export interface Authorized {
  decision: AuditDecision;
  decidedBy: DecidedBy;
}

const MAX_ARGS_SHOWN = 64 * 1024;

/**
 * Decides whether one tool call may run: by policy, by a remembered decision, or by asking the user.
 * Nothing runs before this resolves; a denial or a timeout throws, so the call never reaches the server.
 */
export class ToolGate {
  constructor(
    private readonly standing: StandingApprovals,
    private readonly queue: ConsentQueue,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
    /** How long after untrusted content a session's calls ask again (a preference; 0 is off). */
    private readonly untrustedWindowMs: () => number = () => 10 * 60_000,
  ) {}

  async authorize(call: GateCall): Promise<Authorized> {
    const { assistant, source, tool } = call;
    const taint = call.taint;
    const tainted = taint && this.now() - taint.at < this.untrustedWindowMs() ? taint.from : undefined;
    const verdict = decide(call.facts, this.standing.get(assistant.id, source.key, tool.name), tainted);
    if (verdict.run) return verdict;
    const why = verdict.taintedBy
      ? { detail: `asked because the assistant had just read untrusted content from ${verdict.taintedBy}` }
      : {};
    const log = (fields: Pick<AuditEntry, 'decision' | 'decidedBy' | 'outcome'>) =>
      void this.audit.record({
        at: this.now(),
        kind: 'approval',
        assistant: assistant.label,
        source: source.label,
        tool: tool.name,
        ...fields,
        ...why,
      });

    let answer: Awaited<ReturnType<ConsentQueue['ask']>>;
    try {
      answer = await this.queue.ask(
        { assistant: assistant.label, source: { kind: source.kind, label: source.label } },
        {
          kind: 'tool',
          tool: tool.name,
          ...(tool.title ? { title: tool.title } : {}),
          description: tool.description ?? '',
          annotations: { ...tool.annotations, ...webmcpAnnotations(tool) },
          argumentsJson: prettyArgs(call.args),
          choices: verdict.choices,
          reason: verdict.reason,
          ...(verdict.taintedBy ? { taintedBy: verdict.taintedBy } : {}),
        },
        call.signal,
      );
    } catch (error) {
      if (error instanceof HostError && error.code === 'approval-timeout') {
        log({ decidedBy: 'timeout', outcome: 'timeout' });
      }
      throw error;
    }
    if (answer.kind !== 'tool') throw new Error('Unexpected answer.');
    const { decision } = answer;
    log({ decision, decidedBy: 'user' });
    if (decision === 'deny') {
      throw new HostError(
        'denied',
        `The user denied the call to "${tool.name}" on ${source.label}. It did not run.`,
      );
    }
    if (decision === 'allow-always' || decision === 'allow-session') {
      await this.standing.remember({
        assistant: assistant.id,
        source: source.key,
        tool: tool.name,
        decision,
        at: this.now(),
      });
    }
    return { decision, decidedBy: 'user' };
  }
}

/** WebMCP hints travel in _meta (see webmcp-hints.ts); the approval page shows them beside MCP's. */
function webmcpAnnotations(tool: Tool): Record<string, unknown> {
  const meta = tool._meta?.[WEBMCP_META_KEY];
  return typeof meta === 'object' && meta !== null ? { ...(meta as Record<string, unknown>) } : {};
}

function prettyArgs(args: Record<string, unknown>): string {
  const text = JSON.stringify(args, null, 2) ?? '{}';
  return text.length > MAX_ARGS_SHOWN
    ? `${text.slice(0, MAX_ARGS_SHOWN)}\n… (${text.length - MAX_ARGS_SHOWN} more characters not shown)`
    : text;
}
