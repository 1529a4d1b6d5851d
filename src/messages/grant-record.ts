/** A stored grant: this origin's tool (or its page content) is shared with assistants. */
export interface GrantRecord {
  origin: string;
  /** "tool:<name>", "page", or "blocked". A string so it can be part of an IndexedDB compound key. */
  target: string;
  grantedAt: number;
}
