/**
 * The side-panel assistant's conversation, as stored (IndexedDB) and shown. Model-facing messages are
 * derived from these (see chat-engine.ts), so what the user sees and what the model saw cannot drift.
 */

export type ToolCallStatus =
  /** The host asked the user (approval window); the call has not run. */
  | 'waiting-approval'
  | 'running'
  | 'done'
  /** The tool ran and reported an error, or the host refused it (denied, timed out, not granted). */
  | 'error'
  /** The user pressed Stop while it ran. */
  | 'cancelled';

export interface ToolCallItem {
  /** The provider's tool call id. */
  id: string;
  /** The catalog name the host knows it by ("example.com__search"). */
  tool: string;
  /** A readable title, if the host gave one. */
  title?: string;
  args: Record<string, unknown>;
  status: ToolCallStatus;
  /** While it runs, what it waits on ("Waiting for you to submit the form on …"); shown, never stored. */
  note?: string;
  /**
   * While it runs, the latest progress the server reported ("40% — Indexing files": a task's status
   * message, or notifications/progress). Dropped when the call settles; never written to the store.
   */
  progress?: string;
  /** The result's text (content blocks joined), or the error message. */
  result?: string;
  /** structuredContent, when the tool returned some. */
  structured?: unknown;
}

export type ChatItem =
  | { kind: 'user'; id: string; text: string; at: number; attachments?: Attachment[] }
  | { kind: 'assistant'; id: string; text: string; at: number; toolCalls: ToolCallItem[]; model?: string }
  /** Something the user should know that is not part of the conversation (truncation, provider errors). */
  | { kind: 'notice'; id: string; text: string; at: number; tone: 'info' | 'error' };

/** A page's content attached to a message ("Attach this page"): a resource read through the host. */
export interface Attachment {
  uri: string;
  title: string;
  /** The page's origin, as the model is told where the data comes from. */
  source?: string;
  /** The Markdown, possibly shortened to fit the model's context (then `truncated`). */
  text: string;
  truncated?: boolean;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Which provider answered last (its id), so a resumed conversation keeps its model. */
  providerId?: string;
  items: ChatItem[];
}

export type ProviderKind = 'openai-compatible' | 'anthropic';

/** A model endpoint the user configured. The API key stays in local extension storage. */
export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  name: string;
  /** e.g. https://api.openai.com/v1, http://localhost:11434/v1, https://api.anthropic.com/v1 */
  baseURL: string;
  model: string;
  /**
   * Only in memory, on its way to the model or from the form: saved keys live among the secrets
   * (src/assistant/provider-store.ts), never in extension storage.
   */
  apiKey?: string;
  /** Whether a key is saved for it (what the local extension storage area says instead of the key). */
  hasKey?: boolean;
  /** When it was last saved: changes with every save, so that readers hear of a new key. */
  savedAt?: number;
  /** The model's context window in tokens; the conversation is shortened to fit it. */
  contextTokens: number;
  /** Whether the model can call tools (most can; some local models cannot). */
  supportsTools: boolean;
}
