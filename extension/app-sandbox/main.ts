import {
  APP_FRAME_SANDBOX,
  appAllowAttribute,
  buildAppCsp,
  withCspMeta,
} from '../../src/assistant/apps/app-csp';

/**
 * The MCP Apps sandbox proxy (spec, "Sandbox proxy"). A manifest `sandbox` page: its origin is opaque
 * ("null"), not the extension's, and it has no extension APIs. The side panel frames it, sends it the app's
 * HTML once (`ui/notifications/sandbox-resource-ready`), and it loads that into an inner frame under a CSP
 * built from the resource's declared domains, then relays JSON-RPC both ways and creates none of its own.
 */
const PROXY_READY = 'ui/notifications/sandbox-proxy-ready';
const RESOURCE_READY = 'ui/notifications/sandbox-resource-ready';
const isSandboxMethod = (method: unknown) =>
  typeof method === 'string' && method.startsWith('ui/notifications/sandbox-');

// The side panel is an extension page: its origin is the one in this page's URL (our own is opaque).
const panelOrigin = new URL(location.href).origin;
let inner: HTMLIFrameElement | undefined;

interface ResourceParams {
  html?: unknown;
  csp?: Parameters<typeof buildAppCsp>[0];
  permissions?: Parameters<typeof appAllowAttribute>[0];
}

function load(params: ResourceParams): void {
  if (inner || typeof params.html !== 'string') return; // one app per proxy, loaded once
  inner = document.createElement('iframe');
  inner.setAttribute('sandbox', APP_FRAME_SANDBOX);
  const allow = appAllowAttribute(params.permissions);
  if (allow) inner.setAttribute('allow', allow);
  inner.title = 'MCP App';
  inner.srcdoc = withCspMeta(params.html, buildAppCsp(params.csp));
  document.body.append(inner);
}

window.addEventListener('message', (event: MessageEvent) => {
  const data: unknown = event.data;
  if (typeof data !== 'object' || data === null || (data as { jsonrpc?: unknown }).jsonrpc !== '2.0') return;
  const method = (data as { method?: unknown }).method;
  if (event.source === window.parent && event.origin === panelOrigin) {
    if (method === RESOURCE_READY)
      load(((data as { params?: ResourceParams }).params ?? {}) as ResourceParams);
    else if (!isSandboxMethod(method)) inner?.contentWindow?.postMessage(data, '*');
  } else if (inner && event.source === inner.contentWindow && !isSandboxMethod(method)) {
    window.parent.postMessage(data, panelOrigin);
  }
});

window.parent.postMessage({ jsonrpc: '2.0', method: PROXY_READY, params: {} }, panelOrigin);
