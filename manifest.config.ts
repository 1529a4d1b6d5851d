import { defineManifest } from '@crxjs/vite-plugin';
import { EXTENSION_KEY } from './bridge/extension-id.mjs';
import pkg from './package.json' with { type: 'json' };

/** The service worker's built file (scripts/classic-worker.ts). */
export const WORKER_FILE = 'service-worker.js';

/**
 * The outer limit for MCP Apps (the sandbox page and the app documents it frames): web origins only, no eval;
 * each app's own CSP, built from what its resource declares, narrows it in its document.
 */
const WEB = 'https: http:';
const APP_SANDBOX_CSP = [
  'sandbox allow-scripts allow-forms',
  "default-src 'none'",
  `script-src 'self' 'unsafe-inline' ${WEB}`,
  `style-src 'self' 'unsafe-inline' ${WEB}`,
  `img-src 'self' data: ${WEB}`,
  `font-src 'self' data: ${WEB}`,
  `media-src 'self' data: ${WEB}`,
  `connect-src ${WEB} wss: ws:`,
  `frame-src ${WEB}`,
  "object-src 'none'",
  `base-uri ${WEB}`,
].join('; ');

/**
 * The one place permissions are declared. Least privilege:
 * - content scripts on http(s) pages only: the WebMCP polyfill must be in the page before the site's own
 *   scripts run (document_start), which activeTab cannot do;
 * - no "tabs" permission, no host_permissions: the worker learns a tab's origin from the Port sender that
 *   Chrome fills in, never from the page; a remote server's origin is requested when the user adds it;
 * - "storage" for chrome.storage.session (session facts) and chrome.storage.local (model providers without
 *   their keys; grants and secrets live in IndexedDB, which needs none and content scripts cannot open);
 * - "sidePanel" for the built-in assistant; its keyboard shortcut is a `commands` entry;
 * - "identity" for signing in to remote servers (launchWebAuthFlow; it has no install warning);
 * - "activeTab" (no install warning): when the user opens the popup from the toolbar, the worker may read
 *   that tab's URL, so a page Switchboard cannot work on (about:, chrome://, file://, the Web Store, a PDF)
 *   is said at once instead of after seconds of asking a content script that is not there;
 * - "nativeMessaging" for the desktop bridge (bridge/), and "alarms" to reconnect to it after the worker
 *   was stopped.
 * `key` fixes the extension ID, which the bridge's native-messaging manifest names (bridge/extension-id.mjs).
 */
/**
 * `--mode e2e` only: pre-grants loopback so the options page's real permissions.request resolves without
 * a prompt, which headless Chromium cannot show. Nothing else differs from the shipped manifest.
 */
export default (mode: string) =>
  defineManifest({
    manifest_version: 3,
    name: 'Switchboard',
    description: pkg.description,
    version: pkg.version,
    key: EXTENSION_KEY,
    // 120: chrome.alarms can repeat every 30 s (60 s before), which the bridge's reconnect relies on.
    minimum_chrome_version: '120',
    icons: { 16: 'icons/icon-16.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' },
    action: { default_popup: 'extension/popup/index.html', default_title: 'Switchboard' },
    options_ui: { page: 'extension/options/index.html', open_in_tab: true },
    // Asked for per server when the user adds one (options page), never declared up front.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*'],
    ...(mode === 'e2e' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    // A classic script, not a module: Chrome keeps a code cache only for that (scripts/classic-worker.ts
    // builds extension/background/index.ts into this file).
    background: { service_worker: WORKER_FILE },
    permissions: ['activeTab', 'storage', 'sidePanel', 'identity', 'nativeMessaging', 'alarms'],
    side_panel: { default_path: 'extension/sidepanel/index.html' },
    commands: {
      'open-assistant': {
        suggested_key: { default: 'Ctrl+Shift+Y', mac: 'Command+Shift+Y' },
        description: 'Open the Switchboard assistant',
      },
    },
    content_scripts: [
      {
        // The page world: WebMCP polyfill (when the browser has none) and the bridge to our isolated world.
        matches: ['http://*/*', 'https://*/*'],
        js: ['extension/content/main-world.ts'],
        run_at: 'document_start',
        world: 'MAIN',
        // Frames too: a site's tools may live in an iframe (granted under the frame's own origin, and
        // only when the page allows it tools; extension/content/frame-handshake.ts). match_about_blank covers
        // srcdoc and about:blank frames, which have their parent's origin.
        all_frames: true,
        match_about_blank: true,
      },
      {
        // The isolated world: a tiny loader; the in-page MCP server is imported only when the host asks.
        matches: ['http://*/*', 'https://*/*'],
        js: ['extension/content/index.ts'],
        run_at: 'document_start',
        all_frames: true,
        match_about_blank: true,
      },
    ],
    // The in-page server and its chunks, imported on demand by the content script. Pages can probe these
    // URLs to tell Switchboard is installed; so can they from document.modelContext, so nothing is lost.
    web_accessible_resources: [
      {
        matches: ['http://*/*', 'https://*/*'],
        resources: ['extension/content/page-server.js', 'assets/*.js'],
      },
    ],
    // MCP Apps run in this page's inner frame (extension/app-sandbox/): a sandbox page has an opaque origin
    // and no extension APIs. The app's document is an about:srcdoc frame of it and inherits this policy, so it
    // is the widest any app may get (web origins only, no eval); each app's own, narrower CSP is added in its
    // document from the domains its resource declared (src/assistant/apps/app-csp.ts).
    sandbox: { pages: ['extension/app-sandbox/index.html'] },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
      sandbox: APP_SANDBOX_CSP,
    },
  });
