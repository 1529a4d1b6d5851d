import { Client, type ClientCapabilities } from '@modelcontextprotocol/client';
import {
  getUiCapability,
  RESOURCE_MIME_TYPE,
  registerAppResource,
  registerAppTool,
} from '@modelcontextprotocol/ext-apps/server';
import { createMcpHandler, InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appResourceOf } from '../../src/assistant/apps/app-resource';
import { appResourceHostUri } from '../../src/assistant/apps/app-routing';
import { connectAssistant } from '../../src/host/assistant-endpoint';
import type { Host } from '../../src/host/host';
import { MCP_APPS_CAPABILITY } from '../../src/messages/mcp-apps';
import { silentLogger } from '../../src/shared/logger';
import { makeHost, remoteConfig, resultText } from './helpers';

const APP = 'ui://forecast/app.html';

/** A forecast server made with the ext-apps SDK, in process; it records what its clients declared. */
function forecastServer() {
  const declared: (ClientCapabilities | undefined)[] = [];
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'forecast', version: '1' });
    registerAppTool(
      server,
      'show_forecast',
      {
        description: 'Shows the forecast',
        inputSchema: z.object({ city: z.string() }),
        _meta: { ui: { resourceUri: APP } },
      },
      async ({ city }) => {
        // What the host's client declared (with the request, on a 2026-07-28 connection).
        declared.push(server.server.getClientCapabilities());
        return { content: [{ type: 'text', text: `Sunny in ${city}.` }] };
      },
    );
    registerAppTool(
      server,
      'refresh_forecast',
      {
        description: 'For the app',
        inputSchema: z.object({ city: z.string() }),
        _meta: { ui: { resourceUri: APP, visibility: ['app'] } },
      },
      async ({ city }) => ({ content: [{ type: 'text', text: `Still sunny in ${city}.` }] }),
    );
    registerAppResource(server, 'Forecast', APP, {}, async () => ({
      contents: [{ uri: APP, mimeType: RESOURCE_MIME_TYPE, text: '<!doctype html><p>Forecast</p>' }],
    }));
    return server;
  });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    handler.fetch(new Request(input, init))) as typeof globalThis.fetch;
  return { fetch, declared };
}

async function assistant(host: Host, capabilities: ClientCapabilities) {
  const [mine, hosts] = InMemoryTransport.createLinkedPair();
  await connectAssistant(host, hosts, silentLogger, 'test');
  const client = new Client({ name: 'unit-assistant', version: '1' }, { capabilities });
  await client.connect(mine);
  return client;
}

describe('MCP Apps through the host', () => {
  it('declares the extension to servers, and lists app-only tools only to assistants that render apps', async () => {
    const server = forecastServer();
    const { host, remotes } = await makeHost(undefined, { remote: { fetch: server.fetch } });
    remotes.set([remoteConfig('f', 'Forecast', 'https://forecast.invalid/mcp')]);
    await host.settled();
    const renders = await assistant(host, MCP_APPS_CAPABILITY);
    await renders.callTool({ name: 'forecast_srv__show_forecast', arguments: { city: 'Paris' } });
    expect(getUiCapability(server.declared.at(-1))?.mimeTypes).toEqual([RESOURCE_MIME_TYPE]);

    const plain = await assistant(host, {});
    const listed = (await renders.listTools()).tools;
    // As the server declared them, _meta and all: the assistant keeps app-only ones from its model.
    expect(listed.map((t) => t.name)).toEqual([
      'forecast_srv__refresh_forecast',
      'forecast_srv__show_forecast',
    ]);
    expect(listed[0]?._meta?.ui).toEqual({ resourceUri: APP, visibility: ['app'] });
    expect((await plain.listTools()).tools.map((t) => t.name)).toEqual(['forecast_srv__show_forecast']);

    // An assistant without apps is refused the app-only tool; the one with apps may call it for its app.
    const refused = await plain.callTool({
      name: 'forecast_srv__refresh_forecast',
      arguments: { city: 'Paris' },
    });
    expect(refused.isError).toBe(true);
    expect(resultText(refused)).toMatch(/for the server's app only/);
    const called = await renders.callTool({
      name: 'forecast_srv__refresh_forecast',
      arguments: { city: 'Paris' },
    });
    expect(resultText(called)).toBe('Still sunny in Paris.');

    // The app's document, read through the host from that server.
    const uri = appResourceHostUri('forecast_srv__show_forecast', APP) as string;
    expect(appResourceOf(await renders.readResource({ uri }), uri).html).toBe(
      '<!doctype html><p>Forecast</p>',
    );
    await remotes.remove('f');
  });
});
