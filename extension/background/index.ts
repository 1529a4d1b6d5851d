import '../../src/shared/zod';
import browser from 'webextension-polyfill';
import { AuditLog } from '../../src/audit/audit-log';
import { Consent } from '../../src/consent/consent';
import type { ConsentQueue } from '../../src/consent/consent-queue';
import { WindowSamplingProvider } from '../../src/consent/window-sampling-provider';
import { DesktopAssistants } from '../../src/host/desktop-assistants';
import { Host } from '../../src/host/host';
import type { ProviderConfig } from '../../src/messages/chat-types';
import { PORT_NAMES } from '../../src/messages/contract';
import { Grants } from '../../src/permissions/grants';
import { RemotePool } from '../../src/remote/remote-pool';
import { ServerRegistry } from '../../src/remote/server-registry';
import { PreferencesHolder } from '../../src/settings/preference-store';
import { SettingsService } from '../../src/settings/settings-service';
import { consoleLogger } from '../../src/shared/logger';
import { openSwitchboardDb } from '../../src/storage/db';
import { IdbStandingStore } from '../../src/storage/idb-approval-store';
import { IdbAuditStore } from '../../src/storage/idb-audit-store';
import { IdbDesktopAssistantStore } from '../../src/storage/idb-desktop-assistant-store';
import { IdbGrantStore } from '../../src/storage/idb-grant-store';
import { IdbPreferenceStore } from '../../src/storage/idb-preference-store';
import { IdbServerStore } from '../../src/storage/idb-server-store';
import { IdbSettingsContentsStore } from '../../src/storage/idb-settings-store';
import { PortTransport } from '../../src/transports/port-transport';
import { migrateStorageSecrets, providerStore } from '../shared/secrets';
import { showConsentQueue } from './approval-window';
import { serveBenchFloor } from './bench-floor';
import { BridgeConnection, onBridgeAlarm } from './bridge';
import { browserTabsPlatform } from './browser-tabs';
import { captureTab } from './capture';
import { assistantEndpoint, openRemote, openTab, serverRequests, urlElicitation } from './deferred';
import { frameAdmission, onStopActions, onToolCount } from './frames';
import { keepAliveWhile } from './keepalive';
import { extensionOAuth } from './oauth-platform';
import { contentSender, isOwnExtensionPage } from './senders';
import { storageSessionApprovals, storageSessionPauses } from './session-approvals';
import { storageSessionFacts } from './session-facts';
import { askTabsToConnect, askTabToConnect, tabUnsupported } from './tabs';
import { showSiteTools } from './toolbar';
import type { UiServices } from './ui/context';
import { serveUi } from './ui/serve-ui';

/**
 * Worker start to host ready (configs loaded), and to the saved servers' connections started (not
 * awaited), for `npm run bench`.
 */
const coldStart = { scriptStart: performance.now(), ready: Number.NaN, connecting: Number.NaN };
const logger = consoleLogger('switchboard');
const version = browser.runtime.getManifest().version;
// The user's models: only the store (tiny) is imported here, never the AI SDK (see WindowSamplingProvider).
const providers = providerStore();
const samplingVia = (queue: ConsentQueue, config: ProviderConfig | undefined) =>
  config ? new WindowSamplingProvider(queue, config) : undefined;

