import type { Transport } from '@modelcontextprotocol/server';
import { type BridgeToWorker, parseBridgeMessage, type WorkerToBridge } from '../messages/bridge-messages';
import type { Logger } from '../shared/logger';
import type { PortEvent, PortLike } from './port-like';
import { PortTransport } from './port-transport';

/** The native-messaging port to the bridge, as the worker holds it (extension/background/bridge.ts opens it). */
export interface NativePort {
  postMessage(message: WorkerToBridge): void;
  disconnect(): void;
  readonly onMessage: PortEvent<[message: unknown, ...rest: unknown[]]>;
  readonly onDisconnect: PortEvent<[...rest: unknown[]]>;
}

/** One relay's session: an MCP transport of its own, as isolated as an extension page's Port. */
export interface BridgeSession {
  readonly id: string;
  /** The program that started the relay, as the bridge read it from the operating system. */
  readonly program: string;
  readonly transport: Transport;
  /** Ends the session; the relay is told why and waits to be let in again. */
  close(reason: string): void;
}

export interface BridgeLinkHooks {
  opened(session: BridgeSession): void;
  /** The bridge is listening (its socket), or could not start (a message for the user). */
  state(
    state:
      | { ready: true; socket: string; relay?: { command: string; args: string[] } }
      | { ready: false; error: string },
  ): void;
}

class Listeners<A extends unknown[]> implements PortEvent<A> {
  readonly #set = new Set<(...args: A) => void>();
  addListener(callback: (...args: A) => void) {
    this.#set.add(callback);
  }
  removeListener(callback: (...args: A) => void) {
    this.#set.delete(callback);
  }
  fire(...args: A) {
    for (const callback of [...this.#set]) callback(...args);
  }
}

/**
 * The worker's end of the bridge: it splits the one native-messaging port into a session per relay, each
 * a Port-like channel for the usual PortTransport (which checks every message is JSON-RPC). A message
 * that does not fit the bridge protocol, or names a session that is not open, is dropped.
 */
export class BridgeLink {
  readonly #sessions = new Map<string, SessionPort>();

  constructor(
    private readonly native: NativePort,
    private readonly hooks: BridgeLinkHooks,
    private readonly logger: Logger,
  ) {
    native.onMessage.addListener((raw) => this.#receive(raw));
    native.onDisconnect.addListener(() => {
      for (const port of this.#sessions.values()) port.ended();
      this.#sessions.clear();
    });
  }

  #receive(raw: unknown): void {
    const message = parseBridgeMessage(raw);
    if (message) this.#handle(message);
    else this.logger.warn('bridge: dropped a message that does not fit the protocol');
  }

  #handle(message: BridgeToWorker): void {
    switch (message.type) {
      case 'ready':
        this.hooks.state({
          ready: true,
          socket: message.socket,
          ...(message.relay ? { relay: message.relay } : {}),
        });
        break;
      case 'fatal':
        this.hooks.state({ ready: false, error: message.message });
        break;
      case 'open': {
        if (this.#sessions.has(message.session)) break; // the bridge's ids are unique: a repeat is dropped
        const port = new SessionPort(message.session, this.native, () =>
          this.#sessions.delete(message.session),
        );
        this.#sessions.set(message.session, port);
        this.hooks.opened({
          id: message.session,
          program: message.program,
          transport: new PortTransport(port),
          close: (reason) => port.closeWith(reason),
        });
        break;
      }
      case 'message':
        this.#sessions.get(message.session)?.deliver(message.message);
        break;
      case 'close': {
        const open = this.#sessions.get(message.session);
        this.#sessions.delete(message.session);
        open?.ended();
        break;
      }
    }
  }
}

/** One session over the shared native port, shaped as the extension Port that PortTransport expects. */
class SessionPort implements PortLike {
  readonly onMessage = new Listeners<[message: unknown, ...rest: unknown[]]>();
  readonly onDisconnect = new Listeners<[...rest: unknown[]]>();
  #open = true;

  constructor(
    readonly name: string,
    private readonly native: NativePort,
    private readonly forget: () => void,
  ) {}

  postMessage(message: unknown): void {
    if (!this.#open) throw new Error('The desktop assistant has disconnected.');
    this.native.postMessage({ type: 'message', session: this.name, message });
  }

  disconnect(): void {
    this.closeWith('Closed by Switchboard.');
  }

  closeWith(reason: string): void {
    if (!this.#open) return;
    try {
      this.native.postMessage({ type: 'close', session: this.name, reason });
    } catch {
      // The bridge is gone already: the session ends with it.
    }
    this.ended();
  }

  deliver(message: unknown): void {
    if (this.#open) this.onMessage.fire(message);
  }

  ended(): void {
    if (!this.#open) return;
    this.#open = false;
    this.forget();
    this.onDisconnect.fire();
  }
}
