import type { Host } from '../../../src/host/host';
import type { AssistantRef } from '../../../src/messages/decisions';
import { BUILT_IN_ASSISTANT, BUILT_IN_ASSISTANT_ID } from '../../../src/messages/names';
import { readOnlyToGrant } from '../../../src/permissions/read-only-tools';
import type { UiFeature } from './context';

const UNAVAILABLE =
  'Switchboard cannot work on this page (browser pages, the Web Store, or a tab that was open before Switchboard was installed: reload it).';

/** The popup: the tab it shows (its tools, grants and connection state), and grant switches. */
export const tabHandlers: UiFeature<
  | 'ui→worker:watch-tab'
  | 'ui→worker:set-grant'
  | 'ui→worker:set-site-assistants'
  | 'ui→worker:allow-read-only'
> = (ctx) => {
  const { host, settings, desktop } = ctx.services;
  let watchedTab: number | undefined;
  let reaching: Promise<void> | undefined;
  /** Who a site's grants can be limited to: the built-in assistant, and each desktop one the user allowed. */
  const assistants = (): AssistantRef[] => [
    { id: BUILT_IN_ASSISTANT_ID, label: BUILT_IN_ASSISTANT.title },
    ...desktop
      .views()
      .filter((a) => a.decision === 'allow')
      .map((a) => ({ id: a.id, label: `${a.name} (${a.program})` })),
  ];
  const pushTab = (tabId: number, override?: Partial<ReturnType<Host['tabState']>>) => {
    if (watchedTab === tabId)
      ctx.post('worker→ui:tab-state', { ...host.tabState(tabId), assistants: assistants(), ...override });
  };
  const reach = (tabId: number): Promise<void> =>
    (reaching ??= (async () => {
      // A page the URL rules out is said at once; only one that may answer shows "Connecting…".
      const unsupported = await ctx.unsupportedReason(tabId);
      if (unsupported && !host.hasTab(tabId))
        return pushTab(tabId, { state: 'unavailable', error: unsupported });
      pushTab(tabId, { state: 'connecting' });
      const reachable = await ctx.connectTab(tabId);
      await host.settled();
      if (!reachable && !host.hasTab(tabId)) pushTab(tabId, { state: 'unavailable', error: UNAVAILABLE });
      else pushTab(tabId);
    })().finally(() => {
      reaching = undefined;
    }));

  return {
    'ui→worker:watch-tab': async ({ tabId }) => {
      watchedTab = tabId;
      const offTab = host.events.on('tabChanged', (changed) => {
        if (changed !== tabId) return;
        // The page navigated away and its server went with it: reach the new document.
        if (!host.hasTab(tabId)) void reach(tabId);
        else pushTab(tabId);
      });
      // An assistant allowed or forgotten changes who the site can be limited to.
      const offDesktop = desktop.events.on('changed', () => host.hasTab(tabId) && pushTab(tabId));
      ctx.watch('tab', () => {
        offTab();
        offDesktop();
      });
      if (host.hasTab(tabId)) pushTab(tabId);
      else await reach(tabId);
    },
    'ui→worker:set-grant': ({ origin, target, granted }) => settings.setGrant(origin, target, granted),
    'ui→worker:set-site-assistants': ({ origin, assistants: chosen }) =>
      settings.setSiteAssistants(origin, chosen ?? undefined),
    'ui→worker:allow-read-only': async ({ tabId }) => {
      const state = host.tabState(tabId);
      const { origin } = state;
      if (!origin) return;
      for (const tool of readOnlyToGrant(state))
        await settings.setGrant(origin, { kind: 'tool', tool }, true);
    },
  };
};
