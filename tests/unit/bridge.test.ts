import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame, FrameError, FrameReader, LineReader, MAX_TO_EXTENSION } from '../../bridge/framing.mjs';

const BRIDGE = resolve(import.meta.dirname, '../../bridge');
const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
});

type Json = Record<string, unknown>;

/** Collects what a stream says, and waits for a message that matches. */
function inbox(stream: NodeJS.ReadableStream, read: (chunk: Buffer) => Json[]) {
  const seen: Json[] = [];
  const waiters: { match: (m: Json) => boolean; done: (m: Json) => void }[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const message of read(chunk)) {
      seen.push(message);
      for (const w of [...waiters]) {
        if (w.match(message)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(message);
        }
      }
    }
  });
  const next = (match: (m: Json) => boolean, ms = 5_000) =>
    new Promise<Json>((done, fail) => {
      const already = seen.find(match);
      if (already) return done(already);
      const timer = setTimeout(
        () => fail(new Error(`no matching message; seen ${JSON.stringify(seen)}`)),
        ms,
      );
      waiters.push({
        match,
        done: (m) => {
          clearTimeout(timer);
          done(m);
        },
      });
    });
  return { seen, next };
}

/** The native host as Chrome runs it: we play the extension on its stdin/stdout. */
function startHost(dir: string) {
  const child = spawn(process.execPath, [join(BRIDGE, 'host.mjs')], {
    env: { ...process.env, SWITCHBOARD_BRIDGE_DIR: dir },
  });
  running.push(child);
  const frames = new FrameReader();
  const out = inbox(child.stdout, (chunk) => frames.push(chunk) as Json[]);
  return { child, ...out, send: (message: Json) => child.stdin.write(encodeFrame(message)) };
}

/** The relay as an assistant runs it: we play the assistant on its stdio. */
function startRelay(dir: string) {
  const child = spawn(process.execPath, [join(BRIDGE, 'relay.mjs')], {
    env: { ...process.env, SWITCHBOARD_BRIDGE_DIR: dir },
  });
  running.push(child);
  const lines = new LineReader(1 << 20, () => {});
  const out = inbox(child.stdout, (chunk) => lines.push(chunk) as Json[]);
  return { child, ...out, send: (message: Json) => child.stdin.write(`${JSON.stringify(message)}\n`) };
}

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'claude-code', version: '2' },
  },
};

describe('native-messaging framing', () => {
  it('round-trips messages split across chunks at any byte', () => {
    const bytes = Buffer.concat([encodeFrame({ a: 'é' }), encodeFrame({ b: [1, 2] })]);
    const reader = new FrameReader();
    const out: unknown[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...reader.push(bytes.subarray(i, i + 1)));
    expect(out).toEqual([{ a: 'é' }, { b: [1, 2] }]);
  });

  it('refuses a message the browser would not take, and a frame that claims too much or is not JSON', () => {
    expect(() => encodeFrame({ blob: 'x'.repeat(MAX_TO_EXTENSION) })).toThrow(FrameError);
    const big = Buffer.alloc(4);
    big.writeUInt32LE(65 * 1024 * 1024, 0);
    expect(() => new FrameReader().push(big)).toThrow(/claims 68157440 bytes/);
    const notJson = Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from('{x}')]);
    expect(() => new FrameReader().push(notJson)).toThrow(/not JSON/);
  });

  it('drops a bad or oversized line and keeps the lines after it', () => {
    const bad: string[] = [];
    const reader = new LineReader(20, (why: string) => bad.push(why));
    expect(
      reader.push(Buffer.from(`{oops}\n${JSON.stringify({ long: 'x'.repeat(30) })}\n{"ok":1}\n`)),
    ).toEqual([{ ok: 1 }]);
    expect(bad).toEqual(['A line is not JSON.', 'A line is over 20 bytes.']);
  });
});

