import { BROWSER_SERVER_ID, serverGrantKey } from '../messages/names';
import type { Grants } from '../permissions/grants';
import { BrowserConnection, type VisibleTab } from './browser-connection';
import type { TabsPlatform } from './tabs-platform';

/** What the host is given of the browser's tabs (the worker's glue; nothing in Node). */
export interface TabsOptions {
  platform: TabsPlatform;
  /** Asks a freshly loaded tab to connect; resolves once it did or will not. */
  connect?(tabId: number): Promise<void>;
  /**
   * Asks every open tab to connect (bounded): an ordinary page connects only when asked, so before the
   * list a tab opened since the last ask would be missing.
   */
  discover?(): Promise<unknown>;
}

/** The built-in tabs server, over the host's own view of which tabs an assistant may know of. */
export function tabsServer(
  tabs: TabsOptions,
  grants: Grants,
  visibleTabs: (assistant?: string) => Promise<VisibleTab[]>,
  now: () => number,
): BrowserConnection {
  const shares = (origin: string, assistant?: string) =>
    grants.sharesAnything(origin) && (assistant === undefined || grants.allowsAssistant(origin, assistant));
  return new BrowserConnection({
    platform: tabs.platform,
    visibleTabs: async (assistant) => {
      await tabs.discover?.();
      return visibleTabs(assistant);
    },
    siteAccess: (origin, assistant) => (shares(origin, assistant) ? 'granted' : 'nothing'),
    ...(tabs.connect ? { connect: tabs.connect } : {}),
    // Off until the person turns it on in Settings, like every grant (kept as the built-in server's
    // "actions" grant: acting on the browser's tabs).
    enabled: () => grants.isActionsGranted(serverGrantKey(BROWSER_SERVER_ID)),
    now,
  });
}
