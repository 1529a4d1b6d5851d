import type { ClientCapabilities, Tool } from '@modelcontextprotocol/client';
import { EXTENSION_ID, getUiCapability, RESOURCE_MIME_TYPE } from '@modelcontextprotocol/ext-apps/server';

/**
 * MCP Apps (`io.modelcontextprotocol/ui`, stable 2026-01-26): the names and the visibility rules, here at the
 * bottom because both the host (what each assistant is offered) and the side panel (what its model is
 * offered, what its apps may call) read them. The names come from the SDK's server entry, which is a few
 * constants with no imports: the worker loads this file, and must not load the SDK's schemas for it.
 */
export const MCP_APPS_EXTENSION: string = EXTENSION_ID;
export const MCP_APP_MIME_TYPE: string = RESOURCE_MIME_TYPE;

/** What the host's clients (to servers) and the side panel (to the host) declare: HTML apps. */
export const MCP_APPS_CAPABILITY = {
  extensions: { [EXTENSION_ID]: { mimeTypes: [RESOURCE_MIME_TYPE] } },
} satisfies ClientCapabilities;

/** Whether a client said it renders MCP Apps (the extension, with the HTML profile). */
export function rendersMcpApps(capabilities: ClientCapabilities | undefined): boolean {
  const mimeTypes = getUiCapability(capabilities)?.mimeTypes;
  return Array.isArray(mimeTypes) && mimeTypes.includes(RESOURCE_MIME_TYPE);
}

function visibility(tool: Partial<Tool>): unknown[] | undefined {
  const ui = tool._meta?.ui;
  const value = ui && typeof ui === 'object' ? (ui as { visibility?: unknown }).visibility : undefined;
  return Array.isArray(value) ? value : undefined;
}

/**
 * A `visibility` without "model": the agent must never be offered it ("Host MUST NOT include tools in the
 * agent's tool list when their visibility does not include model"). The SDK's `isToolVisibilityAppOnly`
 * says the same of `["app"]` (the unit test holds this to it) and nothing of an empty list, which the
 * spec's wording hides too.
 */
export function hiddenFromModel(tool: Partial<Tool>): boolean {
  const v = visibility(tool);
  return v !== undefined && !v.includes('model');
}

/** Whether an app may call it: the default visibility is both; one without "app" (`["model"]`) is not. */
export function visibleToApps(tool: Partial<Tool>): boolean {
  const v = visibility(tool);
  return v === undefined || v.includes('app');
}

/** The tools a model may be offered: every one but those hidden from it. */
export const modelTools = <T extends Partial<Tool>>(tools: T[]): T[] =>
  tools.filter((t) => !hiddenFromModel(t));
