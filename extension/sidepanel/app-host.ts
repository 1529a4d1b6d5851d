import type { CallToolResult, Client, Tool } from '@modelcontextprotocol/client';
import type { McpUiUpdateModelContextRequest } from '@modelcontextprotocol/ext-apps/app-bridge';
import browser from 'webextension-polyfill';
import { appResourceOf } from '../../src/assistant/apps/app-resource';
import {
  appContextAttachment,
  appResourceHostUri,
  appServerKey,
  appText,
  decideAppResourceRead,
  decideAppToolCall,
  toolAppUri,
} from '../../src/assistant/apps/app-routing';
import type { Attachment, ToolCallItem } from '../../src/messages/chat-types';
import { parseCatalogName } from '../../src/messages/names';
import type { AppHost } from '../../src/ui/chat/app-frame';

export interface AppHostDeps {
  /** The panel's client of the host and the tools it lists now (read at each request, not at the start). */
  current(): { client: Client | undefined; tools: Tool[] };
  /** Puts text in the message box. */
  draft(text: string): void;
  /** Adds (or replaces) an attachment for the next message. */
  attach(attachment: Attachment): void;
}

/**
 * What an app in the panel may do, wired to the panel's own client of the host: its tool calls are the
 * panel's calls (the same assistant, so the same grants, approvals and audit log), after the decisions of
 * src/assistant/apps/app-routing.ts. Undefined for a call whose tool has no app.
 */
export function appHostFor(call: ToolCallItem, tool: Tool, deps: AppHostDeps): AppHost | undefined {
  const uiUri = toolAppUri(tool);
  const key = appServerKey(call.tool);
  const hostUri = uiUri && appResourceHostUri(call.tool, uiUri);
  if (!uiUri || !key || !hostUri) return undefined;
  const client = () => {
    const c = deps.current().client;
    if (!c) throw new Error('Switchboard is reconnecting; try again in a moment.');
    return c;
  };
  const server = parseCatalogName(call.tool)?.source;
  const serverName = server?.kind === 'server' ? server.name : key;
  return {
    load: async () => appResourceOf(await client().readResource({ uri: hostUri }), hostUri),
    callTool: async (name, args, signal) => {
      const decided = decideAppToolCall(key, deps.current().tools, name);
      if (!decided.ok) throw new Error(decided.reason);
      // Long: the host may wait for the user's approval before it runs (as for the model's calls).
      return (await client().callTool(
        { name: decided.value, arguments: args },
        { signal, timeout: 3_600_000 },
      )) as CallToolResult;
    },
    readResource: async (uri, signal) => {
      const decided = decideAppResourceRead(key, uri);
      if (!decided.ok) throw new Error(decided.reason);
      const read = await client().readResource({ uri: decided.value }, { signal });
      // The app knows its resources by the server's URIs, not the host's.
      return { ...read, contents: read.contents.map((c) => ({ ...c, uri })) };
    },
    message: (text) => {
      const clean = appText([{ type: 'text', text }]);
      if (clean) deps.draft(clean);
    },
    updateContext: (params: McpUiUpdateModelContextRequest['params']) => {
      const attachment = appContextAttachment(call.id, call.title ?? tool.name, serverName, params);
      if (attachment) deps.attach(attachment);
    },
    openLink: (url) => void browser.tabs.create({ url }),
  };
}
