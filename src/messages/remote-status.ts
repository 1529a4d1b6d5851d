/** A remote server's live state, as the options page shows it. */
export type RemoteState = 'connecting' | 'connected' | 'error' | 'reconnecting';
export type TransportKind = 'streamable-http' | 'sse';

/** What a person reading the options page sees about the live connection. */
export interface RemoteStatus {
  state: RemoteState;
  error?: string;
  retryAt?: number;
  transport?: TransportKind;
  protocolVersion?: string;
  capabilities?: string[];
  counts: { tools: number; resources: number; prompts: number };
  /**
   * Sign-in, when the host can sign in: 'not-needed' until the server answers 401; 'signed-out' when the
   * user must sign in; 'signed-in' (with the granted scopes) after; 'sign-in-again' when a refresh failed or
   * the server rejected the token; 'refused' when Switchboard will not sign in (e.g. no PKCE S256).
   */
  auth?: AuthStatus;
}

/** Sign-in to one server, as the options page shows it. */
export interface AuthStatus {
  state: 'not-needed' | 'signed-out' | 'signed-in' | 'sign-in-again' | 'refused';
  scopes?: string[];
  /** Who the server says the user is, when the token response or id_token tells (e.g. "ada@example.com"). */
  account?: string;
  error?: string;
}
