import type { JSONRPCMessage } from '@modelcontextprotocol/server';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * Checks that a value arriving on a Port is a JSON-RPC 2.0 request, notification or response, structurally.
 * The SDK then validates each method's params and result with its own schemas; this guard only makes sure
 * nothing that is not JSON-RPC reaches it. (The SDK's zod union would do the same ~10× slower on the hot
 * path, building error objects for every branch a response fails.)
 */
export function asJsonRpcMessage(value: unknown): JSONRPCMessage | undefined {
  if (!isObject(value) || value.jsonrpc !== '2.0') return undefined;
  if (typeof value.method === 'string') {
    if ('id' in value && !isId(value.id)) return undefined;
    if ('params' in value && value.params !== undefined && !isObject(value.params)) return undefined;
    return value as unknown as JSONRPCMessage;
  }
  if (!isId(value.id)) return undefined;
  if ('result' in value && !('error' in value))
    return isObject(value.result) ? (value as unknown as JSONRPCMessage) : undefined;
  if ('error' in value && !('result' in value)) {
    const error = value.error;
    return isObject(error) && Number.isInteger(error.code) && typeof error.message === 'string'
      ? (value as unknown as JSONRPCMessage)
      : undefined;
  }
  return undefined;
}
