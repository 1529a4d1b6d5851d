import type { Tool } from '@modelcontextprotocol/server';

/**
 * WebMCP annotations MCP has no field for travel in the tool's _meta under this key; readOnlyHint maps
 * to MCP's own annotations.readOnlyHint.
 */
export const WEBMCP_META_KEY = 'dev.switchboard/webmcp';

export interface WebMcpHints {
  consequential: boolean;
  untrustedContent: boolean;
}

export function webmcpHints(tool: Pick<Tool, '_meta'> | undefined): WebMcpHints {
  const meta = tool?._meta?.[WEBMCP_META_KEY];
  const hints = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
  return {
    consequential: hints.consequentialHint === true,
    untrustedContent: hints.untrustedContentHint === true,
  };
}
