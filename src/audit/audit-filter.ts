import type { AuditEntry, AuditKind } from '../messages/audit-entry';

/** Which verdicts to show: what was let through, refused by someone, left to time out, or failed. */
export type AuditOutcomeFilter = 'all' | 'allowed' | 'denied' | 'timeout' | 'error';

export interface AuditFilter {
  kind: AuditKind | 'all';
  outcome: AuditOutcomeFilter;
  /** Matched case-insensitively against assistant, source, tool, a page action's element, and detail. */
  text: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { kind: 'all', outcome: 'all', text: '' };

const ALLOWING = new Set(['allow-once', 'allow-session', 'allow-always', 'allow', 'accept', 'granted']);
const REFUSING = new Set(['deny', 'decline', 'cancel']);

const isTimeout = (e: AuditEntry) => e.outcome === 'timeout' || e.decidedBy === 'timeout';

const OUTCOME_TESTS: Record<AuditOutcomeFilter, (e: AuditEntry) => boolean> = {
  all: () => true,
  allowed: (e) => ALLOWING.has(e.decision ?? ''),
  // An approval that timed out is also a deny; it is listed under "timed out", where the user will look.
  denied: (e) => (REFUSING.has(e.decision ?? '') || e.outcome === 'denied') && !isTimeout(e),
  timeout: isTimeout,
  // A call refused for its arguments, or to a tool that cannot be called, failed: it is listed with errors.
  error: (e) => e.outcome === 'error' || e.outcome === 'invalid-arguments' || e.outcome === 'unavailable',
};

/** The entries that pass every part of the filter, in their original order. */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const text = filter.text.trim().toLowerCase();
  const outcomeTest = OUTCOME_TESTS[filter.outcome];
  return entries.filter(
    (e) =>
      (filter.kind === 'all' || e.kind === filter.kind) &&
      outcomeTest(e) &&
      (text === '' ||
        [e.assistant, e.source, e.tool, e.target, e.detail].some((field) =>
          field?.toLowerCase().includes(text),
        )),
  );
}
