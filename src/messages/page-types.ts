/** An error crossing a boundary as data; rethrown on the other side (see CONVENTIONS: Errors). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
}

/** A WebMCP tool as the page world reports it to our isolated world (JSON-safe, size-checked). */
export interface PageToolDescriptor {
  name: string;
  title?: string;
  description: string;
  /** JSON Schema object; the bridge has already parsed the page's string form. */
  inputSchema: Record<string, unknown>;
  annotations: {
    readOnlyHint?: boolean;
    consequentialHint?: boolean;
    untrustedContentHint?: boolean;
  };
}
