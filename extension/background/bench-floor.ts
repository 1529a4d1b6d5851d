import type browser from 'webextension-polyfill';

/**
 * Bench builds only: the bare-ports floor. An extension page's 'bench-floor-ui' port is relayed to the tab's
 * 'bench-floor-page' content-script port, which relays to the main world and back: the same hops as an MCP
 * tool call, with no MCP, no host logic and no tool.
 */
const pagePorts = new Map<number, browser.Runtime.Port>();

export function serveBenchFloor(
  port: browser.Runtime.Port,
  coldStart: () => Promise<{ scriptStart: number; ready: number; connecting: number }>,
): boolean {
  if (port.name === 'bench-coldstart') {
    void coldStart().then((timings) => port.postMessage(timings));
    return true;
  }
  if (port.name === 'bench-floor-page' && port.sender?.tab?.id !== undefined) {
    const tabId = port.sender.tab.id;
    pagePorts.set(tabId, port);
    port.onDisconnect.addListener(() => pagePorts.delete(tabId));
    return true;
  }
  if (port.name === 'bench-floor-ui') {
    port.onMessage.addListener((raw: unknown) => {
      const message = raw as { tabId: number; id: number };
      const page = pagePorts.get(message.tabId);
      if (!page) return port.postMessage({ id: message.id, error: 'no page port' });
      const onReply = (reply: unknown) => {
        if ((reply as { id: number }).id !== message.id) return;
        page.onMessage.removeListener(onReply);
        port.postMessage(reply);
      };
      page.onMessage.addListener(onReply);
      page.postMessage({ id: message.id });
    });
    return true;
  }
  return false;
}
