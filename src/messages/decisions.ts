/** The four answers a user can give to a tool-call approval. */
export type ApprovalDecision = 'allow-once' | 'allow-session' | 'allow-always' | 'deny';

/** Who is asking: an assistant session. `id` keys standing decisions; `label` is what the user reads. */
export interface AssistantRef {
  id: string;
  label: string;
}

/** Where the tool lives: a site (its origin) or a remote server (its grant key "server:<id>"). */
export interface SourceRef {
  kind: 'site' | 'server';
  /** The origin for a site, "server:<id>" for a server. Keys grants and standing decisions. */
  key: string;
  /** What the user reads: the origin, or the server's name. */
  label: string;
}

/** A standing "Always allow" (persisted in IndexedDB) or "Allow for this session" (the browser's session storage). */
export interface StandingApproval {
  assistant: string;
  source: string;
  tool: string;
  decision: 'allow-always' | 'allow-session';
  at: number;
}

/** The one key a standing decision is kept under: assistant × source × tool. */
export const approvalKey = (a: Pick<StandingApproval, 'assistant' | 'source' | 'tool'>): string =>
  JSON.stringify([a.assistant, a.source, a.tool]);
