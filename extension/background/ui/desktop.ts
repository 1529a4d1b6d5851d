import type { UiFeature } from './context';

/** Settings → Desktop assistants: the bridge's state, the assistants met, Disconnect and Forget. */
export const desktopHandlers: UiFeature<'ui→worker:watch-desktop' | 'ui→worker:desktop-assistant'> = (
  ctx,
) => {
  const { desktop, bridge } = ctx.services;
  const send = () => ctx.post('worker→ui:desktop', { bridge: bridge.state, assistants: desktop.views() });
  return {
    'ui→worker:watch-desktop': () => {
      const offs = [desktop.events.on('changed', send), bridge.events.on('changed', send)];
      ctx.watch('desktop', () => {
        for (const off of offs) off();
      });
      send();
    },
    'ui→worker:desktop-assistant': async ({ id, action }) => {
      if (action === 'forget') await desktop.forget(id);
      else if (action === 'allow') await desktop.allow(id);
      else await desktop.disconnect(id);
    },
  };
};
