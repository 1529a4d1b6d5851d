import type { UiFeature } from './context';

/** The options page's consent sections: sites, remembered decisions, preferences, the settings file. */
export const settingsHandlers: UiFeature<
  | 'ui→worker:watch-settings'
  | 'ui→worker:site'
  | 'ui→worker:forget-approval'
  | 'ui→worker:set-preferences'
  | 'ui→worker:export-settings'
  | 'ui→worker:import-settings'
  | 'ui→worker:set-browser-tabs'
> = (ctx) => {
  const { settings, remotes, host } = ctx.services;
  return {
    'ui→worker:watch-settings': () => {
      const send = () =>
        void settings.view().then((view) => {
          const acting = host.acting.list();
          ctx.post('worker→ui:settings', acting.length > 0 ? { ...view, acting } : view);
        });
      // Server names label the remembered decisions; the acting tabs come and go with actions.
      const offs = [
        settings.onChange(send),
        remotes.events.on('changed', send),
        host.events.on('actingChanged', send),
      ];
      ctx.watch('settings', () => {
        for (const off of offs) off();
      });
      send();
    },
    'ui→worker:site': ({ origin, action }) => settings.siteAction(origin, action),
    'ui→worker:set-browser-tabs': ({ enabled }) => settings.setBrowserTabs(enabled),
    'ui→worker:forget-approval': ({ assistant, source, tool }) =>
      settings.forgetApproval(assistant, source, tool),
    'ui→worker:set-preferences': (preferences) => settings.setPreferences(preferences),
    'ui→worker:export-settings': async () =>
      ctx.post('worker→ui:settings-export', { json: await settings.exportSettings() }),
    'ui→worker:import-settings': async ({ text }) =>
      ctx.post('worker→ui:settings-imported', { summary: await settings.importSettings(text) }),
  };
};
