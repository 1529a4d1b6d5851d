import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import { catalogName, siteKey, tabConnectionId } from '../messages/names';
import { ACTION_META_KEY, isPageAction, type PageActionName } from '../messages/page-actions';
import { HostError } from '../shared/errors';
import type { Catalog, ToolRoute } from './catalog';
import type { ServerConnection } from './server-connection';
import { isTabConnection } from './tab-kind';

/** The page action a call is, when it is one: the host's own tool on a tab's top frame. */
export function pageActionOf(conn: ServerConnection, tool: Tool): PageActionName | undefined {
  return isTabConnection(conn) && conn.offersActions && isPageAction(tool.name) ? tool.name : undefined;
}

/**
 * The connection an action goes to. With `tabId`, that tab's top frame, which must be of the site the
 * catalog name says (an assistant cannot reach another site's tab through this site's grant); without it,
 * the most recently active tab of the site, as for every other site tool.
 */
export function chooseActionTab(
  catalog: Catalog,
  route: ToolRoute,
  args: Record<string, unknown>,
): ServerConnection | undefined {
  const tabId = args.tabId;
  if (typeof tabId !== 'number' || !isPageAction(route.tool) || !isTabConnection(route.via)) return undefined;
  const conn = catalog.connectionById(tabConnectionId(tabId));
  if (conn && conn.state === 'connected' && conn.grantKey === route.grantKey) return conn;
  const other = isTabConnection(conn) ? conn.origin : undefined;
  throw new HostError(
    'not-granted',
    other
      ? `Tab ${tabId} shows ${other}, not ${route.grantKey}: use that site's tool (${catalogName(siteKey(other), route.tool)}), if the user granted it.`
      : `There is no tab ${tabId} of ${route.grantKey} that Switchboard shows you. tabs_list names the tabs you can use.`,
  );
}

/** The arguments as the page's action takes them: which tab is the host's business. */
export function withoutTabId(args: Record<string, unknown>): Record<string, unknown> {
  const { tabId: _tabId, ...rest } = args;
  return rest;
}

/** The element the page says it acted on, for the audit log (its label, never the typed text). */
export function actionTarget(result: CallToolResult): string | undefined {
  const meta = result._meta?.[ACTION_META_KEY];
  const target =
    typeof meta === 'object' && meta !== null ? (meta as { target?: unknown }).target : undefined;
  return typeof target === 'string' && target !== '' ? target.slice(0, 200) : undefined;
}

/** What the assistant reads when the person pressed Stop on the page. */
export function stoppedResult(site: string): CallToolResult {
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: `The person pressed Stop on the page: the action was cancelled, and assistants may not act on ${site} again this browser session unless the person turns it back on. Do not retry; ask them what they want instead.`,
      },
    ],
  };
}
