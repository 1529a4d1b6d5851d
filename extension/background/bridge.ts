import { BRIDGE_HOST_NAME } from '../../src/messages/bridge-messages';
import type { BridgeStateView } from '../../src/messages/contract';
import { Emitter } from '../../src/shared/emitter';
import type { Logger } from '../../src/shared/logger';
import { BridgeLink, type BridgeSession, type NativePort } from '../../src/transports/bridge-link';

const ALARM = 'bridge-reconnect';

/**
 * The worker's connection to the desktop bridge (chrome.runtime.connectNative). An open native port keeps
 * the worker alive; if the worker is stopped anyway, an alarm every 30 s (Chrome's shortest) wakes it to
 * connect again. The alarm exists only while the bridge is installed, so that a user who never installed
 * it does not have the worker woken for nothing.
 */
export class BridgeConnection {
  readonly events: Emitter<{ changed: [] }>;
  #port: chrome.runtime.Port | undefined;
  #state: BridgeStateView = { state: 'not-installed' };

  constructor(
    private readonly opened: (session: BridgeSession) => void,
    private readonly logger: Logger,
  ) {
    this.events = new Emitter((error) => logger.error('bridge listener failed', error));
  }

  get state(): BridgeStateView {
    return this.#state;
  }

  /** Connects unless connected; called at start-up and by the alarm. */
  connect(): void {
    if (this.#port) return;
    let port: chrome.runtime.Port;
    try {
      port = chrome.runtime.connectNative(BRIDGE_HOST_NAME);
    } catch (error) {
      this.#set({ state: 'error', error: String(error) });
      return;
    }
    this.#port = port;
    new BridgeLink(
      port as unknown as NativePort,
      {
        opened: (session) => this.opened(session),
        state: (state) => {
          if (state.ready) {
            this.#set({
              state: 'connected',
              socket: state.socket,
              ...(state.relay ? { relay: state.relay } : {}),
            });
            // Created (or renewed) while the bridge is there; cleared below when it is uninstalled.
            void chrome.alarms.create(ALARM, { periodInMinutes: 0.5 });
          } else this.#set({ state: 'error', error: state.error });
        },
      },
      this.logger,
    );
    port.onDisconnect.addListener(() => {
      const why = chrome.runtime.lastError?.message ?? 'The bridge stopped.';
      this.logger.warn(`bridge: ${why}`);
      if (this.#port === port) this.#port = undefined;
      // "Specified native messaging host not found." when `npm run bridge -- install` was never run.
      if (/not found/i.test(why)) {
        this.#set({ state: 'not-installed' });
        void chrome.alarms.clear(ALARM);
      } else this.#set({ state: 'error', error: why });
    });
  }

  #set(state: BridgeStateView): void {
    this.#state = state;
    this.events.emit('changed');
  }
}

/** Registered at top level (MV3): the alarm wakes a stopped worker, whose start-up connects again. */
export function onBridgeAlarm(reconnect: () => void): void {
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) reconnect();
  });
}
