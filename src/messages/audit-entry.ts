/** Who or what made a decision recorded in the audit log. */
export type DecidedBy =
  | 'user'
  /** A standing decision: Always allow, or Allow for this session. */
  | 'remembered'
  /** The default policy, e.g. a granted read-only site tool runs without asking. */
  | 'policy'
  /** The server's "Allow all tools without asking" setting. */
  | 'server-setting'
  | 'timeout';

export type AuditKind =
  | 'call'
  | 'approval'
  | 'grant'
  | 'revoke'
  | 'block'
  | 'unblock'
  | 'elicitation'
  | 'sampling'
  | 'settings';

/**
 * Every decision code the log records, in one list: a producer cannot write another without adding it here,
 * and `src/audit/audit-wording.ts` cannot compile without words for it.
 */
export const AUDIT_DECISIONS = [
  // tool-call approvals (the user's four answers) and what ran without asking
  'allow-once',
  'allow-session',
  'allow-always',
  'allow',
  'deny',
  // elicitation answers
  'accept',
  'decline',
  'cancel',
  // sampling review
  'approve',
  // settings changes
  'granted',
  'revoked',
  'block',
  'unblock',
  'settings',
] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

/** Every outcome code the log records (see AUDIT_DECISIONS). */
export const AUDIT_OUTCOMES = [
  'ok',
  'error',
  'denied',
  'timeout',
  'cancelled',
  'invalid-arguments',
  'unavailable',
  // a URL elicitation the server reported complete; an elicitation's decline or cancel
  'complete',
  'decline',
  'cancel',
] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One line of the audit log. Only digests of arguments are kept, never the arguments themselves. */
export interface AuditEntry {
  /** Assigned by the store (auto-increment); absent before the entry is written. */
  id?: number;
  at: number;
  kind: AuditKind;
  /** The assistant's label, when an assistant was involved. */
  assistant?: string;
  /** The site origin or the server's name. */
  source: string;
  tool?: string;
  /** "sha256:<first 16 hex>" of the canonical JSON of the arguments. */
  argsDigest?: string;
  /** allow-once, allow-session, allow-always, deny, accept, decline, cancel, granted, revoked… */
  decision?: AuditDecision;
  decidedBy?: DecidedBy;
  /** ok, error, denied, timeout, cancelled; invalid-arguments and unavailable for calls refused unasked. */
  outcome?: AuditOutcome;
  durationMs?: number;
  /** A short human-readable detail, e.g. the error message or what a grant covered. */
  detail?: string;
  /** A page action's tab (calls only): the tab it acted in. */
  tab?: number;
  /**
   * A page action's element as the page labels it (calls only), e.g. `button "Place order"`. Never the
   * typed text: `type` records the field it typed into, not what it typed.
   */
  target?: string;
}

/**
 * What a grant or revoke entry's `tool` says for "Let assistants act on this site" and "Share page
 * content". Not a tool name: those are [A-Za-z0-9_.-] (names.ts), so a space cannot collide with one.
 */
export const GRANT_LABELS = { actions: 'page actions', page: 'page content' } as const;
