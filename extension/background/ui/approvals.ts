import type { UiFeature } from './context';

/** The approval window and the popup's pending list: the queue, answers, and opening the window. */
export const approvalHandlers: UiFeature<
  'ui→worker:watch-approvals' | 'ui→worker:answer' | 'ui→worker:open-approvals'
> = (ctx) => {
  const { consent, approvals } = ctx.services;
  const { queue } = consent;
  return {
    'ui→worker:watch-approvals': () => {
      const send = () => {
        const window = approvals.current();
        const waiting = queue.waiting();
        ctx.post('worker→ui:approvals', {
          pending: queue.pending(),
          ...(waiting.length ? { waiting } : {}),
          ...(window ? { window } : {}),
        });
      };
      ctx.watch('approvals', queue.events.on('changed', send));
      send();
    },
    'ui→worker:answer': ({ id, answer }) => {
      if (!queue.answer(id, answer)) {
        throw new Error('That request is no longer waiting: it timed out or was cancelled.');
      }
    },
    'ui→worker:open-approvals': () => approvals.open(),
  };
};
