import {
  type AuditDecision,
  type AuditEntry,
  type AuditKind,
  type AuditOutcome,
  type DecidedBy,
  GRANT_LABELS,
} from '../messages/audit-entry';
import { hostOf } from '../shared/readable-name';

/**
 * The audit log in words, in one place: the Activity table reads nothing else. Records keyed by the code
 * unions in audit-entry.ts, so a new code does not compile until it has words here.
 */
export const AUDIT_KIND_WORDS: Record<AuditKind, string> = {
  call: 'Tool call',
  approval: 'Approval',
  grant: 'Site access given',
  revoke: 'Site access removed',
  block: 'Site blocked',
  unblock: 'Site unblocked',
  elicitation: 'Question from a server',
  sampling: 'Model request from a server',
  settings: 'Settings',
};

/** What the user did, said of the user ("… by you"). */
const BY_YOU: Record<AuditDecision, string> = {
  'allow-once': 'Allowed once by you',
  'allow-session': 'Allowed for this session by you',
  'allow-always': 'Always allowed by you',
  allow: 'Allowed by you',
  deny: 'Denied by you',
  accept: 'Answered by you',
  decline: 'Declined by you',
  cancel: 'Cancelled by you',
  approve: 'Approved by you',
  granted: 'Given by you',
  revoked: 'Removed by you',
  block: 'Blocked by you',
  unblock: 'Unblocked by you',
  settings: 'Changed by you',
};

/** Why something ran, or ended, without the user answering then. */
const NOT_ASKED: Record<Exclude<DecidedBy, 'user'>, (decision: AuditDecision | undefined) => string> = {
  remembered: (decision) =>
    decision === 'allow-session'
      ? 'Ran without asking: you allowed it for this session'
      : 'Ran without asking: you chose Always allow',
  policy: () => 'Ran without asking: read-only',
  'server-setting': () => 'Ran without asking: the server may use all its tools',
  timeout: () => 'Not answered in time',
};

export type AuditTone = 'ok' | 'warn' | 'err' | 'info';

export const AUDIT_OUTCOME_WORDS: Record<AuditOutcome, { text: string; tone: AuditTone }> = {
  ok: { text: 'Done', tone: 'ok' },
  error: { text: 'Failed', tone: 'err' },
  denied: { text: 'Did not run', tone: 'warn' },
  timeout: { text: 'Timed out', tone: 'warn' },
  cancelled: { text: 'Cancelled', tone: 'warn' },
  'invalid-arguments': { text: 'Refused: the request did not fit the tool', tone: 'err' },
  unavailable: { text: 'Refused: this tool cannot be used', tone: 'err' },
  complete: { text: 'Finished in the browser', tone: 'ok' },
  decline: { text: 'Declined', tone: 'warn' },
  cancel: { text: 'Cancelled', tone: 'warn' },
};

/**
 * The decision as a sentence, or undefined when nobody decided anything. Entries are read back from
 * storage written by older versions, so an unknown code is shown as it is rather than hidden.
 */
export function auditDecisionWords(entry: Pick<AuditEntry, 'decision' | 'decidedBy'>): string | undefined {
  const { decision, decidedBy } = entry;
  if (decidedBy && decidedBy !== 'user') return NOT_ASKED[decidedBy]?.(decision) ?? decidedBy;
  if (decision === undefined) return undefined;
  return BY_YOU[decision] ?? decision;
}

export function auditOutcomeWords(
  outcome: string | undefined,
): { text: string; tone: AuditTone } | undefined {
  if (outcome === undefined) return undefined;
  return AUDIT_OUTCOME_WORDS[outcome as AuditOutcome] ?? { text: outcome, tone: 'info' };
}

/**
 * The entry's "what" as one phrase, where kind + tool + source would read badly: the action grant
 * ("Let assistants act on shop.example"), and a page action's call with its element and tab
 * ("click on button "Place order" in tab 12"). Undefined: show the kind, tool and source as they are.
 */
export function auditWhatWords(
  entry: Pick<AuditEntry, 'kind' | 'source' | 'tool' | 'target' | 'tab'>,
): string | undefined {
  const site = (hostOf(entry.source) ?? entry.source).replace(/^www\./, '');
  if (entry.tool === GRANT_LABELS.actions) {
    if (entry.kind === 'grant') return `Let assistants act on ${site}`;
    if (entry.kind === 'revoke') return `Stopped assistants acting on ${site}`;
  }
  if (entry.kind !== 'call' || !entry.tool || (entry.target === undefined && entry.tab === undefined)) {
    return undefined;
  }
  const on = entry.target ? ` on ${entry.target}` : '';
  const where = entry.tab !== undefined ? ` in tab ${entry.tab}` : '';
  return `${entry.tool}${on}${where}`;
}
