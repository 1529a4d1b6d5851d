import type { Tool } from '@modelcontextprotocol/server';
import type { ToolFacts } from '../consent/approval-policy';
import { isPageAction } from '../messages/page-actions';
import type { ServerConnection } from './server-connection';
import { webmcpHints } from './webmcp-hints';

/** The approval policy's view of one tool: where it lives and what it declares about itself. */
export function toolFacts(conn: ServerConnection, tool: Tool): ToolFacts {
  const builtIn =
    conn.kind === 'builtin'
      ? ('browser' as const)
      : conn.kind === 'tab' && isPageAction(tool.name) && webmcpHints(tool).pageAction
        ? ('page-action' as const)
        : undefined;
  return {
    ...(builtIn ? { builtIn } : {}),
    kind: conn.kind === 'tab' ? 'site' : 'server',
    trustsAllTools: conn.trustsAllTools,
    readOnly: tool.annotations?.readOnlyHint === true,
    risky: webmcpHints(tool).consequential || tool.annotations?.destructiveHint === true,
  };
}
