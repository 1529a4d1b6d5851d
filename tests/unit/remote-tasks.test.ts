import type { Progress } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Everything, startEverything } from '../fixtures/everything';
import { startTaskServer } from '../fixtures/task-server';
import { makeHost, nextPending, openAssistant, remoteConfig, resultText } from './helpers';

/** The host's fetch, recording each JSON-RPC request it sends (method and params). */
function recording(inner: typeof fetch = fetch) {
  const sent: { method: string; params?: Record<string, unknown> }[] = [];
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (typeof init?.body === 'string') {
      const body = JSON.parse(init.body) as { method?: string; params?: Record<string, unknown> };
      if (body.method) sent.push({ method: body.method, ...(body.params ? { params: body.params } : {}) });
    }
    return inner(input, init);
  }) as typeof fetch;
  return { sent, fetch: wrapped };
}

describe('2025-11-25 tasks (server-everything on loopback)', () => {
  let http: Everything;
  beforeAll(async () => {
    http = await startEverything('streamableHttp');
  }, 30_000);
  afterAll(async () => {
    await http?.stop();
  });

  it('runs a tool that requires a task as one, shows its stages as progress, and returns its result', async () => {
    const wire = recording();
    const { host, remotes } = await makeHost(undefined, { remote: { fetch: wire.fetch } });
    remotes.set([remoteConfig('a', 'ev', http.url)]);
    await host.settled();
    const { client } = await openAssistant(host);
    const progress: Progress[] = [];
    const result = await client.callTool(
      { name: 'ev_srv__simulate-research-query', arguments: { topic: 'tide pools' } },
      { onprogress: (p) => progress.push(p), timeout: 30_000 },
    );
    expect(resultText(result)).toContain('# Research Report: tide pools');
    const messages = progress.map((p) => p.message);
    expect(messages).toContain('Gathering sources...');
    expect(messages).toContain('Generating report...');
    const call = wire.sent.find((s) => s.method === 'tools/call');
    expect(call?.params).toMatchObject({
      name: 'simulate-research-query',
      task: { ttl: expect.any(Number) },
    });
    const methods = wire.sent.map((s) => s.method);
    expect(methods).toContain('tasks/get');
    expect(methods.at(-1)).toBe('tasks/result');
    await remotes.remove('a');
  }, 30_000);

  it('sends tasks/cancel when the assistant cancels, and the call rejects', async () => {
    const wire = recording();
    const { host, remotes } = await makeHost(undefined, { remote: { fetch: wire.fetch } });
    remotes.set([remoteConfig('a', 'ev', http.url)]);
    await host.settled();
    const { client } = await openAssistant(host);
    const stop = new AbortController();
    const call = client.callTool(
      { name: 'ev_srv__simulate-research-query', arguments: { topic: 'moss' } },
      { signal: stop.signal, onprogress: () => stop.abort('The person pressed Stop') },
    );
    await expect(call).rejects.toThrow(/Stop/);
    await expect.poll(() => wire.sent.map((s) => s.method)).toContain('tasks/cancel');
    const cancel = wire.sent.find((s) => s.method === 'tasks/cancel');
    expect(cancel?.params?.taskId).toEqual(expect.any(String));
    await remotes.remove('a');
  });

  it('calls a tool without task support plainly', async () => {
    const wire = recording();
    const { host, remotes } = await makeHost(undefined, { remote: { fetch: wire.fetch } });
    remotes.set([remoteConfig('a', 'ev', http.url)]);
    await host.settled();
    const { client } = await openAssistant(host);
    const result = await client.callTool({ name: 'ev_srv__echo', arguments: { message: 'hi' } });
    expect(resultText(result)).toBe('Echo: hi');
    const call = wire.sent.find((s) => s.method === 'tools/call');
    expect(call?.params).not.toHaveProperty('task');
    expect(wire.sent.some((s) => s.method.startsWith('tasks/'))).toBe(false);
    await remotes.remove('a');
  });
});

