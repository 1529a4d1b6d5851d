import {
  getToolUiResourceUri,
  isToolVisibilityAppOnly,
  RESOURCE_MIME_TYPE,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import type { ClientCapabilities, Tool } from '@modelcontextprotocol/client';

/**
 * MCP Apps (`io.modelcontextprotocol/ui`, stable 2026-01-26): the names and the visibility rules, here at the
 * bottom because both the host (what each assistant is offered) and the side panel (what its model is
 * offered, what its apps may call) read them. The predicates are the official SDK's (ext-apps/app-bridge).
 */
export const MCP_APPS_EXTENSION = 'io.modelcontextprotocol/ui';
export const MCP_APP_MIME_TYPE: string = RESOURCE_MIME_TYPE;

/** What the host's clients (to servers) and the side panel (to the host) declare: HTML apps. */
export const MCP_APPS_CAPABILITY = {
  extensions: { [MCP_APPS_EXTENSION]: { mimeTypes: [RESOURCE_MIME_TYPE] } },
} satisfies ClientCapabilities;

/** Whether a client said it renders MCP Apps (the extension, with the HTML profile). */
export function rendersMcpApps(capabilities: ClientCapabilities | undefined): boolean {
  const declared = capabilities?.extensions?.[MCP_APPS_EXTENSION];
  const mimeTypes = declared && typeof declared === 'object' ? declared.mimeTypes : undefined;
  return Array.isArray(mimeTypes) && mimeTypes.includes(RESOURCE_MIME_TYPE);
}

/** The tool's `ui://` resource, or undefined (none, or not a ui:// URI: then it is a plain tool). */
export function toolAppUri(tool: Partial<Tool>): string | undefined {
  try {
    return getToolUiResourceUri(tool);
  } catch {
    return undefined;
  }
}

function visibility(tool: Partial<Tool>): unknown[] | undefined {
  const ui = tool._meta?.ui;
  const value = ui && typeof ui === 'object' ? (ui as { visibility?: unknown }).visibility : undefined;
  return Array.isArray(value) ? value : undefined;
}

/**
 * A `visibility` without "model": the agent must never be offered it ("Host MUST NOT include tools in the
 * agent's tool list when their visibility does not include model"). The SDK's helper recognises exactly
 * `["app"]`; an empty list is hidden too, as the spec's wording says.
 */
export function hiddenFromModel(tool: Partial<Tool>): boolean {
  const v = visibility(tool);
  return isToolVisibilityAppOnly(tool) || (v !== undefined && !v.includes('model'));
}

/** Whether an app may call it: the default visibility is both; one without "app" (`["model"]`) is not. */
export function visibleToApps(tool: Partial<Tool>): boolean {
  const v = visibility(tool);
  return v === undefined || v.includes('app');
}

/** The tools a model may be offered: every one but the app-only ones. */
export const modelTools = <T extends Partial<Tool>>(tools: T[]): T[] => tools.filter((t) => !hiddenFromModel(t));
