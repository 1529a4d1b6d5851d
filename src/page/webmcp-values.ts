import type { PolyfillWindow } from './webmcp-types';

/**
 * "Queue a task", as the spec says for registration and execution. A MessageChannel task runs as soon as
 * the event loop is free, where setTimeout(0) in a background tab can wait for the timer throttle.
 */
export function queueTask(win: PolyfillWindow): (cb: () => void) => void {
  if (!win.MessageChannel) return (cb) => void win.setTimeout(cb, 0);
  const channel = new win.MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (cb) => {
    queue.push(cb);
    channel.port2.postMessage(null);
  };
}

/** Native Chromium's rule: strings as-is ('' reads "Operation succeeded"), other primitives String(), objects JSON. */
export function serializeResult(value: unknown, stringify: typeof JSON.stringify): string {
  if (typeof value === 'string') return value === '' ? 'Operation succeeded' : value;
  if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  if (typeof value === 'bigint') return String(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || value === undefined ? 'undefined' : String(value);
  }
  const text = stringify(value) as string | undefined;
  return text === undefined ? 'undefined' : text;
}

export function isSecureOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'https:' ||
      url.protocol === 'wss:' ||
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}
