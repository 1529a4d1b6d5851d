import { describe, expect, it, vi } from 'vitest';
import { handWrittenServer, type Json } from './fakes/hand-written-server';
import { makeHost, openAssistant, remoteConfig, resultText } from './helpers';

const tool = (name: string, inputSchema: Json = { type: 'object' }) => ({
  name,
  description: name,
  inputSchema,
});
const echo = (_tools: Json[], params: Json) => ({
  content: [{ type: 'text', text: JSON.stringify(params.arguments) }],
});

async function connect(tools: Json[], ttlMs: number) {
  const server = handWrittenServer(tools, echo, { ttlMs });
  let clock = 1_000_000;
  const built = await makeHost(undefined, { remote: { fetch: server.fetch }, now: () => clock });
  built.remotes.set([remoteConfig('s', 'Shop', 'https://shop.invalid/mcp')]);
  await built.host.settled();
  expect(built.remotes.status().s).toMatchObject({ state: 'connected', protocolVersion: '2026-07-28' });
  const assistant = await openAssistant(built.host);
  const names = async () => (await assistant.client.listTools()).tools.map((t) => t.name);
  const wait = (ms: number) => {
    clock += ms;
  };
  return { ...built, ...assistant, names, wait, lists: server.lists, stop: () => built.remotes.remove('s') };
}

describe('a 2026-07-28 server’s lists', () => {
  it('are listed again when an assistant looks after their ttlMs ran out, not before', async () => {
    const tools = [tool('search')];
    const { names, wait, lists, notifications, stop } = await connect(tools, 60_000);
    expect(lists()).toBe(1);
    tools.push(tool('checkout')); // the server changed; it has no way to say so (no notification stream)

    wait(30_000);
    expect(await names()).toEqual(['shop_srv__search']);
    expect(lists()).toBe(1);

    wait(31_000);
    // The assistant gets what the host has at once; the new list follows, with a list_changed.
    expect(await names()).toEqual(['shop_srv__search']);
    await expect.poll(names).toEqual(['shop_srv__checkout', 'shop_srv__search']);
    expect(notifications).toContain('notifications/tools/list_changed');
    expect(lists()).toBe(2);

    wait(10_000);
    await names();
    expect(lists()).toBe(2); // fresh again for another minute
    await stop();
  });

  it('with ttlMs 0 (stale at once), are listed again on each look, and an unchanged list says nothing', async () => {
    const { names, lists, notifications, stop } = await connect([tool('search')], 0);
    // Each look starts a re-list, unless one is still on its way.
    await expect
      .poll(async () => {
        await names();
        return lists();
      })
      .toBeGreaterThanOrEqual(3);
    expect(notifications).not.toContain('notifications/tools/list_changed');
    await stop();
  });
});

describe('JSON Schema 2020-12 from a server to the assistant', () => {
  // The conformance suite's fixture (json-schema-2020-12): every keyword SEP-1613 and SEP-2106 name.
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    $defs: {
      address: {
        $anchor: 'addressDef',
        type: 'object',
        properties: { street: { type: 'string' }, city: { type: 'string' } },
      },
    },
    properties: {
      name: { type: 'string' },
      address: { $ref: '#/$defs/address' },
      contactMethod: { type: 'string', enum: ['phone', 'email'] },
      phone: { type: 'string' },
      email: { type: 'string' },
      profile: { $ref: 'https://schemas.example/profile.json' },
    },
    allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
    if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, which this test is about.
    then: { required: ['phone'] },
    else: { required: ['email'] },
    additionalProperties: false,
  };

  it('reaches the assistant as the server wrote it, goes back unchanged, and no $ref is fetched', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const echoTool = tool('json_schema_echo', {
      type: 'object',
      properties: { schema: { type: 'object' } },
      required: ['schema'],
    });
    const { client, stop } = await connect([tool('contact', schema), echoTool], 0);
    const listed = (await client.listTools()).tools.find((t) => t.name === 'shop_srv__contact');
    expect(listed?.inputSchema).toEqual(schema);
    const back = await client.callTool({
      name: 'shop_srv__json_schema_echo',
      arguments: { schema: listed?.inputSchema },
    });
    expect(JSON.parse(resultText(back))).toEqual({ schema });
    // The host checks arguments against it (local $refs, if/then/else)…
    const ok = await client.callTool({
      name: 'shop_srv__contact',
      arguments: { name: 'Ada', email: 'a@b.c' },
    });
    expect(ok.isError).toBeFalsy();
    const wrong = await client.callTool({
      name: 'shop_srv__contact',
      arguments: { contactMethod: 'phone', email: 'a@b.c' },
    });
    expect(resultText(wrong)).toMatch(/^Invalid arguments for "contact"/);
    // …but a value that needs the network $ref refuses the call rather than fetch it.
    const profiled = await client.callTool({
      name: 'shop_srv__contact',
      arguments: { email: 'a@b.c', profile: { displayName: 'Ada' } },
    });
    expect(resultText(profiled)).toMatch(/cannot be called: its input schema cannot be used/);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
    await stop();
  });
});
