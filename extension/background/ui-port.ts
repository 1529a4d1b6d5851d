import type browser from 'webextension-polyfill';
import type { Host } from '../../src/host/host';
import { envelope, type MessageKey, type Messages } from '../../src/messages/contract';
import { parseUiMessage, type UiToWorker } from '../../src/messages/validate';
import type { ServerRegistry } from '../../src/remote/server-registry';
import type { SettingsService } from '../../src/settings/settings-service';
import { toWireError } from '../../src/shared/errors';
import type { Logger } from '../../src/shared/logger';
import type { ConsentWindow } from './approval-window';

export interface UiServices {
  host: Host;
  servers: ServerRegistry;
  settings: SettingsService;
  /** The approval window (see approval-window.ts). */
  approvals: ConsentWindow;
}

const UNAVAILABLE =
  'Switchboard cannot work on this page (browser pages, the Web Store, or a tab that was open before Switchboard was installed: reload it).';

/**
 * One extension page (popup, options, approval window) on the 'ui' Port: it watches what it shows, we
 * push changes, and its actions come back on the same Port. Senders were checked by the caller.
 */
export function serveUi(
  port: browser.Runtime.Port,
  ready: Promise<UiServices>,
  connectTab: (tabId: number) => Promise<boolean>,
  logger: Logger,
): void {
  let closed = false;
  const watches = new Map<string, () => void>();
  const post = <K extends MessageKey>(type: K, payload: Messages[K]) => {
    if (!closed) port.postMessage(envelope(type, payload));
  };
  /** Replaces a watch of the same kind (a page re-sends watch-* after it reconnects). */
  const watch = (kind: string, off: () => void) => {
    watches.get(kind)?.();
    watches.set(kind, off);
  };
  port.onDisconnect.addListener(() => {
    closed = true;
    for (const off of watches.values()) off();
  });

  let watchedTab: number | undefined;
  let reaching: Promise<void> | undefined;
  const pushTab = (host: Host, tabId: number, override?: Partial<ReturnType<Host['tabState']>>) => {
    if (watchedTab === tabId) post('worker→ui:tab-state', { ...host.tabState(tabId), ...override });
  };
  const reach = (host: Host, tabId: number): Promise<void> =>
    (reaching ??= (async () => {
      pushTab(host, tabId, { state: 'connecting' });
      const reachable = await connectTab(tabId);
      await host.settled();
      if (!reachable && !host.hasTab(tabId))
        pushTab(host, tabId, { state: 'unavailable', error: UNAVAILABLE });
      else pushTab(host, tabId);
    })().finally(() => {
      reaching = undefined;
    }));

  const handle = async (message: UiToWorker, { host, servers, settings, approvals }: UiServices) => {
    const { queue } = host.consent;
    switch (message.type) {
      case 'ui→worker:watch-tab': {
        const { tabId } = message.payload;
        watchedTab = tabId;
        watch(
          'tab',
          host.events.on('tabChanged', (changed) => {
            if (changed !== tabId) return;
            // The page navigated away and its server went with it: reach the new document.
            if (!host.hasTab(tabId)) void reach(host, tabId);
            else pushTab(host, tabId);
          }),
        );
        if (host.hasTab(tabId)) pushTab(host, tabId);
        else await reach(host, tabId);
        return;
      }
      case 'ui→worker:set-grant': {
        const { origin, target, granted } = message.payload;
        return settings.setGrant(origin, target, granted);
      }
      case 'ui→worker:watch-servers': {
        const send = () => post('worker→ui:servers', { servers: servers.views() });
        watch('servers', host.events.on('serversChanged', send));
        return send();
      }
      case 'ui→worker:save-server':
        await servers.save(message.payload);
        return;
      case 'ui→worker:remove-server':
        await servers.remove(message.payload.id);
        return post('worker→ui:servers', { servers: servers.views() });
      case 'ui→worker:sign-in':
        return host.signIn(message.payload.id);
      case 'ui→worker:sign-out':
        return host.signOut(message.payload.id);
      case 'ui→worker:watch-approvals': {
        const send = () => {
          const window = approvals.current();
          post('worker→ui:approvals', { pending: queue.pending(), ...(window ? { window } : {}) });
        };
        watch('approvals', queue.events.on('changed', send));
        return send();
      }
      case 'ui→worker:answer':
        if (!queue.answer(message.payload.id, message.payload.answer)) {
          throw new Error('That request is no longer waiting: it timed out or was cancelled.');
        }
        return;
      case 'ui→worker:open-approvals':
        return approvals.open();
      case 'ui→worker:watch-settings': {
        const send = () => void settings.view().then((view) => post('worker→ui:settings', view));
        const offs = [settings.onChange(send), host.events.on('serversChanged', send)];
        watch('settings', () => {
          for (const off of offs) off();
        });
        return send();
      }
      case 'ui→worker:site':
        return settings.siteAction(message.payload.origin, message.payload.action);
      case 'ui→worker:forget-approval': {
        const { assistant, source, tool } = message.payload;
        return settings.forgetApproval(assistant, source, tool);
      }
      case 'ui→worker:set-preferences':
        return settings.setPreferences(message.payload);
      case 'ui→worker:read-audit':
        return post('worker→ui:audit', {
          entries: await host.consent.audit.all(),
          limit: host.consent.preferences.current.auditLimit,
        });
      case 'ui→worker:export-settings':
        return post('worker→ui:settings-export', { json: await settings.exportSettings() });
      case 'ui→worker:import-settings':
        return post('worker→ui:settings-imported', {
          summary: await settings.importSettings(message.payload.text),
        });
    }
  };

  port.onMessage.addListener(async (raw: unknown) => {
    try {
      await handle(parseUiMessage(raw), await ready);
    } catch (error) {
      logger.warn('ui message failed', error);
      post('worker→ui:error', toWireError(error));
    }
  });
}
