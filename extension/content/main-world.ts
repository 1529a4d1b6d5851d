/**
 * The page's main world, at document_start, before the site's scripts. Built as one self-contained file
 * (the main world cannot load extension modules) and kept small: it runs on every page.
 * It sees no extension API; it only talks window.postMessage to our isolated world.
 */
import { installPageBridge } from '../../src/page/page-bridge';
import { installWebMcpPolyfill, type ModelContextApi } from '../../src/page/webmcp-polyfill';

const native = (document as Document & { modelContext?: ModelContextApi }).modelContext;
const context =
  native ?? installWebMcpPolyfill(window as unknown as Parameters<typeof installWebMcpPolyfill>[0]);
if (context) installPageBridge(window, context);
