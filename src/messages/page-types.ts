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
  /** A declarative tool (`<form toolname>`): whether the form submits itself (`toolautosubmit`). */
  form?: { autosubmit: boolean };
}
