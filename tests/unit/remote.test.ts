import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionFacts } from '../../src/remote/session-facts';
import { type Everything, startEverything } from '../fixtures/everything';
import { makeHost, openAssistant, remoteConfig } from './helpers';

let http: Everything;
let sse: Everything;

beforeAll(async () => {
  [http, sse] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
}, 30_000);
afterAll(async () => {
  await Promise.all([http?.stop(), sse?.stop()]);
});

const config = remoteConfig;

describe('remote servers (server-everything on loopback)', () => {
  it('connects over Streamable HTTP and over legacy SSE, and tells the two servers apart', async () => {
    const { host, remotes } = await makeHost();
    remotes.set([config('a', 'Everything HTTP', http.url), config('b', 'Everything SSE', sse.url)]);
    await host.settled();
    const status = remotes.status();
    expect(status.a).toMatchObject({
      state: 'connected',
      transport: 'streamable-http',
      protocolVersion: '2025-11-25',
    });
    expect(status.b).toMatchObject({ state: 'connected', transport: 'sse' });
    expect(status.a?.counts.tools).toBeGreaterThan(5);

    const { client } = await openAssistant(host);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('everything_20http_srv__echo');
    expect(names).toContain('everything_20sse_srv__echo');
    const viaHttp = await client.callTool({
      name: 'everything_20http_srv__echo',
      arguments: { message: 'hi' },
    });
    const viaSse = await client.callTool({
      name: 'everything_20sse_srv__echo',
      arguments: { message: 'yo' },
    });
    expect(viaHttp.content).toEqual([{ type: 'text', text: 'Echo: hi' }]);
    expect(viaSse.content).toEqual([{ type: 'text', text: 'Echo: yo' }]);
    await remotes.remove('a');
    await remotes.remove('b');
  });

  it('brings resources, templates, prompts with completion, progress and logs to the assistant', async () => {
    const { host, remotes } = await makeHost();
    remotes.set([config('a', 'ev', http.url)]);
    await host.settled();
    const { client, notifications } = await openAssistant(host);

    const { resources } = await client.listResources();
    const doc = resources.find((r) => r.uri.endsWith('architecture.md'));
    expect(doc?.uri).toBe('switchboard://server/ev_srv/demo://resource/static/document/architecture.md');
    const read = await client.readResource({ uri: doc!.uri });
    expect((read.contents[0] as { text: string }).text.length).toBeGreaterThan(10);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain(
      'switchboard://server/ev_srv/demo://resource/dynamic/text/{resourceId}',
    );
    const dynamic = await client.readResource({
      uri: 'switchboard://server/ev_srv/demo://resource/dynamic/text/3',
    });
    expect(dynamic.contents).toHaveLength(1);

    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toContain('ev_srv__simple-prompt');
    const prompt = await client.getPrompt({
      name: 'ev_srv__args-prompt',
      arguments: { city: 'Lyon', state: 'Rhône' },
    });
    expect(JSON.stringify(prompt.messages)).toContain('Lyon');
    const completion = await client.complete({
      ref: { type: 'ref/prompt', name: 'ev_srv__completable-prompt' },
      argument: { name: 'department', value: 'E' },
    });
    expect(completion.completion.values).toContain('Engineering');

    // outputSchema and structuredContent come through, validated by the SDK client against the schema.
    const structured = await client.callTool({
      name: 'ev_srv__get-structured-content',
      arguments: { location: 'New York' },
    });
    expect(structured.structuredContent).toMatchObject({ temperature: expect.any(Number) });
    const tool = (await client.listTools()).tools.find((t) => t.name === 'ev_srv__get-structured-content');
    expect(tool?.outputSchema).toBeDefined();

    const progress: number[] = [];
    const long = await client.callTool(
      { name: 'ev_srv__trigger-long-running-operation', arguments: { duration: 1, steps: 3 } },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(long.isError).toBeFalsy();
    expect(progress).toEqual([1, 2, 3]);

    await client.setLoggingLevel('debug');
    await client.callTool({ name: 'ev_srv__toggle-simulated-logging', arguments: {} });
    await expect.poll(() => notifications.includes('notifications/message'), { timeout: 8000 }).toBe(true);
    await remotes.remove('a');
  }, 30_000);

  it('cancels a call on the server when the assistant cancels', async () => {
    const { host, remotes } = await makeHost();
    remotes.set([config('a', 'ev', http.url)]);
    await host.settled();
    const { client } = await openAssistant(host);
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'ev_srv__trigger-long-running-operation', arguments: { duration: 5, steps: 5 } },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort('user stopped'), 300);
    await expect(call).rejects.toThrow();
    await remotes.remove('a');
  });

  it('reports an unreachable server with a clear error and retries with backoff', async () => {
    const { host, remotes } = await makeHost();
    remotes.set([config('x', 'gone', 'http://127.0.0.1:9/mcp')]);
    await host.settled();
    const status = remotes.status().x;
    expect(status?.state).toBe('error');
    expect(status?.error).toMatch(/Cannot reach 127\.0\.0\.1:9/);
    expect(status?.retryAt).toBeGreaterThan(1000); // the host's test clock
    // The first retry comes about a second later, and fails again: now it says it is reconnecting.
    await expect.poll(() => remotes.status().x?.state, { timeout: 4000 }).toBe('reconnecting');
    await remotes.remove('x');
  });
});

