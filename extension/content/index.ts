/**
 * The isolated-world content script on every http(s) page. It stays tiny: it loads the in-page MCP server
 * (SDK, extractor) only when the host asks for this tab; a page that registers WebMCP tools only tells the
 * worker how many (tool-count.ts), and the worker decides when it connects.
 * Plain chrome.* here rather than webextension-polyfill: this file's size is paid on every page load.
 * It is a classic script (an IIFE), not a module: loading an extension module costs ~5 ms per page.
 */
import { BRIDGE_TAG } from '../../src/messages/contract';
import { admitted, answerChildFrames, forgetAdmission, isTop } from './frame-handshake';
import { toolCounter } from './tool-count';

type Started = { disconnected: Promise<void> };
type PageServerModule = typeof import('./page-server');
const PAGE_SERVER_PATH = 'extension/content/page-server.js';
let running: Promise<Started> | undefined;
/** An embedded frame connects only once its page has registered a tool (most frames never do). */
let hasTools = false;

function start(): Promise<Started> {
  // A classic script cannot `import()` a bundled chunk by name, so the in-page server is built to a fixed,
  // web-accessible path (vite.config.ts, manifest.config.ts) and imported by URL.
  running ??= (
    import(/* @vite-ignore */ chrome.runtime.getURL(PAGE_SERVER_PATH)) as Promise<PageServerModule>
  ).then(({ startPageServer }) => startPageServer());
  running.then(
    ({ disconnected }) => {
      // Connected (again, after the worker stopped?): child frames that offer tools follow.
      askChildFramesToReconnect();
      return disconnected.then(() => {
        running = undefined;
        forgetAdmission(); // the worker that admitted this frame is gone
        counter.forget(); // and the worker that knew the page's tools
      });
    },
    () => (running = undefined),
  );
  return running;
}

/**
 * The host's "connect" request. The first touch of chrome.runtime builds the extension API bindings in this
 * world (~1 ms), so it waits until half a second after the load event; the worker retries a tab that is not
 * listening yet.
 */
function listenToHost(): void {
  chrome.runtime.onMessage.addListener(onHostMessage);
}

function onHostMessage(
  message: unknown,
  sender: chrome.runtime.MessageSender,
  sendResponse: (r: unknown) => void,
) {
  if (__SWITCHBOARD_BENCH__ && (message as { type?: unknown })?.type === 'bench:connect-floor') {
    benchFloor();
    sendResponse({ ok: true });
    return;
  }
  if (sender.id !== chrome.runtime.id || (message as { type?: unknown })?.type !== 'worker→content:connect')
    return;
  start().then(
    () => sendResponse({ ok: true }),
    (error: unknown) => sendResponse({ ok: false, error: String(error) }),
  );
  return true;
}

// The page's toolchanges, until its in-page server runs (that one follows them itself). A top document only
// counts its tools for the worker (tool-count.ts), which says whether to connect now; the server loads when
// used. An embedded frame starts as before, once its parent allowed it: frames with tools are rare, and the
// worker learns of them only by their connection. This script runs right after main-world.ts and before
// any page script, so no toolchange can come earlier.
const counter = toolCounter(start);
window.addEventListener('message', (event) => {
  if (running || event.source !== window) return;
  const data = event.data as { tag?: unknown; type?: unknown } | null;
  if (data?.tag !== BRIDGE_TAG || data.type !== 'page→content:toolchange') return;
  hasTools = true;
  if (isTop) return counter.changed();
  startAdmitted().catch((error: unknown) =>
    console.debug('[switchboard] in-page server did not start', error),
  );
});
answerChildFrames(reconnectIfAsked);

/**
 * Embedded frames reconnect when their parent does: the worker only asks top frames (a message to every
 * frame of a tab proved unreliable for out-of-process frames), so each document that connects passes the
 * word down. The frame's own page can forge this; all it gets is a handshake the worker checks.
 */
function askChildFramesToReconnect(): void {
  for (let i = 0; i < window.frames.length; i++)
    window.frames[i]?.postMessage({ tag: BRIDGE_TAG, type: 'parent→frame:reconnect', payload: {} }, '*');
}

function reconnectIfAsked(): void {
  if (isTop || running || !hasTools) return;
  startAdmitted().catch((error: unknown) => console.debug('[switchboard] frame did not reconnect', error));
}

/** Starts the in-page server, in an embedded frame only once its parent allowed it tools. */
async function startAdmitted(): Promise<Started> {
  if (!(await admitted())) throw new Error('this frame is not allowed to offer tools (allow="tools")');
  return start();
}
// Half a second after the load event, so the page's loading never waits on it. A timer alone: the first
// requestIdleCallback in this world costs about 0.5 ms of bindings, more than the ~1 ms task it would
// place (npm run bench, "ordinary page"). Only top frames: the worker asks nothing of embedded ones (their
// parent tells them), and most frames are ads.
const listenLater = () => setTimeout(listenToHost, 500);
if (isTop) {
  if (document.readyState === 'complete') listenLater();
  else addEventListener('load', listenLater, { once: true });
}
/** Bench builds only: relays the floor path between the worker and the main world (see bench-floor.ts). */
function benchFloor(): void {
  const port = chrome.runtime.connect({ name: 'bench-floor-page' });
  port.onMessage.addListener((message: { id: number }) => {
    window.postMessage({ tag: BRIDGE_TAG, type: 'bench:ping', payload: { id: message.id } }, '/');
  });
  window.addEventListener('message', (event) => {
    const data = event.data as { tag?: unknown; type?: unknown; payload?: { id: number } } | null;
    if (event.source === window && data?.tag === BRIDGE_TAG && data.type === 'bench:pong')
      port.postMessage(data.payload);
  });
}
