/** The WebMCP API shapes (webmachinelearning/webmcp IDL), as the polyfill and the bridge use them. */

export interface ToolAnnotationsInit {
  readOnlyHint?: boolean;
  untrustedContentHint?: boolean;
  consequentialHint?: boolean;
  debugging?: boolean;
}

export interface ModelContextTool {
  name: string;
  title?: string;
  description: string;
  inputSchema?: object;
  execute: (input: unknown, options: { signal: AbortSignal }) => unknown;
  annotations?: ToolAnnotationsInit;
}

export interface RegisteredTool {
  name: string;
  title: string;
  description: string;
  inputSchema?: object;
  window: unknown;
  origin: string;
  annotations?: Required<ToolAnnotationsInit>;
}

export interface ModelContextApi extends EventTarget {
  registerTool(
    tool: ModelContextTool,
    options?: { signal?: AbortSignal; exposedTo?: string[] },
  ): Promise<undefined>;
  getTools(options?: { fromOrigins?: string[] }): Promise<RegisteredTool[]>;
  executeTool(
    tool: RegisteredTool,
    input?: object,
    options?: { signal?: AbortSignal },
  ): Promise<string | null>;
}

/** What the polyfill needs from a window; a real Window satisfies it, and so does Node's globalThis. */
export interface PolyfillWindow {
  document: object;
  location: { origin: string };
  isSecureContext: boolean;
  EventTarget: typeof EventTarget;
  Event: typeof Event;
  DOMException: typeof DOMException;
  AbortController: typeof AbortController;
  setTimeout: (cb: () => void, ms?: number) => unknown;
  /** Used, when present, to queue tasks: unlike timers it is not throttled in background tabs. */
  MessageChannel?: typeof MessageChannel;
  console: Pick<Console, 'error'>;
}
