import type {
  CallToolResult,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/server';
import type { CallOptions } from '../messages/calls';
import type { TabConnectionState } from '../messages/contract';
import type { Grants } from '../permissions/grants';

/**
 * What the host needs of any server it holds a client for: a tab document's in-page server
 * (TabConnection) or a remote server (RemoteConnection).
 */
export interface ServerConnection {
  readonly id: string;
  /** A tab document's in-page server, a remote server, or one the host runs itself (the browser's tabs). */
  readonly kind: 'tab' | 'remote' | 'builtin';
  /** The key grants are kept under: a tab's origin (from the Port sender), or `server:<id>`. */
  readonly grantKey: string;
  /** The prefix of its tools' catalog names (see naming.ts): siteKey(origin) or serverKey(name). */
  readonly catalogKey: string;
  /** Short name for titles: a site's host, or a server's name. */
  readonly label: string;
  /** What it is, for descriptions shown to models: "the web page https://…", "the MCP server …". */
  readonly source: string;
  readonly state: TabConnectionState | 'reconnecting';
  readonly tools: Tool[];
  readonly resources: Resource[];
  readonly resourceTemplates: ResourceTemplate[];
  readonly prompts: Prompt[];
  lastActive: number;
  /** The server's "Allow all tools without asking" setting; always false for sites. */
  readonly trustsAllTools: boolean;
  /**
   * Whether what it returns is untrusted content (session-taint.ts): a tool's result, or without a tool, its
   * resources. A page's resources always are, and a site's tool results when the site marks them so; a
   * server's are unless the user trusts that server.
   */
  untrusted(tool?: Tool): boolean;
  /** Whether assistants may see and call this tool now. */
  toolAllowed(tool: string, grants: Grants): boolean;
  /** Whether assistants may see and read its resources now. */
  resourcesAllowed(grants: Grants): boolean;
  hasTool(name: string): boolean;
  /** Re-lists, in the background, what outlived the lifetime its server gave it (a remote's ttlMs). */
  freshen?(): void;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
  /**
   * A failed call the user can resolve in the browser (a remote server's -32042, URL elicitation
   * required): asks them, and gives the result to return instead; undefined for any other error.
   */
  userStep?(error: unknown, signal?: AbortSignal): Promise<CallToolResult | undefined>;
  /** A refusal it can tell before anyone is asked (the built-in tabs server: a tab it does not show). */
  precheck?(
    name: string,
    args: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CallToolResult | undefined>;
  readResource(innerUri: string, signal?: AbortSignal): Promise<ReadResourceResult>;
  subscribe(innerUri: string): Promise<void>;
  unsubscribe(innerUri: string): Promise<void>;
  /** The assistant-facing URI of one of its resources, or undefined to keep it out of the catalog. */
  resourceUri(innerUri: string): string | undefined;
  /** The inverse, for URIs it did not list (expanded templates); undefined if not this server's. */
  innerUriOf(hostUri: string): string | undefined;
  close(): Promise<void>;
}