describe('the bridge host and relay', () => {
  it('listens only for this user, and carries one session per relay, each kept apart', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sb-bridge-')), 'run');
    const host = startHost(dir);
    const ready = await host.next((m) => m.type === 'ready');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(String(ready.socket)).mode & 0o777).toBe(0o600);

    const a = startRelay(dir);
    const b = startRelay(dir);
    a.send(initialize);
    b.send({ ...initialize, id: 7 });
    const openA = await host.next((m) => m.type === 'open');
    const openB = await host.next((m) => m.type === 'open' && m.session !== openA.session);
    expect(openB.session).not.toBe(openA.session);
    expect(openA.program).toBe('node'); // the program that started the relay: here, the test runner
    const initA = await host.next((m) => m.type === 'message' && (m.message as Json).id === 1);
    const initB = await host.next((m) => m.type === 'message' && (m.message as Json).id === 7);
    expect(initA.session).not.toBe(initB.session);

    // Each answer reaches only its own relay.
    host.send({
      type: 'message',
      session: initA.session,
      message: { jsonrpc: '2.0', id: 1, result: { who: 'a' } },
    });
    host.send({
      type: 'message',
      session: initB.session,
      message: { jsonrpc: '2.0', id: 7, result: { who: 'b' } },
    });
    host.send({
      type: 'message',
      session: 'no-such-session',
      message: { jsonrpc: '2.0', id: 1, result: {} },
    });
    expect((await a.next((m) => m.id === 1)).result).toEqual({ who: 'a' });
    expect((await b.next((m) => m.id === 7)).result).toEqual({ who: 'b' });
    expect(a.seen.filter((m) => m.id === 1)).toHaveLength(1);
    expect(b.seen.some((m) => m.id === 1)).toBe(false);
  });

  it('refuses on the socket what is not a relay, not JSON-RPC, or too large for the browser', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sb-bridge-')), 'run');
    const host = startHost(dir);
    const ready = await host.next((m) => m.type === 'ready');
    // A stranger that does not greet as a relay is told so and dropped, and nothing reaches the browser.
    const stranger = connect(String(ready.socket));
    const strangerSaid = inbox(stranger, (chunk) => new LineReader(1 << 20, () => {}).push(chunk) as Json[]);
    stranger.write(`${JSON.stringify(initialize)}\n`);
    expect((await strangerSaid.next((m) => m.switchboard === 'error')).message).toMatch(/relay greeting/);
    const relay = startRelay(dir);
    relay.send(initialize);
    const open = await host.next((m) => m.type === 'open');
    await host.next((m) => m.type === 'message');
    relay.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'x', arguments: { blob: 'x'.repeat(MAX_TO_EXTENSION) } },
    });
    const refused = await relay.next((m) => m.id === 2);
    expect((refused.error as Json).message).toMatch(/browser accepts at most 1048576/);
    expect(host.seen.filter((m) => m.type === 'open').map((m) => m.session)).toEqual([open.session]);
  });

  it('answers while Switchboard is not running, and joins the browser when it comes, without a restart', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sb-bridge-')), 'run');
    const relay = startRelay(dir);
    relay.send(initialize);
    const offline = await relay.next((m) => m.id === 1);
    expect((offline.result as Json).serverInfo).toMatchObject({ name: 'switchboard' });
    relay.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    relay.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    expect(((await relay.next((m) => m.id === 2)).error as Json).message).toMatch(
      /Switchboard is not running: open Chrome/,
    );

    // The browser starts: the relay opens a session for the assistant, which lists again.
    const host = startHost(dir);
    const replayed = await host.next(
      (m) => m.type === 'message' && (m.message as Json).method === 'initialize',
    );
    host.send({
      type: 'message',
      session: replayed.session,
      message: {
        jsonrpc: '2.0',
        id: (replayed.message as Json).id,
        result: {
          protocolVersion: '2025-11-25',
          capabilities: {},
          serverInfo: { name: 'switchboard', version: '1' },
        },
      },
    });
    await host.next(
      (m) => m.type === 'message' && (m.message as Json).method === 'notifications/initialized',
    );
    await relay.next((m) => m.method === 'notifications/tools/list_changed');
    relay.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    const listed = await host.next((m) => m.type === 'message' && (m.message as Json).id === 3);
    host.send({
      type: 'message',
      session: listed.session,
      message: { jsonrpc: '2.0', id: 3, result: { tools: [] } },
    });
    expect((await relay.next((m) => m.id === 3)).result).toEqual({ tools: [] });
    // The relay's own handshake never reached the assistant.
    expect(relay.seen.filter((m) => m.id === 1)).toHaveLength(1);

    // The browser goes away mid-call: the call fails clearly, and the relay waits for the next host.
    relay.send({ jsonrpc: '2.0', id: 4, method: 'tools/list' });
    await host.next((m) => m.type === 'message' && (m.message as Json).id === 4);
    host.child.stdin.end();
    expect(((await relay.next((m) => m.id === 4)).error as Json).message).toMatch(/disconnected/);
  }, 20_000);
});
