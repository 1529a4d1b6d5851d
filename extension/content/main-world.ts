/**
 * The page's main world, at document_start, before the site's scripts. Built as one self-contained file
 * (the main world cannot load extension modules) and kept small: it runs on every page.
 * It sees no extension API; it only talks window.postMessage to our isolated world.
 */
import { domFormTools } from '../../src/page/form-tools';
import { installLegacyModelContext } from '../../src/page/legacy-model-context';
import { installPageBridge } from '../../src/page/page-bridge';
import { installWebMcpPolyfill } from '../../src/page/webmcp-install';
import type { ModelContextApi } from '../../src/page/webmcp-types';

const native = (document as Document & { modelContext?: ModelContextApi }).modelContext;
if (native) {
  installLegacyModelContext(window, () => native);
  installPageBridge(window, native);
} else if (window.isSecureContext) {
  // The polyfill is built when the page first uses it (or adds a <form toolname>, which it lists too, as
  // native does); the bridge hears of it before the page does.
  const bridge = installPageBridge(window);
  const polyfill = installWebMcpPolyfill(
    window as unknown as Parameters<typeof installWebMcpPolyfill>[0],
    domFormTools(window),
    bridge.attach,
  );
  // Pages written for the origin trial or MCP-B use navigator.modelContext: an alias onto the same tools.
  if (polyfill) installLegacyModelContext(window, polyfill);
}

if (__SWITCHBOARD_BENCH__) {
  // Bench builds only: the main-world end of the bare-ports floor.
  window.addEventListener('message', (event) => {
    const data = event.data as { tag?: unknown; type?: unknown; payload?: unknown } | null;
    if (event.source !== window || data?.tag !== 'switchboard/webmcp-bridge@1' || data.type !== 'bench:ping')
      return;
    window.postMessage({ tag: data.tag, type: 'bench:pong', payload: data.payload }, '/');
  });
}
