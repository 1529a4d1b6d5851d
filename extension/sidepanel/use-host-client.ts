import { Client, type Resource, type Tool } from '@modelcontextprotocol/client';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { PORT_NAMES } from '../../src/messages/contract';
import { MCP_APPS_CAPABILITY } from '../../src/messages/mcp-apps';
import { BUILT_IN_ASSISTANT } from '../../src/messages/names';
import { PortTransport } from '../../src/transports/port-transport';

export const ASSISTANT_INFO = { ...BUILT_IN_ASSISTANT, version: '1' };

export interface HostClient {
  client: Client | undefined;
  tools: Tool[];
  resources: Resource[];
  /** The client once connected (the panel may be used while the worker is still waking). */
  ready(): Promise<Client>;
}

let connected: ((client: Client) => void) | undefined;
let whenConnected = new Promise<Client>((resolve) => {
  connected = resolve;
});

/**
 * The side panel as an MCP client of the host (the `mcp` Port): it sees only what the user granted. The
 * worker may restart at any time and the Port dies with it, so this reconnects and re-lists.
 */
export function useHostClient(): HostClient {
  const ready = () => whenConnected;
  const [state, setState] = useState<HostClient>({ client: undefined, tools: [], resources: [], ready });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    // It renders MCP Apps: the host then lists it the app-only tools too, for its apps (never its model).
    const client = new Client(ASSISTANT_INFO, { capabilities: MCP_APPS_CAPABILITY });
    const refresh = async () => {
      const [tools, resources] = await Promise.all([
        client.listTools().then((r) => r.tools),
        client.listResources().then((r) => r.resources),
      ]);
      if (!live) return;
      setState({ client, tools, resources, ready });
      connected?.(client);
    };
    client.setNotificationHandler('notifications/tools/list_changed', () => void refresh());
    client.setNotificationHandler('notifications/resources/list_changed', () => void refresh());
    client.onclose = () => {
      if (!live) return;
      setState({ client: undefined, tools: [], resources: [], ready });
      whenConnected = new Promise<Client>((resolve) => {
        connected = resolve;
      });
      setTimeout(() => setGeneration((g) => g + 1), 300);
    };
    const port = browser.runtime.connect({ name: PORT_NAMES.assistant });
    client
      .connect(new PortTransport(port))
      .then(refresh)
      .catch(() => port.disconnect());
    return () => {
      live = false;
      void client.close();
    };
  }, [generation]);

  return state;
}
