import { installPageBridge } from '../../../src/page/page-bridge';
import { PageToolsClient } from '../../../src/page/page-tools-client';
import { createModelContext } from '../../../src/page/webmcp-polyfill';

/** One window shared by the page's main world (bridge) and our isolated world (client), as in Chrome. */
export class FakeWindow extends EventTarget {
  postMessage(data: unknown): void {
    const event = Object.assign(new Event('message'), { data: structuredClone(data), source: this });
    setTimeout(() => this.dispatchEvent(event), 0);
  }
  forge(data: unknown, source: unknown = this): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data, source }));
  }
}

/**
 * A page with our WebMCP polyfill and the real bridge in its main world, and the isolated world's
 * PageToolsClient: everything between a site's `execute` and the in-page server, with only the window faked.
 */
export function polyfillPage(origin = 'https://site.example', { attached = true } = {}) {
  const win = new FakeWindow();
  // The polyfill reports this window as each tool's `window`; the bridge keeps only its own window's tools.
  const polyfillWindow = Object.assign(win, {
    document: {},
    location: { origin },
    isSecureContext: true,
    EventTarget,
    Event,
    DOMException,
    AbortController,
    setTimeout: (cb: () => void, ms?: number) => setTimeout(cb, ms),
    console: { error: () => undefined },
  });
  const mc = createModelContext(polyfillWindow as never);
  // `attached: false`: the bridge as main-world.ts installs it before the polyfill is built.
  const bridge = installPageBridge(win as never, attached ? mc : undefined);
  const client = new PageToolsClient(win as never);
  return { win: Object.assign(win, { attach: bridge.attach }), mc, client };
}
