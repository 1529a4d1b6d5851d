import '../../src/shared/zod';
import browser from 'webextension-polyfill';
import { PORT_NAMES } from '../../src/messages/contract';
import { DomPageSource } from '../../src/page/dom-page-source';
import { createInPageServer } from '../../src/page/in-page-server';
import { PageToolsClient } from '../../src/page/page-tools-client';
import { consoleLogger } from '../../src/shared/logger';
import { PortTransport } from '../../src/transports/port-transport';

const logger = consoleLogger('switchboard:page');
let page: DomPageSource | undefined;
let tools: PageToolsClient | undefined;

/**
 * Connects this document's in-page MCP server to the host. Resolves once the port is open; `disconnected`
 * resolves when the worker goes away (it dies when idle), after which the loader may start us again.
 */
export async function startPageServer(): Promise<{ disconnected: Promise<void> }> {
  // An embedded frame offers its tools only; "the page" assistants may read is the top document.
  if (window === window.top) {
    page ??= new DomPageSource({
      win: window,
      loadExtractor: () => import('../../src/page/extract').then((m) => m.extractArticle),
    });
  }
  tools ??= new PageToolsClient(window);
  const { server, connect } = createInPageServer(tools, page, logger, browser.runtime.getManifest().version);
  const port = browser.runtime.connect({ name: PORT_NAMES.page });
  const disconnected = new Promise<void>((resolve) => port.onDisconnect.addListener(() => resolve()));
  await connect(new PortTransport(port));
  void disconnected.then(() => server.close().catch((e) => logger.debug('server close', e)));
  return { disconnected };
}
