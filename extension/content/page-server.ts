import '../../src/shared/zod';
import browser from 'webextension-polyfill';
import { envelope, PORT_NAMES } from '../../src/messages/contract';
import { ActingRunner, type PageActionsLike } from '../../src/page/action-runner';
import { ActingOverlay } from '../../src/page/actions/overlay';
import { DomPageSource } from '../../src/page/dom-page-source';
import { createInPageServer } from '../../src/page/in-page-server';
import { PageToolsClient } from '../../src/page/page-tools-client';
import { consoleLogger } from '../../src/shared/logger';
import { PortTransport } from '../../src/transports/port-transport';

const logger = consoleLogger('switchboard:page');
let page: DomPageSource | undefined;
let tools: PageToolsClient | undefined;
let actions: ActingRunner | undefined;

/**
 * Page actions in the top document: the DOM work is imported on the first action; the overlay is made when
 * an action starts. One runner per document, so refs stay stable across reconnects of the worker.
 */
function actionRunner(): ActingRunner {
  let overlay: ActingOverlay | undefined;
  let dom: Promise<PageActionsLike> | undefined;
  const runner: ActingRunner = new ActingRunner(
    // Imported once, on the first action; the same instance (and so the same refs) after that.
    () =>
      (dom ??= Promise.all([
        import('../../src/page/actions/actions'),
        import('../../src/page/actions/refs'),
      ]).then(([{ PageActions }, { RefRegistry }]) => new PageActions(window, new RefRegistry()))),
    () => {
      overlay ??= new ActingOverlay(document, () => runner.stop());
      return overlay;
    },
    () =>
      void browser.runtime
        .sendMessage(envelope('content→worker:stop-actions', {}))
        .catch((e: unknown) => logger.debug('stop not delivered', e)),
  );
  return runner;
}

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
    actions ??= actionRunner();
  }
  tools ??= new PageToolsClient(window);
  const { server, connect } = createInPageServer(
    tools,
    page,
    logger,
    browser.runtime.getManifest().version,
    actions,
  );
  const port = browser.runtime.connect({ name: PORT_NAMES.page });
  const disconnected = new Promise<void>((resolve) => port.onDisconnect.addListener(() => resolve()));
  await connect(new PortTransport(port));
  void disconnected.then(() => server.close().catch((e) => logger.debug('server close', e)));
  return { disconnected };
}
