import { describe, expect, it } from 'vitest';
import { handWrittenServer } from './fakes/hand-written-server';
import { makeHost, openAssistant, remoteConfig, resultText } from './helpers';

const lookup = {
  name: 'lookup',
  description: 'Looks a word up',
  inputSchema: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
  annotations: { readOnlyHint: true },
};

describe('what a 2026-07-28 server answers, as the spec reads it', () => {
  it('takes a tools/call result without resultType as complete (SEP-2322), not as an error', async () => {
    const server = handWrittenServer([lookup], (_tools, params) => ({
      content: [
        { type: 'text', text: `"${(params.arguments as { word: string }).word}" means a small bird.` },
      ],
    }));
    // The fake adds resultType to every result; this server, like many written by hand, leaves it out of calls.
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await server.fetch(input, init);
      const body = (await response.json()) as { result?: { resultType?: string; content?: unknown } };
      if (body.result?.content) delete body.result.resultType;
      return Response.json(body);
    }) as typeof globalThis.fetch;
    const { host, remotes } = await makeHost(undefined, { remote: { fetch } });
    remotes.set([remoteConfig('d', 'Dictionary', 'https://dictionary.invalid/mcp')]);
    await host.settled();
    expect(remotes.status().d).toMatchObject({ state: 'connected', protocolVersion: '2026-07-28' });
    const { client } = await openAssistant(host);
    const result = await client.callTool({ name: 'dictionary_srv__lookup', arguments: { word: 'wren' } });
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toBe('"wren" means a small bird.');
    await remotes.remove('d');
  });
});
