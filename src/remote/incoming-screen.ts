import {
  isJSONRPCResultResponse,
  isSpecType,
  type JSONRPCMessage,
  type JSONRPCResultResponse,
  type Transport,
} from '@modelcontextprotocol/client';

type RequestId = string | number;

export interface ScreenHooks {
  /** Tools left out of a `tools/list` answer, and why (for the log). */
  excluded(tools: { name: string; reason: string }[]): void;
  /** Whether the connection speaks 2026-07-28 (asked per message: the era is known only after connecting). */
  modern(): boolean;
}

/**
 * Two places where SDK 2.4 is stricter than the spec asks a client to be, mended on the way in, before the SDK
 * sees a server's answer; everything else is passed on unchanged.
 *
 * - A malformed tool definition leaves out that tool, not the server's whole list. The SDK checks a
 *   `tools/list` result as one value: one tool without an `inputSchema`, or with a number for a name, fails
 *   the request, and a server with twenty good tools would show none. (The SDK already leaves out, per tool,
 *   those whose `x-mcp-header` declarations are invalid.) Each tool is checked against the spec's `Tool`.
 * - 2026-07-28 (SEP-2322): a result without `resultType` is complete. The SDK refuses it instead ("missing
 *   required resultType"), so the assistant would read an error where the server answered.
 *
 * Installed on the transport's own `send` and `onmessage` (the SDK sets `onmessage` when it connects), rather
 * than as a wrapping Transport, so the SDK still sees the real transport class it inspects for headers.
 */
export function screenIncoming(transport: Transport, hooks: ScreenHooks): Transport {
  const listing = new Set<RequestId>();
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    if ('method' in message && message.method === 'tools/list' && 'id' in message) listing.add(message.id);
    return send(message, options);
  };
  let handler: Transport['onmessage'];
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    get: () => handler,
    set: (next: Transport['onmessage']) => {
      handler = next && ((message, extra) => next(screen(message), extra));
    },
  });

  function screen(message: JSONRPCMessage): JSONRPCMessage {
    const listed = 'id' in message && listing.delete(message.id as RequestId);
    if (!isJSONRPCResultResponse(message)) return message;
    let out = message;
    if (hooks.modern() && out.result.resultType === undefined) {
      out = { ...out, result: { ...out.result, resultType: 'complete' } };
    }
    return listed ? wellFormedTools(out, hooks) : out;
  }
  return transport;
}

function wellFormedTools(message: JSONRPCResultResponse, hooks: ScreenHooks): JSONRPCResultResponse {
  const tools: unknown = message.result.tools;
  if (!Array.isArray(tools)) return message;
  const kept = tools.filter((tool) => isSpecType.Tool(tool));
  if (kept.length === tools.length) return message;
  hooks.excluded(tools.filter((tool) => !isSpecType.Tool(tool)).map(describe));
  return { ...message, result: { ...message.result, tools: kept } };
}

function describe(tool: unknown): { name: string; reason: string } {
  const t = (typeof tool === 'object' && tool !== null ? tool : {}) as Record<string, unknown>;
  const name = typeof t.name === 'string' ? t.name.slice(0, 100) : '(no name)';
  const reason =
    typeof t.name !== 'string'
      ? 'its name is not a string'
      : typeof t.inputSchema !== 'object' || t.inputSchema === null
        ? 'it has no input schema'
        : 'it does not match the MCP Tool definition';
  return { name, reason };
}
