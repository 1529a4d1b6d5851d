#!/usr/bin/env node
// The native-messaging host. Chrome starts it for the extension's worker (chrome.runtime.connectNative)
// and talks to it on stdin/stdout in its framing. It listens on a socket only this user can reach; every
// stdio relay (started by a desktop assistant) that connects is one session, carried to the worker as
// its own MCP session. The host understands no MCP: it moves messages and keeps sessions apart.
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFrame, FrameError, FrameReader, LineReader, MAX_TO_EXTENSION } from './framing.mjs';
import { socketPath } from './paths.mjs';

/** A relay's line on the socket; MCP messages to the browser are capped lower, at MAX_TO_EXTENSION. */
const MAX_LINE = 4 * 1024 * 1024;
const HELLO_TIMEOUT_MS = 5_000;

const log = (...parts) => process.stderr.write(`switchboard-bridge: ${parts.join(' ')}\n`);

/** Writes a message to the extension; one too large for Chrome is refused here, never sent. */
function toExtension(message) {
  process.stdout.write(encodeFrame(message, MAX_TO_EXTENSION));
}

/** The socket's directory must be ours and closed to everyone else, or we do not listen at all. */
function prepareDirectory(path) {
  if (process.platform === 'win32') return;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0) {
    throw new Error(
      `${dir} must be a directory of this user with mode 0700; it is not, so the bridge will not listen there.`,
    );
  }
  try {
    unlinkSync(path); // a socket left by a host that died
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
}

const sessions = new Map();

function openSession(socket) {
  const id = randomBytes(12).toString('hex');
  let opened = false;
  const fail = (why) => {
    log(`session ${id}: ${why}`);
    socket.write(`${JSON.stringify({ switchboard: 'error', message: why })}\n`);
  };
  const lines = new LineReader(MAX_LINE, fail);
  const hello = setTimeout(() => {
    fail('No greeting from the relay: closing.');
    socket.destroy();
  }, HELLO_TIMEOUT_MS);

  socket.on('data', (chunk) => {
    for (const message of lines.push(chunk)) {
      if (!opened) {
        // The relay's greeting: who started it, shown to the user when it asks to connect.
        if (message?.switchboard !== 'relay' || message.version !== 1) {
          fail('The first line must be the relay greeting.');
          socket.destroy();
          return;
        }
        clearTimeout(hello);
        opened = true;
        sessions.set(id, socket);
        toExtension({
          type: 'open',
          session: id,
          program: String(message.program ?? 'unknown').slice(0, 200),
          ...(Number.isInteger(message.pid) ? { pid: message.pid } : {}),
        });
        continue;
      }
      forward(id, socket, message);
    }
  });
  const close = () => {
    clearTimeout(hello);
    if (sessions.get(id) === socket) {
      sessions.delete(id);
      toExtension({ type: 'close', session: id });
    }
  };
  socket.on('close', close);
  socket.on('error', (error) => log(`session ${id}: ${error.message}`));
}

/** One JSON-RPC message from a relay to the worker; too large for the browser, it is answered here. */
function forward(session, socket, message) {
  if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') {
    socket.write(
      `${JSON.stringify({ switchboard: 'error', message: 'Not a JSON-RPC 2.0 message: dropped.' })}\n`,
    );
    return;
  }
  try {
    toExtension({ type: 'message', session, message });
  } catch (error) {
    if (!(error instanceof FrameError)) throw error;
    if (message.id !== undefined && message.method) {
      const reply = {
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32600, message: `Switchboard: ${error.message}` },
      };
      socket.write(`${JSON.stringify(reply)}\n`);
    }
  }
}

/** A message from the worker: to one session, or closing it. Anything else, or an unknown session, is dropped. */
function fromExtension(message) {
  const socket = typeof message?.session === 'string' ? sessions.get(message.session) : undefined;
  if (!socket) return;
  if (message.type === 'message' && typeof message.message === 'object' && message.message !== null) {
    socket.write(`${JSON.stringify(message.message)}\n`);
  } else if (message.type === 'close') {
    sessions.delete(message.session);
    socket.end(
      `${JSON.stringify({ switchboard: 'closed', message: String(message.reason ?? 'Closed by Switchboard.') })}\n`,
    );
  }
}

function main() {
  const path = socketPath();
  try {
    prepareDirectory(path);
  } catch (error) {
    toExtension({ type: 'fatal', message: error.message });
    log(error.message);
    process.exit(1);
  }
  const server = createServer(openSession);
  server.on('error', (error) => {
    toExtension({ type: 'fatal', message: `Cannot listen on ${path}: ${error.message}` });
    process.exit(1);
  });
  let ours; // the socket file's inode, so that we never remove a newer host's socket
  server.listen(path, () => {
    if (process.platform !== 'win32') {
      chmodSync(path, 0o600);
      ours = lstatSync(path).ino;
    }
    // The command an assistant's config runs, so that Settings can show it ready to paste.
    const relay = {
      command: process.execPath,
      args: [fileURLToPath(new URL('./relay.mjs', import.meta.url))],
    };
    toExtension({ type: 'ready', version: 1, socket: path, relay });
  });

  const frames = new FrameReader();
  process.stdin.on('data', (chunk) => {
    try {
      for (const message of frames.push(chunk)) fromExtension(message);
    } catch (error) {
      log(error.message); // not Chrome on the other end: stop
      process.exit(1);
    }
  });
  // Chrome closes our stdin when the worker's port goes away (or the browser quits): the sessions end,
  // and each relay waits for the next host.
  process.stdin.on('end', () => {
    server.close();
    for (const socket of sessions.values()) socket.destroy();
    try {
      if (ours !== undefined && lstatSync(path).ino === ours) unlinkSync(path);
    } catch {
      // already gone
    }
    process.exit(0);
  });
}

main();
