import { describe, expect, it } from 'vitest';
import { handWrittenServer, type Json } from './fakes/hand-written-server';
import { makeHost, openAssistant, remoteConfig, resultText } from './helpers';

/** What the server checks, in short: each parameter its current definition designates came as its header. */
function headersMatch(tools: Json[], params: Json, headers: Record<string, string>): boolean {
  const tool = tools.find((t) => t.name === params.name) as typeof forecast | undefined;
  const properties: Record<string, Json> = tool?.inputSchema.properties ?? {};
  const args = params.arguments as Json;
  return Object.entries(properties).every(([key, p]) => {
    const header = p['x-mcp-header'];
    if (typeof header !== 'string' || args[key] === undefined) return true;
    const sent = headers[`mcp-param-${header.toLowerCase()}`] ?? '';
    const base64 = /^=\?base64\?(.*)\?=$/.exec(sent)?.[1];
    return (base64 === undefined ? sent : Buffer.from(base64, 'base64').toString()) === String(args[key]);
  });
}

const forecast = {
  name: 'forecast',
  description: 'The weather for a region',
  inputSchema: {
    type: 'object',
    properties: {
      region: { type: 'string', 'x-mcp-header': 'Region' },
      days: { type: 'integer', 'x-mcp-header': 'Days' },
      units: { type: 'string' },
    },
    required: ['region'],
  },
};

async function connect(tools: Json[]) {
  const server = handWrittenServer(tools, (tools, params, headers) =>
    headersMatch(tools, params, headers)
      ? { content: [{ type: 'text', text: `Sunny in ${(params.arguments as Json).region}.` }] }
      : { error: { code: -32020, message: 'Header mismatch' } },
  );
  const built = await makeHost(undefined, { remote: { fetch: server.fetch } });
  built.remotes.set([remoteConfig('w', 'Weather', 'https://weather.invalid/mcp')]);
  await built.host.settled();
  expect(built.remotes.status().w).toMatchObject({ state: 'connected', protocolVersion: '2026-07-28' });
  const { client } = await openAssistant(built.host);
  return { ...built, client, calls: server.calls, stop: () => built.remotes.remove('w') };
}

describe('SEP-2243 headers on a 2026-07-28 server', () => {
  it('mirrors the parameters the tool designates into Mcp-Param-* headers, beside Mcp-Method and Mcp-Name', async () => {
    const { client, calls, stop } = await connect([forecast]);
    const result = await client.callTool({
      name: 'weather_srv__forecast',
      arguments: { region: 'Île-de-France', days: 3, units: 'metric' },
    });
    expect(resultText(result)).toBe('Sunny in Île-de-France.');
    expect(calls).toHaveLength(1);
    const { headers } = calls[0]!;
    expect(headers).toMatchObject({
      'mcp-method': 'tools/call',
      'mcp-name': 'forecast',
      'mcp-param-days': '3',
    });
    // Not ASCII, so Base64 in the header; the body keeps the text as it is.
    expect(headers['mcp-param-region']).toBe(`=?base64?${Buffer.from('Île-de-France').toString('base64')}?=`);
    expect(Object.keys(headers).filter((h) => h.startsWith('mcp-param-'))).toHaveLength(2);
    await stop();
  });

  it('leaves out only the tool whose x-mcp-header is malformed; a schema it cannot use refuses only its own calls', async () => {
    const tool = (name: string, property: Json) => ({
      name,
      inputSchema: { type: 'object', properties: { value: property } },
    });
    const { client, calls, stop } = await connect([
      tool('on_object', { type: 'object', 'x-mcp-header': 'Data' }),
      forecast,
      tool('with_colon', { type: 'string', 'x-mcp-header': 'Region:Primary' }),
      tool('empty', { type: 'string', 'x-mcp-header': '' }),
      tool('lookup', { type: 'string', pattern: '([' }),
    ]);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(['weather_srv__forecast', 'weather_srv__lookup']);
    const refused = await client.callTool({ name: 'weather_srv__lookup', arguments: { value: 'x' } });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/"lookup" cannot be called: its input schema cannot be used/);
    await client.callTool({ name: 'weather_srv__forecast', arguments: { region: 'Lyon' } });
    expect(calls.map((c) => c.headers['mcp-param-region'])).toEqual(['Lyon']);
    await stop();
  });

  it('leaves out a tool that is not a tool at all (no input schema, a number for a name), not the whole list', async () => {
    const { client, remotes, stop } = await connect([
      { name: 'broken', description: 'Has no input schema' },
      forecast,
      { name: 7, inputSchema: { type: 'object' } },
    ]);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(['weather_srv__forecast']);
    expect(remotes.status().w?.state).toBe('connected');
    expect(remotes.status().w?.error).toBeUndefined();
    const answer = await client.callTool({ name: 'weather_srv__forecast', arguments: { region: 'Lyon' } });
    expect(resultText(answer)).toBe('Sunny in Lyon.');
    await stop();
  });

  it('re-lists when the server says the headers do not match its definition, without sending the call again', async () => {
    const before = {
      ...forecast,
      inputSchema: { type: 'object', properties: { region: { type: 'string' } } },
    };
    const tools: Json[] = [before];
    const { client, calls, stop } = await connect(tools);
    // The server now designates `region`, without telling anyone (no notification stream).
    tools[0] = forecast;
    await expect(
      client.callTool({ name: 'weather_srv__forecast', arguments: { region: 'Oslo' } }),
    ).rejects.toThrow(/Header mismatch/);
    expect(calls).toHaveLength(1);
    await expect
      .poll(async () => (await client.listTools()).tools[0]?.inputSchema.properties?.region)
      .toMatchObject({ 'x-mcp-header': 'Region' });
    const fresh = await client.callTool({ name: 'weather_srv__forecast', arguments: { region: 'Oslo' } });
    expect(resultText(fresh)).toBe('Sunny in Oslo.');
    expect(calls.map((c) => c.headers['mcp-param-region'])).toEqual([undefined, 'Oslo']);
    await stop();
  });
});
