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
  decision?: string;
  decidedBy?: DecidedBy;
  /** ok, error, denied, timeout, cancelled; invalid-arguments and unavailable for calls refused unasked. */
  outcome?: string;
  durationMs?: number;
  /** A short human-readable detail, e.g. the error message or what a grant covered. */
  detail?: string;
}
