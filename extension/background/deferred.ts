import type * as ServerRequests from '../../src/consent/server-requests';
import type * as UrlElicitation from '../../src/consent/url-elicitation-error';
import type * as AssistantEndpoint from '../../src/host/assistant-endpoint';
import type { OpenTab } from '../../src/host/host';
import type * as TabConnectionModule from '../../src/host/tab-connection';
import type * as RemoteConnectionModule from '../../src/remote/remote-connection';
import type { OpenRemote } from '../../src/remote/remote-pool';

/**
 * The code that speaks MCP, loaded when a path first needs it rather than at each worker start. The bundler
 * turns a `require` of one of our modules into a lazy initializer: that module and all it imports (the MCP
 * SDK's Client or Server with the protocol's schemas, the remote transports, OAuth) are evaluated at the
 * first call, once per worker. The worker starts many times a day (it stops after 30 s idle), and most
 * wakes are a page counting its tools, a tab switch or the popup, which need none of it; the SDK's schemas
 * were most of the start-up's CPU (BENCHMARKS.md, issue 18).
 *
 * A service worker cannot `import()` on demand; this stays inside the one classic script and its code
 * cache (scripts/classic-worker.ts). Everything here is typed against the real modules.
 */

export const assistantEndpoint = (): typeof AssistantEndpoint =>
  require('../../src/host/assistant-endpoint') as typeof AssistantEndpoint;

export const openTab: OpenTab = (...args) => {
  const { TabConnection } = require('../../src/host/tab-connection') as typeof TabConnectionModule;
  return new TabConnection(...args);
};

export const openRemote: OpenRemote = (...args) => {
  const { RemoteConnection } = require('../../src/remote/remote-connection') as typeof RemoteConnectionModule;
  return new RemoteConnection(...args);
};

export const serverRequests = (): typeof ServerRequests =>
  require('../../src/consent/server-requests') as typeof ServerRequests;

export const urlElicitation = (): typeof UrlElicitation =>
  require('../../src/consent/url-elicitation-error') as typeof UrlElicitation;
