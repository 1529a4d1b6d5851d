import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { AuditLog } from '../audit/audit-log';
import { argsDigest } from '../audit/audit-log';
import type { Consent } from '../consent/consent';
import type { SessionTaint } from '../consent/session-taint';
import type { AuditEntry } from '../messages/audit-entry';
import type { CallOptions } from '../messages/calls';
import type { AssistantRef, SourceRef } from '../messages/decisions';
import { showsAsActing } from '../messages/page-actions';
import type { Grants } from '../permissions/grants';
import { errorMessage, HostError } from '../shared/errors';
import type { ActingTabs } from './acting-tabs';
import type { ArgumentChecker } from './argument-check';
import type { Catalog } from './catalog';
import { actionTarget, chooseActionTab, pageActionOf, stoppedResult, withoutTabId } from './page-action-call';
import type { ServerConnection } from './server-connection';
import { isTabConnection } from './tab-kind';
import { toolFacts } from './tool-facts';
import { markUntrusted, webmcpHints } from './webmcp-hints';

export interface ToolCallDeps {
  catalog: Catalog;
  grants: Grants;
  consent: Consent;
  audit: AuditLog;
  arguments: ArgumentChecker;
  /** Tabs assistants act on now, and their Stop. */
  acting: ActingTabs;
  now(): number;
}

/**
 * One assistant's tool call, start to end: route the catalog name and check the grant now (not when the
 * list was made), check the arguments against the tool's schema, let the approval policy decide (maybe
 * asking the user), check the grant again after a wait, call the server, and write the call to the audit
 * log whatever happens.
 */
export async function callGrantedTool(
  deps: ToolCallDeps,
  name: string,
  args: Record<string, unknown>,
  options: CallOptions & { assistant: AssistantRef; taint?: SessionTaint },
): Promise<CallToolResult> {
  const started = deps.now();
  const { conn, tool } = routeCall(deps, name, options.assistant.id, args);
  const action = pageActionOf(conn, tool);
  // Let, not const: without a tabId argument, the tab is the site's most recent, which may change while the user decides.
  let tabId = action && isTabConnection(conn) ? conn.identity.tabId : undefined;
  const source: SourceRef = {
    kind: conn.kind === 'tab' ? 'site' : 'server',
    key: conn.grantKey,
    label: conn.kind === 'tab' ? conn.grantKey : conn.label,
  };
  // Not awaited: the log is written in order off the call's path (AuditLog serialises and never throws).
  // The entry, and the digest of the arguments (which nothing changes once the call has ended), are made
  // when its batch is written, after the result has gone.
  const audit = (fields: Pick<AuditEntry, 'decision' | 'decidedBy' | 'outcome' | 'detail' | 'target'>) => {
    const durationMs = deps.now() - started;
    const tab = tabId;
    void deps.audit.record(async () => ({
      at: started,
      kind: 'call' as const,
      assistant: options.assistant.label,
      source: source.label,
      tool: tool.name,
      argsDigest: await argsDigest(args),
      durationMs,
      ...(tab !== undefined ? { tab } : {}),
      ...fields,
    }));
  };

  // Before anyone is asked: an invalid call is the model's mistake, told back so that it can correct it.
  const refused = checkArguments(deps, tool, args);
  if (refused) {
    audit({ outcome: refused.outcome, detail: auditDetail(refused.message) });
    return refused.result;
  }

  const precheck = await conn.precheck?.(tool.name, action ? withoutTabId(args) : args, {
    assistant: options.assistant,
  });
  if (precheck) {
    const said = precheck.content.map((c) => (c.type === 'text' ? c.text : '')).join(' ');
    audit({ outcome: 'invalid-arguments', detail: auditDetail(said) });
    return precheck;
  }

  let authorized: Awaited<ReturnType<Consent['gate']['authorize']>>;
  try {
    authorized = await deps.consent.gate.authorize({
      assistant: options.assistant,
      source,
      tool,
      facts: toolFacts(conn, tool),
      args,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.taint?.last ? { taint: options.taint.last } : {}),
    });
  } catch (error) {
    const code = error instanceof HostError ? error.code : undefined;
    const outcome = code === 'approval-timeout' ? 'timeout' : code === 'denied' ? 'denied' : 'cancelled';
    audit({
      ...(code === 'denied' ? { decision: 'deny', decidedBy: 'user' } : {}),
      ...(code === 'approval-timeout' ? { decidedBy: 'timeout' } : {}),
      outcome,
      detail: errorMessage(error),
    });
    throw error;
  }
  // The user may have taken a while: the grant may be gone, or the tab may have moved on.
  let live: { conn: ServerConnection; tool: Tool };
  try {
    live = routeCall(deps, name, options.assistant.id, args);
  } catch (error) {
    // Logged, so an approval followed by nothing does not read as a call that ran.
    audit({ ...authorized, outcome: 'error', detail: errorMessage(error) });
    throw error;
  }
  // The page may have registered the tool anew while the user decided, with another schema.
  const refusedNow = live.tool === tool ? undefined : checkArguments(deps, live.tool, args);
  if (refusedNow) {
    audit({ ...authorized, outcome: refusedNow.outcome, detail: auditDetail(refusedNow.message) });
    return refusedNow.result;
  }
  live.conn.lastActive = deps.now();
  if (tabId !== undefined && isTabConnection(live.conn)) tabId = live.conn.identity.tabId;
  let result: CallToolResult;
  // The page or server may put its words in an error too: the session has read them either way.
  const untrusted = live.conn.untrusted(live.tool);
  const waitsOnUser = formWait(deps, live, source, options);
  // An action that changes the page shows on the page and in the popup, and the page's Stop aborts it.
  const acting =
    action && showsAsActing(action) && tabId !== undefined
      ? deps.acting.begin(tabId, live.conn.grantKey, options.assistant.label, options.signal)
      : undefined;
  const signal = acting?.signal ?? options.signal;
  try {
    result = await live.conn.callTool(live.tool.name, action ? withoutTabId(args) : args, {
      ...(signal ? { signal } : {}),
      ...(options.onprogress ? { onprogress: options.onprogress } : {}),
      assistant: options.assistant,
    });
  } catch (error) {
    if (untrusted) options.taint?.mark(live.conn.label, deps.now());
    if (acting?.stopped()) {
      audit({ ...authorized, outcome: 'cancelled', detail: 'Stopped by the person on the page' });
      return stoppedResult(live.conn.grantKey);
    }
    const elicited = await live.conn.userStep?.(error, options.signal);
    audit({ ...authorized, outcome: 'error', detail: errorMessage(error) });
    if (elicited) return elicited;
    throw error;
  } finally {
    waitsOnUser?.();
    acting?.end();
  }
  if (untrusted) options.taint?.mark(live.conn.label, deps.now());
  const target = action ? actionTarget(result) : undefined;
  audit({ ...authorized, outcome: result.isError ? 'error' : 'ok', ...(target ? { target } : {}) });
  // An action's result names its tab, so an assistant working in several tabs of one site can tell them apart.
  const from = tabId !== undefined ? `${live.conn.source} (tab ${tabId})` : live.conn.source;
  return webmcpHints(live.tool).untrustedContent ? markUntrusted(result, from) : result;
}

