import type { TabStateView, ToolGrantView } from '../messages/contract';
import type { StandingApproval } from '../messages/decisions';
import type { Grants } from '../permissions/grants';
import type { TabConnection } from './tab-connection';
import type { VisibleTab } from './tabs-listing';
import { webmcpHints } from './webmcp-hints';

/**
 * The popup's view of one tab: the site's own tools with their grants and remembered decisions, its
 * frames' tools (a same-origin frame's join the page's list, others' are shown apart, under their origin),
 * the page and action grants, and who acts on it now.
 */
export function tabStateOf(
  tabId: number,
  conn: TabConnection | undefined,
  all: Iterable<TabConnection>,
  grants: Grants,
  /** Read once for the tab, not once a tool. */
  standing: StandingApproval[],
  acting: string[],
): TabStateView {
  if (!conn)
    return {
      tabId,
      origin: null,
      state: 'unavailable',
      tools: [],
      pageContentGranted: false,
      actionsGranted: false,
    };
  // Frames of this tab with tools: a same-origin one's join the page's list, others' are shown apart.
  const frames = new Map<string, Map<string, ToolGrantView>>();
  const own = new Map(
    conn.siteTools.map((tool) => [tool.name, toolView(grants, conn.origin, tool, standing)]),
  );
  for (const frame of all) {
    if (frame.identity.tabId !== tabId || frame === conn) continue;
    const into = frame.origin === conn.origin ? own : (frames.get(frame.origin) ?? new Map());
    for (const tool of frame.siteTools) into.set(tool.name, toolView(grants, frame.origin, tool, standing));
    if (frame.origin !== conn.origin && into.size > 0) frames.set(frame.origin, into);
  }
  const limit = grants.assistantsOf(conn.origin);
  return {
    tabId,
    origin: conn.origin,
    ...(grants.isBlocked(conn.origin) ? { blocked: true } : {}),
    state: conn.state,
    ...(conn.error && conn.state === 'error' ? { error: conn.error } : {}),
    tools: [...own.values()],
    pageContentGranted: grants.isPageGranted(conn.origin),
    actionsGranted: grants.isActionsGranted(conn.origin),
    ...(grants.isActionsPaused(conn.origin) ? { actionsPaused: true } : {}),
    ...(acting.length > 0 ? { actingNow: acting } : {}),
    ...(limit ? { assistantsLimit: limit } : {}),
    ...(frames.size > 0
      ? {
          frames: [...frames].map(([origin, tools]) => ({
            origin,
            ...(grants.isBlocked(origin) ? { blocked: true } : {}),
            tools: [...tools.values()],
          })),
        }
      : {}),
  };
}

function toolView(
  grants: Grants,
  origin: string,
  tool: TabConnection['tools'][number],
  standing: StandingApproval[],
): ToolGrantView {
  return {
    name: tool.name,
    ...(tool.title ? { title: tool.title } : {}),
    description: tool.description ?? '',
    readOnly: tool.annotations?.readOnlyHint === true,
    ...webmcpHints(tool),
    granted: grants.isToolGranted(origin, tool.name),
    ...remembered(standing, origin, tool.name),
  };
}

/** The standing decisions one site tool has, for the popup to say who it runs for without asking. */
function remembered(
  all: StandingApproval[],
  origin: string,
  tool: string,
): Pick<ToolGrantView, 'remembered'> {
  const mine = all.filter((a) => a.source === origin && a.tool === tool);
  return mine.length > 0
    ? { remembered: mine.map(({ assistant, decision }) => ({ assistant, decision })) }
    : {};
}

/**
 * The tabs an assistant may know of: top frames of sites that share something with it. URL and title come
 * from each page's own metadata (the worker has no "tabs" permission, so the browser does not tell it).
 */
export function visibleTabsOf(
  all: Iterable<TabConnection>,
  grants: Grants,
  assistant: string | undefined,
): Promise<VisibleTab[]> {
  const tops = [...all].filter(
    (c) =>
      c.identity.frameId === 0 &&
      c.state === 'connected' &&
      grants.sharesAnything(c.origin) &&
      (assistant === undefined || grants.allowsAssistant(c.origin, assistant)),
  );
  return Promise.all(
    tops.map(async (c) => ({ tabId: c.identity.tabId, origin: c.origin, ...(await c.describe()) })),
  );
}
