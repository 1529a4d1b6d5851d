// Chrome's native-messaging framing: each message is a 4-byte length in native byte order (little-endian
// on every platform Chrome ships on), then that many bytes of UTF-8 JSON.
// https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-host-protocol

/** Chrome refuses a message from the host larger than this, and closes the port. */
export const MAX_TO_EXTENSION = 1024 * 1024;
/** Chrome sends at most 64 MiB to the host; anything claiming more is not Chrome. */
export const MAX_FROM_EXTENSION = 64 * 1024 * 1024;

export class FrameError extends Error {
  name = 'FrameError';
}

/** One message as a frame. Throws FrameError when it is over `limit` bytes, so the caller can refuse it. */
export function encodeFrame(message, limit = MAX_TO_EXTENSION) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > limit) {
    throw new FrameError(`The message is ${body.length} bytes; the browser accepts at most ${limit}.`);
  }
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

/**
 * Reads frames from a byte stream that arrives in arbitrary chunks. A frame over `limit`, or one that is
 * not JSON, is an error: the stream cannot be trusted after it, so the reader stops.
 */
export class FrameReader {
  #buffer = Buffer.alloc(0);
  #failed = false;

  constructor(limit = MAX_FROM_EXTENSION) {
    this.limit = limit;
  }

  /** Returns the whole messages `chunk` completes; throws FrameError on a bad frame. */
  push(chunk) {
    if (this.#failed) return [];
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    const out = [];
    while (this.#buffer.length >= 4) {
      const length = this.#buffer.readUInt32LE(0);
      if (length > this.limit) {
        this.#failed = true;
        throw new FrameError(`A frame claims ${length} bytes; at most ${this.limit} are accepted.`);
      }
      if (this.#buffer.length < 4 + length) break;
      const body = this.#buffer.subarray(4, 4 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(4 + length);
      try {
        out.push(JSON.parse(body));
      } catch {
        this.#failed = true;
        throw new FrameError('A frame is not JSON.');
      }
    }
    return out;
  }
}

/**
 * Newline-delimited JSON, as MCP's stdio transport and our socket carry it. A line over `limit` bytes or
 * one that is not JSON is reported through `onBad` and dropped; the lines after it still count.
 */
export class LineReader {
  #pending = '';

  constructor(limit, onBad) {
    this.limit = limit;
    this.onBad = onBad;
  }

  push(chunk) {
    const out = [];
    const text = this.#pending + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
    if (Buffer.byteLength(this.#pending) > this.limit) {
      this.onBad(`A line is over ${this.limit} bytes.`);
      this.#pending = '';
    }
    for (const line of lines) {
      if (!line.trim()) continue;
      if (Buffer.byteLength(line) > this.limit) {
        this.onBad(`A line is over ${this.limit} bytes.`);
        continue;
      }
      try {
        out.push(JSON.parse(line));
      } catch {
        this.onBad('A line is not JSON.');
      }
    }
    return out;
  }
}
