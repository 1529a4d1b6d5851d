/**
 * The isolated-world content script on every http(s) page. It stays tiny: it loads the in-page MCP server
 * (SDK, extractor) only when the host asks for this tab, or when the page registers a WebMCP tool.
 * Plain chrome.* here rather than webextension-polyfill: this file's size is paid on every page load.
 */
import { BRIDGE_TAG, envelope } from '../../src/messages/contract';
import { bridgeMessage } from '../../src/page/bridge-protocol';

type Started = { disconnected: Promise<void> };
let running: Promise<Started> | undefined;

function start(): Promise<Started> {
  running ??= import('./page-server').then(({ startPageServer }) => startPageServer());
  running.then(
    ({ disconnected }) => disconnected.then(() => (running = undefined)),
    () => (running = undefined),
  );
  return running;
}

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || (message as { type?: unknown })?.type !== 'worker→content:connect')
    return;
  start().then(
    () => sendResponse({ ok: true }),
    (error: unknown) => sendResponse({ ok: false, error: String(error) }),
  );
  return true;
});

// The page's first toolchange: announce ourselves so the popup and assistants see the new tools.
window.addEventListener('message', (event) => {
  if (running || event.source !== window) return;
  const data = event.data as { tag?: unknown; type?: unknown } | null;
  if (data?.tag === BRIDGE_TAG && data.type === 'page→content:toolchange')
    void start().catch(() => undefined);
});
window.postMessage(bridgeMessage(envelope('content→page:hello', {})), '/');
