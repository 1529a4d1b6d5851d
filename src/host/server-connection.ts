import type { CallToolResult, ReadResourceResult, Resource, Tool } from '@modelcontextprotocol/server';
import type { TabConnectionState } from '../messages/contract';

/**
 * What the host needs of any server it holds a client for. Today only TabConnection (one per tab
 * document); remote servers (Streamable HTTP, legacy SSE) implement the same interface next.
 */
export interface ServerConnection {
  readonly id: string;
  readonly kind: 'tab' | 'remote';
  /** The key grants are kept under: a tab's origin (from the Port sender), later a remote server's id. */
  readonly grantKey: string;
  /** The prefix of its tools' catalog names (see naming.ts): siteKey(origin) or serverKey(name). */
  readonly catalogKey: string;
  /** Short name for titles: a site's host, or a server's name. */
  readonly label: string;
  /** What it is, for descriptions shown to models: "the web page https://…", later "the MCP server …". */
  readonly source: string;
  readonly state: TabConnectionState;
  readonly tools: Tool[];
  readonly resources: Resource[];
  lastActive: number;
  hasTool(name: string): boolean;
  callTool(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult>;
  readResource(innerUri: string, signal?: AbortSignal): Promise<ReadResourceResult>;
  subscribe(innerUri: string): Promise<void>;
  unsubscribe(innerUri: string): Promise<void>;
  /** The assistant-facing URI of one of its resources, or undefined to keep it out of the catalog. */
  resourceUri(innerUri: string): string | undefined;
  close(): Promise<void>;
}
