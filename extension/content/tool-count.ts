/**
 * A top document's WebMCP tools, counted and told to the worker without loading the in-page server (the
 * SDK and zod: ~30 ms of main-thread time). The worker draws the toolbar dot from the count and answers
 * whether to connect now: it says yes for a site the user granted something on, or while an assistant
 * session is open; otherwise the tab connects when the popup, the side panel or an assistant asks.
 * Plain chrome.* for the same reason as index.ts: this is paid on every WebMCP page.
 */
import { BRIDGE_TAG, type ToolCountReply } from '../../src/messages/contract';

/** The bridge lists at most this many (src/page/page-bridge.ts, LIMITS.tools); the worker checks it too. */
const MAX_TOOLS = 256;
/** How long after a toolchange the tools are counted, so that a page's registrations are counted together. */
const SETTLE_MS = 50;

/** How many usable tools the page has: one `content→page:list` round trip, no validation beyond counting. */
function countTools(): Promise<number> {
  const id = `count-${crypto.randomUUID()}`;
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as {
        tag?: unknown;
        type?: unknown;
        payload?: { id?: unknown; tools?: unknown };
      };
      if (event.source !== window || data?.tag !== BRIDGE_TAG || data.type !== 'page→content:tools') return;
      if (data.payload?.id !== id) return;
      removeEventListener('message', onMessage);
      // The page can lie here, but only about its own tools, and only the toolbar's count believes it.
      const { tools } = data.payload;
      // A tool whose schema is not an object is listed unavailable, and the toolbar leaves it out
      // (toMcpTool in src/page/in-page-server.ts, toolbarState): the count does the same.
      const usable = Array.isArray(tools)
        ? tools.filter((t) => (t as { inputSchema?: { type?: unknown } })?.inputSchema?.type === 'object')
        : [];
      resolve(Math.min(usable.length, MAX_TOOLS));
    };
    addEventListener('message', onMessage);
    window.postMessage({ tag: BRIDGE_TAG, type: 'content→page:list', payload: { id } }, '/');
  });
}

/**
 * Tells the worker the page's tool count after each toolchange (coalesced: a page registering five tools
 * is counted once or twice, not five times), and starts the in-page server when the worker says so.
 */
export function toolCounter(start: () => Promise<unknown>): { changed(): void; forget(): void } {
  let counting = false;
  let again = false;
  let told = -1;
  const run = async () => {
    const count = await countTools();
    if (count === told) return;
    told = count;
    const reply = (await chrome.runtime.sendMessage({
      type: 'content→worker:tool-count',
      payload: { count },
    })) as ToolCountReply | undefined;
    if (reply?.connect === true) await start();
  };
  let waiting = false;
  const flush = () => {
    waiting = false;
    if (counting) {
      again = true;
      return;
    }
    counting = true;
    run()
      .catch((error: unknown) => console.debug('[switchboard] tool count not delivered', error))
      .finally(() => {
        counting = false;
        if (again) {
          again = false;
          flush();
        }
      });
  };
  // A page registers its tools one call at a time, each with its own toolchange: wait for the batch.
  const changed = () => {
    if (waiting) return;
    waiting = true;
    setTimeout(flush, SETTLE_MS);
  };
  // A new worker (the last one stopped) knows nothing of this page: the next change is told again.
  const forget = () => {
    told = -1;
  };
  return { changed, forget };
}
