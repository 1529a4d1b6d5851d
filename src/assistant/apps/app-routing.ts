import type { ContentBlock, Tool } from '@modelcontextprotocol/client';
import { getToolUiResourceUri } from '@modelcontextprotocol/ext-apps/app-bridge';
import type { Attachment } from '../../messages/chat-types';
import { visibleToApps } from '../../messages/mcp-apps';
import { catalogName, serverResourceUri } from '../../messages/names';

/**
 * What an MCP App in the side panel may ask for, decided here (pure) and carried out by the panel. An app
 * belongs to the server whose tool opened it, known by that tool's catalog key (`<key>__<tool>`); it speaks
 * in the server's own names, which are mapped to the host's here. A refusal is said in words for the app.
 */
export type AppDecision<T> = { ok: true; value: T } | { ok: false; reason: string };

const refuse = (reason: string): AppDecision<never> => ({ ok: false, reason });

/** The tool's `ui://` resource (the SDK reads `_meta.ui.resourceUri` and the older flat key), or undefined. */
export function toolAppUri(tool: Partial<Tool>): string | undefined {
  try {
    return getToolUiResourceUri(tool);
  } catch {
    return undefined; // not a ui:// URI: a plain tool
  }
}

/** The catalog key of a server tool's name ("weather_srv__forecast" → "weather_srv"); apps come only from servers. */
export function appServerKey(catalogToolName: string): string | undefined {
  const at = catalogToolName.indexOf('__');
  const key = at > 0 ? catalogToolName.slice(0, at) : '';
  return key.endsWith('_srv') ? key : undefined;
}

/** The host's URI of a server's `ui://` resource: read through the host, from that server only. */
export function appResourceHostUri(catalogToolName: string, uiUri: string): string | undefined {
  const key = appServerKey(catalogToolName);
  return key && uiUri.startsWith('ui://') ? serverResourceUri(key, uiUri) : undefined;
}

/**
 * An app's `tools/call`: only a tool of its own server, offered to this assistant now (granted), and visible
 * to apps (spec: the host MUST reject a call to a tool without "app" in its visibility; cross-server calls
 * are never made). The call itself then goes through the host like the model's: grants, approval, audit.
 */
export function decideAppToolCall(serverKey: string, tools: Tool[], requested: string): AppDecision<string> {
  const name = catalogName(serverKey, requested);
  const tool = tools.find((t) => t.name === name);
  if (!tool) return refuse(`The tool “${requested}” is not available to this app.`);
  if (!visibleToApps(tool)) return refuse(`The tool “${requested}” is not callable by apps.`);
  return { ok: true, value: name };
}

/** An app's `resources/read`: its own server's resources, by the host's URI for them. */
export function decideAppResourceRead(serverKey: string, uri: string): AppDecision<string> {
  if (uri.startsWith('switchboard://')) return refuse('An app reads only its own server’s resources.');
  return { ok: true, value: serverResourceUri(serverKey, uri) };
}

/** `ui/open-link`: a web address only (no javascript:, data:, chrome: or file: URLs), asked of the user first. */
export function decideOpenLink(url: string): AppDecision<string> {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      return refuse('Only web links can be opened.');
    return { ok: true, value: parsed.href };
  } catch {
    return refuse('That is not a valid link.');
  }
}

/** The attachment URI prefix of an app's context (the view says "from an app" for these). */
export const APP_CONTEXT_PREFIX = 'app-context:';

/** Longest text an app may put in the composer or the model's context (the rest is cut). */
export const APP_TEXT_LIMIT = 8000;

/** The text of content blocks an app sent (`ui/message`, `ui/update-model-context`); other blocks are left out. */
export function appText(content: ContentBlock[] | undefined): string {
  const text = (content ?? [])
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('\n')
    .trim();
  return text.slice(0, APP_TEXT_LIMIT);
}

/**
 * `ui/update-model-context`: what the app wants the model to know, as an attachment to the user's next
 * message (the last update wins), marked as data from that server like an attached page.
 */
export function appContextAttachment(
  callId: string,
  appTitle: string,
  server: string,
  params: { content?: ContentBlock[]; structuredContent?: Record<string, unknown> },
): Attachment | undefined {
  const parts = [appText(params.content)];
  if (params.structuredContent) parts.push(JSON.stringify(params.structuredContent).slice(0, APP_TEXT_LIMIT));
  const text = parts.filter(Boolean).join('\n');
  if (!text) return undefined;
  return { uri: `${APP_CONTEXT_PREFIX}${callId}`, title: `${appTitle} (app)`, source: server, text };
}
