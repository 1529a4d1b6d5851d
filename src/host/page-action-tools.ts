import type { Tool } from '@modelcontextprotocol/server';
import { WEBMCP_META_KEY } from '../messages/names';
import { PAGE_ACTION_TOOLS, type PageActionName } from '../messages/page-actions';

/**
 * The page actions as MCP tools, built once: the host lists these for every top-frame tab, whatever the
 * page reports (a page cannot re-describe or re-annotate them), and the argument checker compiles each
 * schema once, since it caches per tool object.
 *
 * Every result is the page's own words (its outline, its text after a click, its pixels), so all are
 * untrusted content; the acting ones are consequential, so they ask unless "Always allow".
 */
export const ACTION_TOOLS: readonly Tool[] = PAGE_ACTION_TOOLS.map((action) => ({
  name: action.name,
  title: action.title,
  description: action.description,
  inputSchema: action.inputSchema as Tool['inputSchema'],
  annotations: {
    title: action.title,
    readOnlyHint: action.readOnly,
    ...(action.readOnly ? {} : { destructiveHint: false, openWorldHint: true }),
  },
  _meta: {
    [WEBMCP_META_KEY]: { consequentialHint: !action.readOnly, untrustedContentHint: true, pageAction: true },
  },
}));

const BY_NAME = new Map(ACTION_TOOLS.map((tool) => [tool.name, tool]));

export const actionTool = (name: PageActionName): Tool => BY_NAME.get(name) as Tool;
