import type { Host } from '../../../src/host/host';
import type { UiFeature } from './context';

const UNAVAILABLE =
  'Switchboard cannot work on this page (browser pages, the Web Store, or a tab that was open before Switchboard was installed: reload it).';

/** The popup: the tab it shows (its tools, grants and connection state), and grant switches. */
export const tabHandlers: UiFeature<'ui→worker:watch-tab' | 'ui→worker:set-grant'> = (ctx) => {
  const { host, settings } = ctx.services;
  let watchedTab: number | undefined;
  let reaching: Promise<void> | undefined;
  const pushTab = (tabId: number, override?: Partial<ReturnType<Host['tabState']>>) => {
    if (watchedTab === tabId) ctx.post('worker→ui:tab-state', { ...host.tabState(tabId), ...override });
  };
  const reach = (tabId: number): Promise<void> =>
    (reaching ??= (async () => {
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
      ctx.watch(
        'tab',
        host.events.on('tabChanged', (changed) => {
          if (changed !== tabId) return;
          // The page navigated away and its server went with it: reach the new document.
          if (!host.hasTab(tabId)) void reach(tabId);
          else pushTab(tabId);
        }),
      );
      if (host.hasTab(tabId)) pushTab(tabId);
      else await reach(tabId);
    },
    'ui→worker:set-grant': ({ origin, target, granted }) => settings.setGrant(origin, target, granted),
  };
};
