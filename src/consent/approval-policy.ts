import type { AuditDecision, DecidedBy } from '../messages/audit-entry';
import type { ApprovalDecision } from '../messages/decisions';

/** What the policy needs to know about one tool of one server. */
export interface ToolFacts {
  kind: 'site' | 'server';
  /** The server's "Allow all tools without asking" setting (never true for sites). */
  trustsAllTools: boolean;
  /** readOnlyHint: true. */
  readOnly: boolean;
  /** WebMCP consequentialHint or MCP destructiveHint: true. Explicit hints only, see below. */
  risky: boolean;
  /**
   * Switchboard's own tools: the page actions (on a site), and the browser's tabs (a server the host runs).
   * Their reasons name what they do, and the browser's read-only tab list runs like a site's read-only tool.
   */
  builtIn?: 'page-action' | 'browser';
}

const RISKY_REASON = {
  site: 'The site marks this tool as consequential, so Switchboard asks every time unless you choose Always allow.',
  server:
    'The server marks this tool as destructive, so Switchboard asks every time unless you choose Always allow.',
  'page-action':
    'It acts on the page as you would (clicks, types, chooses), so Switchboard asks every time unless you choose Always allow for this site and assistant.',
  browser:
    'It opens, switches, navigates or closes your tabs, so Switchboard asks every time unless you choose Always allow.',
} as const;

export type Verdict =
  | { run: true; decision: AuditDecision; decidedBy: DecidedBy }
  | { run: false; choices: ApprovalDecision[]; reason: string; taintedBy?: string };

/**
 * When a call may run without asking. Grants decide what an assistant can see at all; this decides
 * whether a visible tool runs now. MCP's own default for an unannotated tool is destructiveHint: true,
 * which would make every unannotated server tool ask on every call: the nagging users complain of most.
 * So only an explicit hint makes a tool "risky"; the rest ask once and remember what the user chose.
 */
export function decide(
  facts: ToolFacts,
  standing: 'allow-always' | 'allow-session' | undefined,
  /** Where untrusted content came from that just reached this session (session-taint.ts), if it did. */
  taintedBy?: string,
): Verdict {
  // The user's own "Allow all tools without asking" for this server stays as it was.
  if (facts.trustsAllTools) return { run: true, decision: 'allow', decidedBy: 'server-setting' };
  // Read-only tools keep running; anything that may change something asks, whatever was remembered.
  // Only "Allow once" is offered: a standing answer would not be used while the session is tainted.
  if (taintedBy !== undefined && !facts.readOnly) {
    return {
      run: false,
      choices: ['allow-once', 'deny'],
      reason: `This assistant just read content from ${taintedBy}, which could be steering it. For a while after that, Switchboard asks before any tool that may change something, even one you always allow.`,
      taintedBy,
    };
  }
  if (facts.risky) {
    if (standing === 'allow-always') return { run: true, decision: standing, decidedBy: 'remembered' };
    return {
      run: false,
      choices: ['allow-once', 'allow-always', 'deny'],
      reason: RISKY_REASON[facts.builtIn ?? facts.kind],
    };
  }
  if ((facts.kind === 'site' || facts.builtIn === 'browser') && facts.readOnly)
    return { run: true, decision: 'allow', decidedBy: 'policy' };
  if (standing) return { run: true, decision: standing, decidedBy: 'remembered' };
  return {
    run: false,
    choices: ['allow-once', 'allow-session', 'allow-always', 'deny'],
    reason:
      facts.kind === 'site'
        ? 'This site tool may change something, and you have not allowed it for this assistant yet.'
        : 'This is the first use of this server tool by this assistant.',
  };
}
