/**
 * `npm run conformance:client -- <url>`: the host's own remote-server client core (src/host, src/remote),
 * driven from Node for @modelcontextprotocol/conformance. The runner appends the server URL and names the
 * scenario in MCP_CONFORMANCE_SCENARIO. Elicitation is answered "accept" with the schema's defaults, the
 * way the consent UI will once a person clicks Accept on an untouched form.
 */
import { memoryConsent } from '../src/consent/consent';
import { Host } from '../src/host/host';
import { MemoryGrantStore } from '../src/permissions/grant-store';
import { Grants } from '../src/permissions/grants';
import { consoleLogger } from '../src/shared/logger';

const url = process.argv.at(-1);
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: npm run conformance:client -- <server url>');
  process.exit(2);
}

const CALLS: Record<string, { tool: string; args: Record<string, unknown> }> = {
  tools_call: { tool: 'add_numbers', args: { a: 5, b: 3 } },
  'elicitation-sep1034-client-defaults': { tool: 'test_client_elicitation_defaults', args: {} },
  'sse-retry': { tool: 'test_reconnection', args: {} },
};

const grants = new Grants(new MemoryGrantStore());
await grants.load();
const logger = consoleLogger('conformance');
const host = new Host({
  grants,
  consent: memoryConsent({ logger, openUrl: async () => {} }),
  logger,
  version: '0.1.0',
  remote: {
    capabilities: { elicitation: { form: { applyDefaults: true } } },
    setup: (client) =>
      client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: {} })),
  },
});
host.setRemoteServers([
  {
    id: 'conformance',
    name: 'conformance',
    url,
    headers: {},
    enabled: true,
    allowAllTools: true,
    createdAt: Date.now(),
  },
]);
await host.settled();
const status = host.remoteStatus().conformance;
if (status?.state !== 'connected') {
  console.error(`not connected: ${status?.error ?? status?.state}`);
  process.exit(1);
}
const call = CALLS[scenario];
if (call) {
  const name = `conformance_srv__${call.tool}`;
  const result = await host.callTool(name, call.args, {
    assistant: { id: 'conformance', label: 'Conformance' },
  });
  console.log(JSON.stringify(result));
}
await host.removeRemoteServer('conformance');
process.exit(0);