/**
 * A declarative form without toolautosubmit is filled and then waits for the person to submit it: the
 * approval window and the side panel say so (the queue's notices), and so does a progress notification,
 * for assistants that asked for progress. Returns what ends the notice.
 */
function formWait(
  deps: ToolCallDeps,
  live: { conn: ServerConnection; tool: Tool },
  source: SourceRef,
  options: CallOptions & { assistant: AssistantRef },
): (() => void) | undefined {
  const form = webmcpHints(live.tool).form;
  if (!form || form.autosubmit) return undefined;
  const message = `Waiting for you to submit the form on ${live.conn.label}`;
  options.onprogress?.({ progress: 0, message });
  return deps.consent.queue.notice({
    assistant: options.assistant.label,
    source: { kind: source.kind, label: source.label },
    tool: live.tool.name,
    message,
  });
}

function checkArguments(
  deps: ToolCallDeps,
  tool: Tool,
  args: Record<string, unknown>,
): { outcome: 'invalid-arguments' | 'unavailable'; message: string; result: CallToolResult } | undefined {
  const check = deps.arguments.check(tool, args);
  if (check.ok) return undefined;
  return { ...check, result: { isError: true, content: [{ type: 'text', text: check.message }] } };
}

/** The head of a refusal, for the audit log (the whole text went to the assistant). */
const auditDetail = (text: string) => text.split('\n').slice(0, 3).join(' ');

function routeCall(
  deps: ToolCallDeps,
  name: string,
  assistant: string,
  args: Record<string, unknown>,
): { conn: ServerConnection; tool: Tool } {
  const route = deps.catalog.routeTool(name);
  // A site the user limited to other assistants is, to this one, not granted.
  if (!route?.via.toolAllowed(route.tool, deps.grants) || !deps.catalog.allows(route.grantKey, assistant)) {
    throw new HostError(
      'not-granted',
      `Unknown tool "${name}": it does not exist or is not granted. ` +
        'The user can grant a site’s tools in the Switchboard popup.',
    );
  }
  const conn = chooseActionTab(deps.catalog, route, args) ?? deps.catalog.connectionFor(route);
  const tool = conn?.tools.find((t) => t.name === route.tool);
  if (!conn || !tool)
    throw new HostError('tab-gone', `${route.via.source} that offers "${name}" is not connected now.`);
  return { conn, tool };
}
