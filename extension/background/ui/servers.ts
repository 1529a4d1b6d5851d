import type { UiFeature } from './context';

/** The options page's remote servers: their list and status, edits, and sign-in. */
export const serverHandlers: UiFeature<
  | 'ui→worker:watch-servers'
  | 'ui→worker:save-server'
  | 'ui→worker:remove-server'
  | 'ui→worker:sign-in'
  | 'ui→worker:sign-out'
> = (ctx) => {
  const { servers, remotes } = ctx.services;
  const send = () => ctx.post('worker→ui:servers', { servers: servers.views() });
  return {
    'ui→worker:watch-servers': () => {
      ctx.watch('servers', remotes.events.on('changed', send));
      send();
    },
    'ui→worker:save-server': async (input) => {
      await servers.save(input);
    },
    'ui→worker:remove-server': async ({ id }) => {
      await servers.remove(id);
      send();
    },
    'ui→worker:sign-in': ({ id }) => remotes.signIn(id),
    'ui→worker:sign-out': ({ id }) => remotes.signOut(id),
  };
};
