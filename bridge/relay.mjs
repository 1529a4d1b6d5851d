#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
// The stdio relay: what a desktop assistant's MCP config starts. It carries MCP JSON-RPC between the
// assistant's stdio and the bridge's socket, and knows just enough MCP to survive the browser coming and
// going: while Switchboard is not running it answers `initialize` itself and every other request with a
// clear error, and when a host appears it opens a session there on the assistant's behalf, so the
// assistant never has to be restarted.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { LineReader } from './framing.mjs';
import { socketPath } from './paths.mjs';

const MAX_LINE = 4 * 1024 * 1024;
const RETRY_MS = 1_000;
const INIT_ID = 'switchboard-relay-initialize';
const NOT_RUNNING =
  'Switchboard is not running: open Chrome with the Switchboard extension. Try again then; this assistant does not need to restart.';
const DROPPED =
  'Switchboard disconnected (the browser closed or the extension restarted) before it answered: try again.';

const log = (...parts) => process.stderr.write(`switchboard-relay: ${parts.join(' ')}\n`);
const toAssistant = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** The program that started us, as the user will recognise it in the approval window. */
function parentProgram() {
  try {
    if (process.platform === 'linux') return readFileSync(`/proc/${process.ppid}/comm`, 'utf8').trim();
    if (process.platform === 'darwin') {
      return execFileSync('ps', ['-o', 'comm=', '-p', String(process.ppid)], { encoding: 'utf8' }).trim();
    }
  } catch {
    // fall through
  }
  return process.env.SWITCHBOARD_PROGRAM ?? 'unknown';
}

let socket; // the live session, once our own handshake (if any) is done
let connecting; // a socket whose handshake is under way
let firstTry = true; // the first connection attempt has not finished yet
let initialize; // the assistant's initialize request, replayed to every new host
let initialized = false; // the assistant sent notifications/initialized
const waiting = []; // assistant messages held while a handshake is under way
const inFlight = new Map(); // request id → true, for requests the current host has not answered

function offlineAnswer(message) {
  if (message.method === 'initialize') {
    return {
      jsonrpc: '2.0',
      id: message.id,
      result: {
        protocolVersion: message.params?.protocolVersion ?? '2025-11-25',
        capabilities: {
          tools: { listChanged: true },
          resources: { listChanged: true, subscribe: true },
          prompts: { listChanged: true },
          logging: {},
        },
        serverInfo: { name: 'switchboard', title: 'Switchboard (not running)', version: '0.1.0' },
        instructions: NOT_RUNNING,
      },
    };
  }
  if (message.method === 'ping') return { jsonrpc: '2.0', id: message.id, result: {} };
  return { jsonrpc: '2.0', id: message.id, error: { code: -32000, message: NOT_RUNNING } };
}

function fromAssistant(message) {
  if (message?.method === 'initialize') initialize = message;
  if (message?.method === 'notifications/initialized') initialized = true;
  // Until the first try at the socket is over, hold everything: an assistant that starts us writes its
  // initialize at once, and should meet the browser if it is there, not our offline stand-in.
  if (connecting || firstTry) return void waiting.push(message);
  if (!socket) {
    if (message?.id !== undefined && message.method) toAssistant(offlineAnswer(message));
    return;
  }
  if (message?.id !== undefined && message.method) inFlight.set(message.id, true);
  socket.write(`${JSON.stringify(message)}\n`);
}

function fromHost(message) {
  if (message?.switchboard) {
    // The host's own word: an error about a line we sent, or the session closed by Switchboard.
    log(message.message ?? JSON.stringify(message));
    return;
  }
  if (message?.id === INIT_ID) return handshakeDone(message);
  if (message?.id !== undefined && !message.method) inFlight.delete(message.id);
  toAssistant(message);
}

/** A new host: open a session for the assistant, then let through what waited. */
function attach(next) {
  connecting = next;
  next.write(
    `${JSON.stringify({ switchboard: 'relay', version: 1, program: parentProgram(), pid: process.ppid })}\n`,
  );
  if (!initialize) return handshakeDone();
  // The assistant initialized with an earlier host (or with us, offline): do it again on its behalf.
  next.write(`${JSON.stringify({ ...initialize, id: INIT_ID })}\n`);
}

function handshakeDone(reply) {
  const next = connecting;
  connecting = undefined;
  socket = next;
  if (reply) {
    if (reply.error) log(`the host refused the session: ${reply.error.message}`);
    if (initialized)
      socket.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    // What it can see may differ from before: the assistant lists again.
    for (const what of ['tools', 'resources', 'prompts']) {
      toAssistant({ jsonrpc: '2.0', method: `notifications/${what}/list_changed` });
    }
  }
  for (const message of waiting.splice(0)) fromAssistant(message);
}

function detach() {
  socket = undefined;
  connecting = undefined;
  for (const id of inFlight.keys())
    toAssistant({ jsonrpc: '2.0', id, error: { code: -32000, message: DROPPED } });
  inFlight.clear();
  for (const message of waiting.splice(0)) fromAssistant(message);
  setTimeout(tryConnect, RETRY_MS);
}

function tryConnect() {
  const next = connect(socketPath());
  const lines = new LineReader(MAX_LINE, (why) => log(why));
  next.once('connect', () => {
    firstTry = false;
    attach(next);
  });
  next.on('data', (chunk) => {
    for (const message of lines.push(chunk)) fromHost(message);
  });
  next.on('error', () => {}); // reported by 'close', which always follows
  next.on('close', () => {
    if (socket === next || connecting === next) return detach();
    if (firstTry) {
      firstTry = false; // no browser: what waited gets the offline answers
      for (const message of waiting.splice(0)) fromAssistant(message);
    }
    setTimeout(tryConnect, RETRY_MS);
  });
}

const input = new LineReader(MAX_LINE, (why) => log(`from the assistant: ${why}`));
process.stdin.on('data', (chunk) => {
  for (const message of input.push(chunk)) fromAssistant(message);
});
process.stdin.on('end', () => process.exit(0));
tryConnect();
