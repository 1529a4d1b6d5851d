/**
 * Remote-server figures, run in Node on the host core (src/host, src/remote): the same code the worker
 * runs, without a browser in the way.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { inMemoryHost } from '../../src/host/in-memory-host';
import { silentLogger } from '../../src/shared/logger';
import { startEverything } from '../fixtures/everything';
import { openAssistant, remoteConfig } from '../unit/helpers';

async function newHost(fetchFn?: typeof fetch) {
  const services = inMemoryHost({
    logger: silentLogger,
    version: 'bench',
    ...(fetchFn ? { remote: { fetch: fetchFn } } : {}),
  });
  await services.load();
  return services;
}

const config = remoteConfig;
const BENCH_ASSISTANT = { id: 'bench', label: 'Bench' };

/** Host.callTool against a bare SDK Client, interleaved, same server-everything on loopback. */
export async function remoteCallBench(iterations: number) {
  const server = await startEverything('streamableHttp');
  try {
    const { host, remotes } = await newHost();
    remotes.set([config('e', 'ev', server.url)]);
    await host.settled();
    const bare = new Client(
      { name: 'bare', version: '1' },
      { capabilities: {}, versionNegotiation: { mode: 'auto' } },
    );
    await bare.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    const viaHost = () => host.callTool('ev_srv__echo', { message: 'x' }, { assistant: BENCH_ASSISTANT });
    const direct = () => bare.callTool({ name: 'echo', arguments: { message: 'x' } });
    for (let i = 0; i < 50; i++) {
      await viaHost();
      await direct();
    }
    const hostMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      let t = performance.now();
      await direct();
      bareMs.push(performance.now() - t);
      t = performance.now();
      await viaHost();
      hostMs.push(performance.now() - t);
    }
    await bare.close();
    await remotes.remove('e');
    return { hostMs, bareMs };
  } finally {
    await server.stop();
  }
}

/**
 * 50 servers × 200 tools, each an SDK v2 handler (2026-07-28) reached through a fake fetch that counts
 * requests per server: the time of an assistant's tools/list, and who is asked again after one server's
 * tools/list_changed.
 */
export async function catalogBench(servers = 50, toolsEach = 200, _unused = false) {
  const requests = new Map<string, string[]>();
  const handlers = new Map<string, ReturnType<typeof createMcpHandler>>();
  for (let s = 0; s < servers; s++) {
    const host = `s${s}.bench.invalid`;
    handlers.set(
      host,
      createMcpHandler(() => {
        const server = new McpServer(
          { name: host, version: '1' },
          { capabilities: { tools: { listChanged: true } } },
        );
        for (let t = 0; t < toolsEach; t++) {
          server.registerTool(
            `tool_${t}`,
            { description: `Tool ${t} of ${host}`, inputSchema: z.object({ q: z.string() }) },
            async ({ q }) => ({ content: [{ type: 'text', text: q }] }),
          );
        }
        return server;
      }),
    );
  }
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const { host } = new URL(request.url);
    const method =
      request.method === 'POST'
        ? ((await request.clone().json()) as { method?: string }).method
        : request.method;
    requests.set(host, [...(requests.get(host) ?? []), method ?? 'response']);
    const handler = handlers.get(host);
    return handler ? handler.fetch(request) : new Response('no such server', { status: 404 });
  }) as typeof fetch;

  const { host, remotes } = await newHost(fakeFetch);
  const t0 = performance.now();
  remotes.set([...handlers.keys()].map((h, i) => config(`id${i}`, `srv${i}`, `https://${h}/mcp`)));
  await host.settled();
  const connectMs = performance.now() - t0;
  const { client } = await openAssistant(host);
  // One tools/list request (the first page), and the whole list as an assistant walks every page.
  const listMs: number[] = [];
  const allMs: number[] = [];
  let count = 0;
  for (let i = 0; i < 21; i++) {
    let t = performance.now();
    await client.request({ method: 'tools/list', params: {} });
    if (i > 0) listMs.push(performance.now() - t);
    t = performance.now();
    count = 0;
    let cursor: string | undefined;
    do {
      const page = await client.request({ method: 'tools/list', params: cursor ? { cursor } : {} });
      count += page.tools.length;
      cursor = page.nextCursor;
    } while (cursor);
    if (i > 0) allMs.push(performance.now() - t);
  }
  const before = new Map([...requests].map(([h, r]) => [h, r.filter((m) => m === 'tools/list').length]));
  handlers.get('s7.bench.invalid')?.notify.toolsChanged();
  await new Promise((r) => setTimeout(r, 500));
  await host.settled();
  const hostListMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    host.catalog.tools();
    hostListMs.push(performance.now() - t);
  }
  const relisted = [...requests]
    .map(([h, r]) => [h, r.filter((m) => m === 'tools/list').length - (before.get(h) ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const protocol = remotes.status().id0?.protocolVersion;
  for (let i = 0; i < servers; i++) await remotes.remove(`id${i}`);
  return { count, connectMs, listMs, allMs, hostListMs, relisted, protocol };
}
