/**
 * The slice of extension runtime Port our transports use. extension/ passes the real Port; tests pass a
 * linked in-memory pair (tests/unit/fakes/ports.ts).
 */
export interface PortEvent<A extends unknown[]> {
  addListener(callback: (...args: A) => void): void;
  removeListener(callback: (...args: A) => void): void;
}

export interface PortLike {
  readonly name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: PortEvent<[message: unknown, ...rest: unknown[]]>;
  readonly onDisconnect: PortEvent<[...rest: unknown[]]>;
}
