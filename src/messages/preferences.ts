/** A root the user shares with remote servers (MCP roots): a file:// or https:// URI. */
export interface RootEntry {
  uri: string;
  name?: string;
}

/** User preferences that are not grants or servers. Stored as one record in IndexedDB. */
export interface Preferences {
  /** How long an approval waits for the user before the call fails. */
  approvalTimeoutSeconds: number;
  /** Roots offered to servers; none by default, since a browser has no workspace. */
  roots: RootEntry[];
  /** How many audit entries are kept; the oldest are dropped first. */
  auditLimit: number;
  /**
   * For how long after untrusted content (a page, a tool's untrusted result, a server's output) reached an
   * assistant session, every tool call of that session that is not read-only asks. Absent: 10 minutes;
   * 0 turns it off.
   */
  untrustedWindowMinutes?: number;
  /**
   * Where Switchboard's OAuth Client ID Metadata Document is hosted (https, with a path). Authorization
   * servers that support CIMD then know Switchboard by this URL instead of a per-server registration.
   */
  oauthClientMetadataUrl?: string;
}

/** The window, in minutes, for preferences from before it existed too. */
export const untrustedWindowMinutes = (p: Pick<Preferences, 'untrustedWindowMinutes'>): number =>
  p.untrustedWindowMinutes ?? 10;
