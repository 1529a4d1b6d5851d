import type { TabStateView } from '../messages/contract';
import { hostOf } from '../shared/readable-name';

export interface ToolbarState {
  /** The site offers tools the user could switch on or already did: the icon carries a dot. */
  offersTools: boolean;
  /** The action's tooltip for this tab. */
  title: string;
}

const NAME = 'Switchboard';

/**
 * What the toolbar icon says about one tab. Pending approvals are not here: they are the badge count
 * (approval-window.ts), global and drawn over the icon, so the two never hide each other.
 */
export function toolbarState(state: TabStateView): ToolbarState {
  if (!state.origin || state.state === 'unavailable') return { offersTools: false, title: NAME };
  const site = hostOf(state.origin) ?? state.origin;
  if (state.blocked) return { offersTools: false, title: `${NAME}: you blocked ${site}` };
  const tools = state.tools.filter((t) => !t.unavailable);
  const framed = (state.frames ?? []).filter((f) => !f.blocked).flatMap((f) => f.tools);
  const count = tools.length + framed.filter((t) => !t.unavailable).length;
  return offering(site, count, [...tools, ...framed].filter((t) => t.granted).length);
}

/**
 * A tab whose page counted its tools but has not connected (tool-announcements.ts). Nothing of it is
 * switched on: a site with any grant connects at once, so only the count is there to say.
 */
export function announcedToolbarState(origin: string, count: number, blocked: boolean): ToolbarState {
  const site = hostOf(origin) ?? origin;
  if (blocked) return { offersTools: false, title: `${NAME}: you blocked ${site}` };
  return offering(site, count, 0);
}

function offering(site: string, count: number, on: number): ToolbarState {
  if (count === 0) return { offersTools: false, title: `${NAME}: ${site} offers no tools` };
  const offers = `${site} offers ${count} tool${count === 1 ? '' : 's'}`;
  return { offersTools: true, title: `${NAME}: ${offers}${on > 0 ? `, ${on} switched on` : ''}` };
}
