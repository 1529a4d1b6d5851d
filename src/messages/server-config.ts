/** Per-server OAuth settings the user may enter in options (all optional; discovery does the rest). */
export interface OAuthServerSettings {
  /** Pre-registered client credentials: used before CIMD and dynamic registration. */
  clientId?: string;
  clientSecret?: string;
}

/** A remote MCP server the user added (stored in IndexedDB). */
export interface RemoteServerConfig {
  id: string;
  name: string;
  url: string;
  /** Extra request headers, e.g. an API key. Sent only to this server. */
  headers: Record<string, string>;
  enabled: boolean;
  /** "Allow all tools without asking": calls skip the approval policy (off unless the user ticks it). */
  allowAllTools: boolean;
  /**
   * "Trust what this server returns": its results and resources do not count as untrusted content, which
   * makes an assistant's next calls ask again (off unless the user ticks it).
   */
  trustedContent?: boolean;
  createdAt: number;
  /** Pre-registered OAuth client credentials, when the server's authorization server needs them. */
  oauth?: OAuthServerSettings;
}
