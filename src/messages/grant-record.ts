/** A stored grant: this origin's tool (or its page content) is shared with assistants. */
export interface GrantRecord {
  origin: string;
  /**
   * "tool:<name>", "page", "blocked", or "assistants" (the assistants this origin's grants are limited
   * to). A string so it can be part of an IndexedDB compound key.
   */
  target: string;
  grantedAt: number;
  /** Only on the "assistants" record: the assistant ids (AssistantRef.id) its grants are for. */
  assistants?: string[];
}
