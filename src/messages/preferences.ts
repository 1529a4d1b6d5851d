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
   * Where Switchboard's OAuth Client ID Metadata Document is hosted (https, with a path). Authorization
   * servers that support CIMD then know Switchboard by this URL instead of a per-server registration.
   */
  oauthClientMetadataUrl?: string;
}
