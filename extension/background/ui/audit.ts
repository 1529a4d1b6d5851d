import type { UiFeature } from './context';

/** The options page's activity log. */
export const auditHandlers: UiFeature<'ui→worker:read-audit'> = (ctx) => {
  const { audit, preferences } = ctx.services;
  return {
    'ui→worker:read-audit': async () =>
      ctx.post('worker→ui:audit', { entries: await audit.all(), limit: preferences.current.auditLimit }),
  };
};