describe('2026-07-28 tasks extension', () => {
  async function connect() {
    const server = startTaskServer();
    const { host, remotes, consent } = await makeHost(undefined, { remote: { fetch: server.fetch } });
    remotes.set([remoteConfig('f', 'files', 'https://files.invalid/mcp')]);
    await host.settled();
    expect(remotes.status().f).toMatchObject({ state: 'connected', protocolVersion: '2026-07-28' });
    const { client } = await openAssistant(host);
    return { server, host, remotes, client, consent };
  }

  it('follows a task the server chose to create to its result, with its status messages as progress', async () => {
    const { server, remotes, client } = await connect();
    const progress: Progress[] = [];
    const result = await client.callTool(
      { name: 'files_srv__index_files', arguments: { folder: '~/notes' } },
      { onprogress: (p) => progress.push(p) },
    );
    expect(resultText(result)).toBe('Indexed 3 files in ~/notes.');
    expect(progress.map((p) => p.message)).toEqual(
      expect.arrayContaining(['Reading the folder', 'Indexing files', 'Writing the index']),
    );
    expect(server.methods.filter((m) => m === 'tasks/get').length).toBeGreaterThanOrEqual(3);
    expect(server.methods).not.toContain('tasks/result'); // removed in the extension
    expect(server.badHeaders).toEqual([]);
    await remotes.remove('f');
  });

  it('asks the person what a waiting task asks, through the consent queue, and sends their answer back', async () => {
    const { server, remotes, client, consent } = await connect();
    const progress: Progress[] = [];
    const call = client.callTool(
      { name: 'files_srv__send_invoices', arguments: { customer: 'Acme' } },
      { onprogress: (p) => progress.push(p) },
    );
    const form = await nextPending(consent, 'elicitation-form', call);
    expect(form.source).toEqual({ kind: 'server', label: 'files' });
    expect(form.request).toMatchObject({ message: 'Send 3 open invoices (1,240.00 EUR in all) to Acme?' });
    consent.queue.answer(form.id, { kind: 'elicitation', action: 'accept', content: { send: true } });
    expect(resultText(await call)).toBe('Sent 3 invoices to Acme.');
    expect(server.updates).toEqual([{ confirm: { action: 'accept', content: { send: true } } }]);
    expect(progress.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        'Collecting open invoices',
        'Waiting for your confirmation',
        'Sending invoices',
      ]),
    );
    expect(server.cancelled).toEqual([]);
    expect(server.badHeaders).toEqual([]);
    await remotes.remove('f');
  });

  it('sends a declined question back as declined, and the task finishes as the server decides', async () => {
    const { server, remotes, client, consent } = await connect();
    const call = client.callTool({ name: 'files_srv__send_invoices', arguments: { customer: 'Acme' } });
    const form = await nextPending(consent, 'elicitation-form', call);
    consent.queue.answer(form.id, { kind: 'elicitation', action: 'decline' });
    expect(resultText(await call)).toBe('Nothing was sent: you said not now.');
    expect(server.updates).toEqual([{ confirm: { action: 'decline' } }]);
    await remotes.remove('f');
  });

  it('reports a failed task with the server’s error', async () => {
    const { remotes, client } = await connect();
    await expect(
      client.callTool({ name: 'files_srv__import_contacts', arguments: { file: 'contacts.csv' } }),
    ).rejects.toThrow(/"import_contacts" failed at the server: contacts\.csv line 4: unterminated quote/);
    await remotes.remove('f');
  });

  it('sends tasks/cancel when the assistant cancels, and the call rejects', async () => {
    const { server, remotes, client } = await connect();
    const stop = new AbortController();
    const call = client.callTool(
      { name: 'files_srv__index_files', arguments: { folder: '~/photos' } },
      { signal: stop.signal, onprogress: () => stop.abort('The person pressed Stop') },
    );
    await expect(call).rejects.toThrow(/Stop/);
    await expect.poll(() => server.cancelled.length).toBe(1);
    expect(server.badHeaders).toEqual([]);
    await remotes.remove('f');
  });

  it('calls a plain tool plainly', async () => {
    const { server, remotes, client } = await connect();
    const result = await client.callTool({ name: 'files_srv__greet', arguments: { name: 'Ada' } });
    expect(resultText(result)).toBe('Hello, Ada!');
    expect(server.methods.some((m) => m.startsWith('tasks/'))).toBe(false);
    await remotes.remove('f');
  });
});
