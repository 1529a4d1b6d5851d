export type Json = Record<string, unknown>;

/** What the server answers a tools/call with: a result, or a JSON-RPC error. */
export type CallAnswer = Json | { error: { code: number; message: string } };

/**
 * A 2026-07-28 server written by hand, as servers not built on the SDK are (the SDK's own server would
 * refuse to list a tool with a bad `x-mcp-header`): JSON over POST, no notification stream. It lists
 * `tools` as they are at each request (a test may change them), with `ttlMs` as the list's lifetime, and
 * keeps every call with the Mcp-* headers it came with.
 */
export function handWrittenServer(
  tools: Json[],
  answer: (tools: Json[], params: Json, headers: Record<string, string>) => CallAnswer,
  listing: { ttlMs: number } = { ttlMs: 0 },
) {
  const calls: { params: Json; headers: Record<string, string> }[] = [];
  let lists = 0;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const { id, method, params } = (await request.json()) as { id?: number; method: string; params: Json };
    const reply = (result: Json) =>
      Response.json({ jsonrpc: '2.0', id, result: { resultType: 'complete', ...result } });
    if (id === undefined) return new Response(null, { status: 202 });
    if (method === 'server/discover') {
      return reply({
        supportedVersions: ['2026-07-28'],
        capabilities: { tools: {} },
        serverInfo: { name: 'hand-written', version: '1' },
        ttlMs: 0,
        cacheScope: 'private',
      });
    }
    if (method === 'tools/list') {
      lists++;
      return reply({ tools, ttlMs: listing.ttlMs, cacheScope: 'private' });
    }
    if (method === 'tools/call') {
      const headers = Object.fromEntries([...request.headers].filter(([k]) => k.startsWith('mcp-')));
      calls.push({ params, headers });
      const out = answer(tools, params, headers);
      return 'error' in out ? Response.json({ jsonrpc: '2.0', id, error: out.error }) : reply(out);
    }
    return Response.json({ jsonrpc: '2.0', id, error: { code: -32601, message: `No ${method} here` } });
  }) as typeof globalThis.fetch;
  return { fetch, calls, lists: () => lists };
}
