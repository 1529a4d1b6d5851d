import { type CallToolResult, isCallToolResult } from '@modelcontextprotocol/server';

/** Larger tool results become an error result rather than a message that stalls the worker. */
export const MAX_RESULT_CHARS = 1024 * 1024;

/** The keys of an MCP CallToolResult a page may set; anything else means it is the tool's own object. */
const MCP_RESULT_KEYS = new Set(['content', 'isError', 'structuredContent']);

export const errorResult = (text: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text }],
});

/**
 * What a page's tool returned, as the assistant should see it. `executeTool` hands over a string, in
 * native Chromium and in our polyfill alike: a string result as it is ('' reads "Operation succeeded",
 * undefined reads "undefined"), other primitives through String(), objects as JSON. So the text is not
 * JSON in general, and most tools on the web return a plain sentence: that sentence is the result.
 *
 * - Not JSON ("Added 2 × Lamp to the cart.") → that text.
 * - A JSON string (a spec-following browser quotes strings) → the string itself.
 * - A JSON object → the text, plus the object as structuredContent.
 * - An MCP-shaped result, as tools written for the MCP-B polyfill return, `{content, isError?}`, checked
 *   against the SDK's CallToolResult schema → its content as it is, not wrapped a second time.
 * - Arrays, numbers, booleans, null → the text.
 *
 * Only a result too large to pass on is an error: whatever else the page produced, it produced.
 */
export function resultFromPage(text: string): CallToolResult {
  if (text.length > MAX_RESULT_CHARS) {
    return errorResult(
      `The page's result is too large (${text.length} characters; the limit is ${MAX_RESULT_CHARS}).`,
    );
  }
  const value = parseJson(text);
  if (typeof value === 'string') return textResult(value);
  if (!isPlainObject(value)) return textResult(text);
  return mcpShaped(value) ?? { content: [{ type: 'text', text }], structuredContent: value };
}

function mcpShaped(value: Record<string, unknown>): CallToolResult | undefined {
  if (!Object.keys(value).every((key) => MCP_RESULT_KEYS.has(key)) || !isCallToolResult(value)) {
    return undefined;
  }
  const { content, isError, structuredContent } = value as CallToolResult;
  // The page's own _meta is dropped (the key set above): _meta is where the host marks results.
  return {
    content,
    ...(isError === true ? { isError: true } : {}),
    ...(isPlainObject(structuredContent) ? { structuredContent } : {}),
  };
}

const textResult = (text: string): CallToolResult => ({ content: [{ type: 'text', text }] });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON: a sentence, "undefined", "Operation succeeded"…
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
