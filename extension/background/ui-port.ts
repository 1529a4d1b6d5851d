import type browser from 'webextension-polyfill';
import type { Host } from '../../src/host/host';
import { envelope } from '../../src/messages/contract';
import { parseUiMessage } from '../../src/messages/validate';
import { toWireError } from '../../src/shared/errors';
import type { Logger } from '../../src/shared/logger';

/**
 * The popup's live view of one tab: it watches a tab, we push that tab's state whenever it changes,
 * and grant changes come back on the same port. Senders were checked by the caller.
 */
export function serveUi(
  port: browser.Runtime.Port,
  hostReady: Promise<Host>,
  connectTab: (tabId: number) => Promise<boolean>,
  logger: Logger,
): void {
  let watched: number | undefined;
  let off: (() => void) | undefined;
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
  });

  port.onMessage.addListener(async (raw: unknown) => {
    try {
      const message = parseUiMessage(raw);
      const host = await hostReady;
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
      } else {
        const { origin, target, granted } = message.payload;
        await host.grants.set(origin, target, granted);
      }
    } catch (error) {
      logger.warn('ui message failed', error);
      if (!closed) port.postMessage(envelope('worker→ui:error', toWireError(error)));
    }
  });
}