// The worker may be a fresh one (it dies after 30 s idle): everything is rebuilt from IndexedDB here, and
// every enabled remote server reconnects. This is the one place the worker's services are built and wired.
const ready: Promise<UiServices> = (async () => {
  const db = await openSwitchboardDb();
  const grants = new Grants(new IdbGrantStore(db), storageSessionPauses);
  const preferences = new PreferencesHolder(new IdbPreferenceStore(db));
  const audit = new AuditLog(new IdbAuditStore(db), () => preferences.current.auditLimit, logger);
  const consent = new Consent(
    { standing: new IdbStandingStore(db), session: storageSessionApprovals },
    { audit, preferences, logger, openUrl: async (url) => void (await browser.tabs.create({ url })) },
  );
  // providers.current() also moves API keys an earlier version kept in chrome.storage.local; the OAuth
  // state moves before any server connects and reads it.
  const [, , , provider] = await Promise.all([
    grants.load(),
    consent.load(),
    preferences.load(),
    providers.current(),
    migrateStorageSecrets().catch((e) => logger.error('Could not move sign-ins out of storage.local', e)),
  ]);
  // Before any server connects, so the first connect already declares sampling when there is a model.
  consent.setSamplingProvider(samplingVia(consent.queue, provider));
  const remotes = new RemotePool(
    {
      logger,
      version,
      now: Date.now,
      capabilities: consent.capabilities,
      setup: (client, config) =>
        serverRequests().installServerRequestHandlers(client, config, consent.requests),
      userStep: (error, name, signal) =>
        urlElicitation().handleUrlElicitationError(error, name, consent.requests, signal),
      facts: storageSessionFacts,
      // Read at each sign-in: the user may set the Client ID Metadata Document URL in preferences.
      oauth: {
        ...extensionOAuth,
        get clientMetadataUrl() {
          return preferences.current.oauthClientMetadataUrl;
        },
      },
    },
    openRemote,
  );
  preferences.onRootsChange(() => remotes.rootsChanged());
  const host: Host = new Host({
    grants,
    consent,
    audit,
    remotes,
    openTab,
    logger,
    version,
    capture: captureTab,
    // A tab the tabs server opened or navigated is asked to connect, so its grants apply at once.
    tabs: {
      platform: browserTabsPlatform(),
      connect: async (tabId) => {
        if (await askTabToConnect(tabId, logger, 8)) await host.settled();
      },
      discover: () => tabsDiscovered(host),
    },
  });
  const servers = new ServerRegistry(new IdbServerStore(db), remotes);
  const settings = new SettingsService({
    contents: new IdbSettingsContentsStore(db),
    grants,
    standing: consent.standing,
    preferences,
    servers,
    audit,
  });
  const approvals = showConsentQueue(consent.queue, logger);
  showSiteTools(host, logger);
  const desktop = new DesktopAssistants({
    host,
    queue: consent.queue,
    store: new IdbDesktopAssistantStore(db),
    logger,
    version,
    connect: (...args) => assistantEndpoint().connectAssistant(...args),
  });
  await desktop.load();
  // The configs only: the servers connect once the host is ready (remotesStarted, below).
  await servers.load();
  // Sessions from the bridge are ordinary assistant sessions, behind the desktop consent.
  // A relay that joins a worker that just woke (the alarm) finds the tabs not yet reconnected: ask them first,
  // as for the side panel, so that its first tools/list is complete.
  const bridge = new BridgeConnection(
    (session) =>
      void tabsDiscovered(host)
        .then(() => desktop.serve(session))
        .catch((e) => logger.error('desktop session', e)),
    logger,
  );
  bridge.connect();
  keepAliveWhile(() => host.live);
  coldStart.ready = performance.now();
  return { host, consent, audit, preferences, remotes, servers, settings, approvals, desktop, bridge };
})();
const hostReady: Promise<Host> = ready.then(({ host }) => host);
hostReady.catch((error) => logger.error('The host could not start (IndexedDB unavailable?)', error));
// The saved servers connect in a task of their own after ready, so the event that woke the worker (a page
// counting its tools, the popup, a tab switch) is answered first: opening a connection loads the MCP
// client (extension/background/deferred.ts), and each then reads its session facts and fetches. What an
// assistant lists first waits for them (tabsDiscovered); the options page shows them "connecting".
const remotesStarted: Promise<void> = ready.then(
  ({ servers }) =>
    new Promise((resolve) =>
      setTimeout(() => {
        try {
          servers.connect();
        } catch (error) {
          logger.error('Could not start the saved servers', error);
        } finally {
          coldStart.connecting = performance.now();
          resolve();
        }
      }, 0),
    ),
);
remotesStarted.catch(() => {});

