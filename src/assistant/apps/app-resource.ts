import type { ReadResourceResult } from '@modelcontextprotocol/client';
import type { McpUiResourceCsp, McpUiResourcePermissions } from '@modelcontextprotocol/ext-apps/app-bridge';
import { MCP_APP_MIME_TYPE } from '../../messages/mcp-apps';

export interface AppResource {
  html: string;
  csp?: McpUiResourceCsp;
  permissions?: McpUiResourcePermissions;
  prefersBorder?: boolean;
}

/** Larger than any app we have seen bundled with its dependencies; past this the panel refuses it. */
export const MAX_APP_HTML = 5 * 1024 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The app's document from `resources/read` of its `ui://` resource: the content of the MCP App type
 * (`text/html;profile=mcp-app`), as text or base64, with its `_meta.ui` (CSP domains, permissions). Throws
 * an error a user can read when the server sent something else.
 */
export function appResourceOf(result: ReadResourceResult, uri: string): AppResource {
  const content = result.contents.find(
    (c) => c.uri === uri && c.mimeType?.replaceAll(' ', '').toLowerCase() === MCP_APP_MIME_TYPE,
  );
  if (!content) throw new Error(`The server sent no MCP App for ${uri}.`);
  const html = 'text' in content ? content.text : decodeBase64(content.blob);
  if (html.length > MAX_APP_HTML) throw new Error(`The app ${uri} is too large to show.`);
  const ui = isRecord(content._meta) && isRecord(content._meta.ui) ? content._meta.ui : {};
  return {
    html,
    ...(isRecord(ui.csp) ? { csp: ui.csp as McpUiResourceCsp } : {}),
    ...(isRecord(ui.permissions) ? { permissions: ui.permissions as McpUiResourcePermissions } : {}),
    ...(typeof ui.prefersBorder === 'boolean' ? { prefersBorder: ui.prefersBorder } : {}),
  };
}

function decodeBase64(blob: string): string {
  const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}
