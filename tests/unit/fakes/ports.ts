import type { PortEvent, PortLike } from '../../../src/transports/port-like';

class FakeEvent<A extends unknown[]> implements PortEvent<A> {
  readonly listeners = new Set<(...args: A) => void>();
  addListener(cb: (...args: A) => void): void {
    this.listeners.add(cb);
  }
  removeListener(cb: (...args: A) => void): void {
    this.listeners.delete(cb);
  }
  fire(...args: A): void {
    for (const cb of [...this.listeners]) cb(...args);
  }
}

export class FakePort implements PortLike {
  readonly onMessage = new FakeEvent<[unknown]>();
  readonly onDisconnect = new FakeEvent<[]>();
  peer: FakePort | undefined;
  connected = true;
  constructor(readonly name: string) {}

  postMessage(message: unknown): void {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    // Like Chrome: delivery is async and structured-cloned (JSON-serialisable for extension messaging).
    const copy = JSON.parse(JSON.stringify(message));
    queueMicrotask(() => this.peer?.connected && this.peer.onMessage.fire(copy));
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    const peer = this.peer;
    if (peer?.connected) {
      peer.connected = false;
      queueMicrotask(() => peer.onDisconnect.fire());
    }
  }
}

/** Two linked ports, like the two ends of chrome.runtime.connect(). */
export function portPair(name = 'test'): [FakePort, FakePort] {
  const a = new FakePort(name);
  const b = new FakePort(name);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
