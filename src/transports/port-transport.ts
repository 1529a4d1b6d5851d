import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { asJsonRpcMessage } from './json-rpc-guard';
import type { PortLike } from './port-like';

const MAX_EARLY = 64;

/**
 * An MCP Transport over an extension runtime Port: one JSON-RPC message per postMessage, as the assistant
 * endpoint contract says. Both ends use it (the host's Client and the page's Server).
 *
 * Every inbound message is checked against the JSON-RPC schema before the SDK sees it: a Port's other end
 * may be a compromised renderer. A malformed message is reported through onerror and dropped; the SDK then
 * answers nothing, which the caller's request timeout turns into an error.
 */
export class PortTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  #closed = false;
  #started = false;
  /** Messages that arrived before start(): a Port delivers as soon as it exists, setup may be async. */
  #early: unknown[] | undefined = [];

  constructor(private readonly port: PortLike) {
    port.onMessage.addListener(this.#onMessage);
    port.onDisconnect.addListener(this.#onDisconnect);
  }

  async start(): Promise<void> {
    if (this.#started) throw new Error('PortTransport already started');
    this.#started = true;
    const early = this.#early ?? [];
    this.#early = undefined;
    for (const raw of early) this.#deliver(raw);
    if (this.#closed) this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) throw new Error('Port is closed');
    try {
      this.port.postMessage(message);
    } catch (error) {
      // postMessage throws once the other end is gone; treat it as a close, not a crash.
      this.#finish();
      throw new Error('Port disconnected while sending', { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      this.port.disconnect();
    } finally {
      this.#finish();
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  #onMessage = (raw: unknown): void => {
    if (this.#early) {
      if (this.#early.length < MAX_EARLY) this.#early.push(raw);
      else this.onerror?.(new Error('Too many messages before the transport started; dropped one'));
      return;
    }
    this.#deliver(raw);
  };

  #deliver(raw: unknown): void {
    const message = asJsonRpcMessage(raw);
    if (!message) {
      this.onerror?.(new Error('Dropped a message from the port that is not JSON-RPC 2.0'));
      return;
    }
    this.onmessage?.(message);
  }

  #onDisconnect = (): void => this.#finish();

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.port.onMessage.removeListener(this.#onMessage);
    this.port.onDisconnect.removeListener(this.#onDisconnect);
    if (this.#started) this.onclose?.();
  }
}