// Listeners are registered synchronously at top level, as MV3 requires for a worker woken by an event.
browser.runtime.onConnect.addListener((port) => {
  if (__SWITCHBOARD_BENCH__ && serveBenchFloor(port, () => remotesStarted.then(() => coldStart))) return;
  const sender = port.sender;
  switch (port.name) {
    case PORT_NAMES.assistant: {
      if (!isOwnExtensionPage(sender)) return refuse(port, 'assistant port from outside the extension');
      const transport = new PortTransport(port);
      void hostReady
        .then(async (host) => {
          await tabsDiscovered(host);
          await assistantEndpoint().connectAssistant(host, transport, logger, version);
        })
        .catch((error) => {
          logger.error('Could not serve an assistant', error);
          port.disconnect();
        });
      return;
    }
    case PORT_NAMES.page: {
      const identity = contentSender(sender);
      if (!identity) return refuse(port, 'page port from something that is not our content script');
      // An embedded frame offers tools only once its parent let it (allow="tools"; frames.ts).
      if (!frameAdmission.allows(identity)) return refuse(port, 'page port from a frame not allowed tools');
      const transport = new PortTransport(port);
      void hostReady
        .then((host) => host.attachTab(identity, transport))
        .catch((e) => logger.error('attach tab', e));
      return;
    }
    case PORT_NAMES.ui: {
      if (!isOwnExtensionPage(sender)) return refuse(port, 'ui port from outside the extension');
      serveUi(
        port,
        ready,
        {
          connectTab: (tabId) => askTabToConnect(tabId, logger, 8),
          unsupportedReason: (tabId) => tabUnsupported(tabId, logger),
        },
        logger,
      );
      return;
    }
    default:
      refuse(port, `unknown port name ${JSON.stringify(port.name).slice(0, 40)}`);
  }
});

// The assistant's keyboard shortcut (manifest `commands`): a command counts as a user gesture, which
// sidePanel.open requires.
chrome.commands.onCommand.addListener((command, tab) => {
  if (command !== 'open-assistant' || tab?.windowId === undefined) return;
  chrome.sidePanel.open({ windowId: tab.windowId }).catch((e: unknown) => logger.warn('side panel', e));
});

// The user added, changed or removed a model: sampling follows it. Servers reconnect only when that changes
// what the host declares (a model came or went); a different model just answers the next request.
providers.onChange(() => {
  void ready
    .then(async ({ consent, remotes }) => {
      const provider = samplingVia(consent.queue, await providers.current());
      if (consent.setSamplingProvider(provider)) remotes.restartAll();
    })
    .catch((e) => logger.error('Could not follow the model provider change', e));
});

// The bridge's alarm: waking the worker is most of the work (start-up connects); connect() is a no-op if up.
onBridgeAlarm(() => void ready.then(({ bridge }) => bridge.connect()));
// Installed or updated: start-up (above) has begun already, and with it the move of secrets an earlier
// version kept in chrome.storage.local; the listener is what makes Chrome start the worker at the upgrade.
// A first install (not an update, not a browser update) opens the welcome page: it needs no permission.
browser.runtime.onInstalled.addListener(({ reason }) => {
  ready.catch(() => {});
  if (reason === 'install') {
    void browser.tabs
      .create({ url: browser.runtime.getURL('extension/welcome/index.html') })
      .catch((e) => logger.error('Could not open the welcome page', e));
  }
});
// Having a startup listener is what makes Chrome start the worker with the browser, so that desktop
// assistants can reach Switchboard before the user touches it; start-up itself connects the bridge.
browser.runtime.onStartup.addListener(() => void ready.then(({ bridge }) => bridge.connect()));

browser.tabs.onRemoved.addListener((tabId) => void hostReady.then((host) => host.tabClosed(tabId)));
// Stop on a page's "… is acting" overlay: the sender is the tab's top frame, its origin from Chrome.
onStopActions((tabId, origin) => {
  void hostReady
    .then((host) => host.stopActions(tabId, origin))
    .catch((e) => logger.error('Could not stop the actions', e));
});
// A page counted its WebMCP tools (the sender is a tab's top frame): the toolbar shows them, and the host
// says whether the page starts its in-page server now or when something uses the tab.
onToolCount((from, count) => hostReady.then((host) => host.announceTools(from, count)));
browser.tabs.onActivated.addListener(({ tabId }) => void hostReady.then((host) => host.tabActivated(tabId)));

/** How long an assistant waits for open tabs to reconnect after the worker woke. */
const TAB_DISCOVERY_MS = 1500;

/** Open tabs reconnected (or the wait is over): what an assistant's first list should include. */
async function tabsDiscovered(host: Host): Promise<unknown> {
  await remotesStarted;
  return Promise.race([
    askTabsToConnect(logger).then(() => host.settled()),
    new Promise((resolve) => setTimeout(resolve, TAB_DISCOVERY_MS)),
  ]);
}

function refuse(port: browser.Runtime.Port, why: string): void {
  logger.warn(`Refused a connection: ${why}`);
  port.disconnect();
}