describe('session facts across a worker restart', () => {
  it('keeps what the session established, and ends the stale session when a new worker reconnects', async () => {
    const facts = new MemorySessionFacts();
    const newHost = () => makeHost(undefined, { remote: { facts } });
    const first = await newHost();
    first.remotes.set([config('a', 'ev', http.url)]);
    await first.host.settled();
    const before = await facts.get('a');
    expect(before).toMatchObject({ transport: 'streamable-http', protocolVersion: '2025-11-25' });
    expect(before?.sessionId).toMatch(/\S+/);
    expect(before?.capabilities?.tools).toBeDefined();

    // The worker dies without closing anything; a new one starts from the same facts.
    const second = await newHost();
    second.remotes.set([config('a', 'ev', http.url)]);
    await second.host.settled();
    const after = await facts.get('a');
    expect(after?.sessionId).not.toBe(before?.sessionId);
    // The old session was ended on the server: using it now fails.
    const stale = await fetch(http.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': before?.sessionId ?? '',
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(stale.status).toBe(400);
    await second.remotes.remove('a');
    expect(await facts.get('a')).toBeUndefined();
  });
});

describe('a 2026-07-28 (stateless) server', () => {
  it('delivers list changes and resource updates over subscriptions/listen', async () => {
    const { createMcpHandler, McpServer } = await import('@modelcontextprotocol/server');
    let version = 1;
    const handler = createMcpHandler(() => {
      const server = new McpServer(
        { name: 'modern', version: '1' },
        { capabilities: { resources: { subscribe: true, listChanged: true }, tools: { listChanged: true } } },
      );
      server.registerResource('counter', 'counter://value', { mimeType: 'text/plain' }, async (uri) => ({
        contents: [{ uri: uri.href, text: String(version) }],
      }));
      return server;
    });
    const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
      handler.fetch(new Request(input, init))) as typeof fetch;
    const { host, remotes } = await makeHost(undefined, { remote: { fetch: fakeFetch } });
    remotes.set([config('m', 'modern', 'https://modern.invalid/mcp')]);
    await host.settled();
    expect(remotes.status().m).toMatchObject({ state: 'connected', protocolVersion: '2026-07-28' });
    const updated: string[] = [];
    host.events.on('resourceUpdated', (uri) => updated.push(uri));
    const uri = 'switchboard://server/modern_srv/counter://value';
    await host.resources.subscribe(uri);
    version = 2;
    handler.notify.resourceUpdated('counter://value');
    await expect.poll(() => updated).toEqual([uri]);
    const read = await host.resources.read(uri);
    expect((read.contents[0] as { text: string }).text).toBe('2');
    await host.resources.unsubscribe(uri);
    await remotes.remove('m');
  });
});
