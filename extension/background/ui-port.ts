import type browser from 'webextension-polyfill';
import type { Host } from '../../src/host/host';
import { envelope } from '../../src/messages/contract';
import { parseUiMessage } from '../../src/messages/validate';
import type { ServerRegistry } from '../../src/remote/server-registry';
import { toWireError } from '../../src/shared/errors';
import type { Logger } from '../../src/shared/logger';

/**
 * The popup's live view of one tab: it watches a tab, we push that tab's state whenever it changes,
 * and grant changes come back on the same port. Senders were checked by the caller.
 */
export function serveUi(
  port: browser.Runtime.Port,
  hostReady: Promise<{ host: Host; servers: ServerRegistry }>,
  connectTab: (tabId: number) => Promise<boolean>,
  logger: Logger,
): void {
  let watched: number | undefined;
  let off: (() => void) | undefined;
  let offServers: (() => void) | undefined;
  let closed = false;
  const push = (host: Host, tabId: number, override?: Partial<ReturnType<Host['tabState']>>) => {
    if (closed || watched !== tabId) return;
    port.postMessage(envelope('worker→ui:tab-state', { ...host.tabState(tabId), ...override }));
  };

  let reaching: Promise<void> | undefined;
  const reach = (host: Host, tabId: number): Promise<void> =>
    (reaching ??= (async () => {
      push(host, tabId, { state: 'connecting' });
      const reachable = await connectTab(tabId);
      await host.settled();
      if (!reachable && !host.hasTab(tabId)) {
        push(host, tabId, {
          state: 'unavailable',
          error:
            'Switchboard cannot work on this page (browser pages, the Web Store, or a tab that was open before Switchboard was installed: reload it).',
        });
      } else push(host, tabId);
    })().finally(() => {
      reaching = undefined;
    }));

  port.onDisconnect.addListener(() => {
    closed = true;
    off?.();
    offServers?.();
  });

  port.onMessage.addListener(async (raw: unknown) => {
    try {
      const message = parseUiMessage(raw);
      const { host, servers } = await hostReady;
      if (message.type === 'ui→worker:watch-tab') {
        const { tabId } = message.payload;
        watched = tabId;
        off?.();
        off = host.events.on('tabChanged', (changed) => {
          if (changed !== tabId) return;
          // The page navigated away and its server went with it: reach the new document.
          if (!host.hasTab(tabId)) void reach(host, tabId);
          else push(host, tabId);
        });
        if (host.hasTab(tabId)) push(host, tabId);
        else await reach(host, tabId);
      } else if (message.type === 'ui→worker:set-grant') {
        const { origin, target, granted } = message.payload;
        await host.grants.set(origin, target, granted);
      } else if (message.type === 'ui→worker:watch-servers') {
        const send = () =>
          !closed && port.postMessage(envelope('worker→ui:servers', { servers: servers.views() }));
        offServers?.();
        offServers = host.events.on('serversChanged', send);
        send();
      } else if (message.type === 'ui→worker:save-server') {
        await servers.save(message.payload);
      } else if (message.type === 'ui→worker:remove-server') {
        await servers.remove(message.payload.id);
        if (!closed) port.postMessage(envelope('worker→ui:servers', { servers: servers.views() }));
      }
    } catch (error) {
      logger.warn('ui message failed', error);
      if (!closed) port.postMessage(envelope('worker→ui:error', toWireError(error)));
    }
  });
}
