import {
  acceptedContent,
  createMcpHandler,
  inputRequired,
  McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/v4';
import { makeHost, nextPending, openAssistant, remoteConfig, resultText } from './helpers';

/**
 * A 2026-07-28 server (stateless, reached through a fake fetch) whose `reserve` tool asks who the table is
 * for the multi-round-trip way (SEP-2322): it answers the first call `input_required` with a form and an
 * opaque requestState, and completes when the retry carries the answer. `wire` keeps every tools/call
 * body the server received, so a test can read what the host sent.
 */
function dinerServer() {
  const wire: Record<string, unknown>[] = [];
  let asked = 0;
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'diner', version: '1' });
    server.registerTool(
      'reserve',
      { description: 'Reserves a table', inputSchema: z.object({ time: z.string() }) },
      async ({ time }, ctx: ServerContext) => {
        const answer = acceptedContent<{ name: string }>(ctx.mcpReq.inputResponses, 'who');
        if (ctx.mcpReq.inputResponses?.who && !answer) {
          return { content: [{ type: 'text', text: `No table reserved at ${time}.` }] };
        }
        if (!answer) {
          return inputRequired({
            inputRequests: {
              who: inputRequired.elicit({
                message: `Who is the table at ${time} for?`,
                requestedSchema: {
                  type: 'object',
                  properties: { name: { type: 'string', title: 'Name' } },
                  required: ['name'],
                },
              }),
            },
            requestState: `{"time":"${time}","n":${asked++}}`,
          });
        }
        return {
          content: [
            {
              type: 'text',
              text: `Table at ${time} reserved for ${answer.name}; state ${ctx.mcpReq.requestState()}`,
            },
          ],
        };
      },
    );
    return server;
  });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = request.method === 'POST' ? await request.clone().json() : undefined;
    if (body?.method === 'tools/call') wire.push(body.params);
    return handler.fetch(request);
  }) as typeof globalThis.fetch;
  return { fetch, wire };
}

async function withDiner() {
  const diner = dinerServer();
  const built = await makeHost(undefined, { remote: { fetch: diner.fetch } });
  built.remotes.set([remoteConfig('d', 'Diner', 'https://diner.invalid/mcp')]);
  await built.host.settled();
  expect(built.remotes.status().d).toMatchObject({ state: 'connected', protocolVersion: '2026-07-28' });
  const { client } = await openAssistant(built.host);
  return { ...built, client, wire: diner.wire, stop: () => built.remotes.remove('d') };
}

describe('input_required on a 2026-07-28 server (multi-round-trip requests)', () => {
  it('asks the user through the consent queue, sends their answer and the state back, and audits as before', async () => {
    const { consent, client, wire, audit, stop } = await withDiner();
    const call = client.callTool({ name: 'diner_srv__reserve', arguments: { time: '19:30' } });
    const form = await nextPending(consent, 'elicitation-form', call);
    expect(form.source).toEqual({ kind: 'server', label: 'Diner' });
    expect(form.request).toMatchObject({
      message: 'Who is the table at 19:30 for?',
      requestedSchema: { required: ['name'] },
    });
    consent.queue.answer(form.id, { kind: 'elicitation', action: 'accept', content: { name: 'Ada' } });

    expect(resultText(await call)).toBe('Table at 19:30 reserved for Ada; state {"time":"19:30","n":0}');
    // The retry: the user's answer as the form's inputResponse, the state byte for byte.
    expect(wire).toHaveLength(2);
    expect(wire[0]).not.toHaveProperty('inputResponses');
    expect(wire[1]).toMatchObject({
      name: 'reserve',
      arguments: { time: '19:30' },
      inputResponses: { who: { action: 'accept', content: { name: 'Ada' } } },
      requestState: '{"time":"19:30","n":0}',
    });

    const entries = await audit.all();
    expect(entries.filter((e) => e.kind === 'elicitation')).toMatchObject([
      { source: 'Diner', decision: 'accept', decidedBy: 'user', outcome: 'ok' },
    ]);
    expect(entries.filter((e) => e.kind === 'call')).toMatchObject([
      { assistant: 'unit-assistant', source: 'Diner', tool: 'reserve', outcome: 'ok' },
    ]);
    await stop();
  });

  it('keeps parallel calls apart: each retry carries its own answer and its own state', async () => {
    const { consent, client, wire, stop } = await withDiner();
    const early = client.callTool({ name: 'diner_srv__reserve', arguments: { time: '18:00' } });
    const late = client.callTool({ name: 'diner_srv__reserve', arguments: { time: '21:00' } });
    await expect.poll(() => consent.queue.pending().length).toBe(2);
    const views = consent.queue.pending();
    // Answered in the other order than asked, with different people.
    for (const view of views.reverse()) {
      const { message } = view.request as { message: string };
      const name = message.includes('18:00') ? 'Grace' : 'Linus';
      consent.queue.answer(view.id, { kind: 'elicitation', action: 'accept', content: { name } });
    }
    expect(resultText(await early)).toMatch(/^Table at 18:00 reserved for Grace; state \{"time":"18:00"/);
    expect(resultText(await late)).toMatch(/^Table at 21:00 reserved for Linus; state \{"time":"21:00"/);
    const retries = wire.filter((p) => 'inputResponses' in p);
    expect(retries).toHaveLength(2);
    for (const retry of retries) {
      const time = (retry.arguments as { time: string }).time;
      expect(retry.requestState).toContain(`"time":"${time}"`);
    }
    await stop();
  });

  it('sends the refusal when the user declines, and withdraws the form when the assistant gives up', async () => {
    const { consent, client, wire, stop } = await withDiner();
    const declined = client.callTool({ name: 'diner_srv__reserve', arguments: { time: '12:00' } });
    const form = await nextPending(consent, 'elicitation-form', declined);
    consent.queue.answer(form.id, { kind: 'elicitation', action: 'decline' });
    expect(resultText(await declined)).toBe('No table reserved at 12:00.');
    expect(wire.at(-1)).toMatchObject({ inputResponses: { who: { action: 'decline' } } });

    const controller = new AbortController();
    const abandoned = client.callTool(
      { name: 'diner_srv__reserve', arguments: { time: '13:00' } },
      { signal: controller.signal },
    );
    await nextPending(consent, 'elicitation-form', abandoned);
    const sent = wire.length;
    controller.abort('the assistant stopped');
    await expect(abandoned).rejects.toThrow();
    await expect.poll(() => consent.queue.pending()).toEqual([]);
    expect(wire).toHaveLength(sent); // no retry went out
    await stop();
  });
});
