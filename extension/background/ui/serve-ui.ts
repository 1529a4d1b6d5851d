import type browser from 'webextension-polyfill';
import { envelope } from '../../../src/messages/contract';
import { parseUiMessage, type UiToWorker } from '../../../src/messages/validate';
import { toWireError } from '../../../src/shared/errors';
import type { Logger } from '../../../src/shared/logger';
import { approvalHandlers } from './approvals';
import { auditHandlers } from './audit';
import type { TabReach, UiContext, UiHandlers, UiServices } from './context';
import { desktopHandlers } from './desktop';
import { serverHandlers } from './servers';
import { settingsHandlers } from './settings';
import { tabHandlers } from './tabs';

/**
 * One extension page (popup, options, approval window) on the 'ui' Port: it watches what it shows, we
 * push changes, and its actions come back on the same Port. Senders were checked by the caller; every
 * message is checked by parseUiMessage before a handler sees it.
 */
export function serveUi(
  port: browser.Runtime.Port,
  ready: Promise<UiServices>,
  tabs: TabReach,
  logger: Logger,
): void {
  let closed = false;
  const watches = new Map<string, () => void>();
  port.onDisconnect.addListener(() => {
    closed = true;
    for (const off of watches.values()) off();
  });
  let handlers: Promise<UiHandlers> | undefined;
  const handlersFor = (services: UiServices): UiHandlers => {
    const ctx: UiContext = {
      services,
      post: (type, payload) => {
        if (!closed) port.postMessage(envelope(type, payload));
      },
      watch: (kind, off) => {
        watches.get(kind)?.();
        watches.set(kind, off);
      },
      ...tabs,
    };
    return {
      ...tabHandlers(ctx),
      ...serverHandlers(ctx),
      ...approvalHandlers(ctx),
      ...settingsHandlers(ctx),
      ...auditHandlers(ctx),
      ...desktopHandlers(ctx),
    };
  };

  port.onMessage.addListener(async (raw: unknown) => {
    try {
      const message = parseUiMessage(raw);
      handlers ??= ready.then(handlersFor);
      await dispatch(await handlers, message);
    } catch (error) {
      logger.warn('ui message failed', error);
      if (!closed) port.postMessage(envelope('worker→ui:error', toWireError(error)));
    }
  });
}

/** The one place a message meets its handler; the table's type makes every message type have one. */
function dispatch<M extends UiToWorker>(handlers: UiHandlers, message: M): Promise<void> | void {
  const handler = handlers[message.type] as (payload: M['payload']) => Promise<void> | void;
  return handler(message.payload);
}
