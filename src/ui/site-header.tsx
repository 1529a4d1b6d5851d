import type { TabStateView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';
import { hostOf } from '../shared/readable-name';

/** The host as people read it: no scheme, no "www.". */
export function siteName(origin: string): string {
  return hostOf(origin)?.replace(/^www\./, '') ?? origin;
}

/**
 * A letter and a colour drawn from the host name. Not the site's favicon: the popup knows the tab's origin
 * but not its page URL (no "tabs" permission), and Chrome's favicon cache answers a URL it does not know
 * with a generic globe that cannot be told from a real icon.
 */
export function Monogram({ host }: { host: string }) {
  const letter = (host.match(/[a-z0-9]/i)?.[0] ?? '?').toUpperCase();
  let hash = 0;
  for (const c of host) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  // Dark enough at every hue for white text (AA), the same in light and dark mode.
  return (
    <span class="monogram" aria-hidden="true" style={{ background: `hsl(${hash % 360} 55% 32%)` }}>
      {letter}
    </span>
  );
}

const STATUS: Record<TabStateView['state'], { text: string; pill: string }> = {
  connecting: { text: 'Connecting…', pill: 'info' },
  connected: { text: 'Connected', pill: 'ok' },
  unavailable: { text: 'Not available on this page', pill: '' },
  error: { text: 'Connection failed', pill: 'err' },
};

export function SiteHeader({ state }: { state: TabStateView }) {
  const host = state.origin ? siteName(state.origin) : 'This tab';
  const status = STATUS[state.state];
  return (
    <header class="site">
      <Monogram host={host} />
      <div class="site-text">
        <h1>{host}</h1>
        <p class="site-status" role="status">
          <span class={`pill ${state.blocked ? 'warn' : status.pill}`} data-state={state.state}>
            {state.blocked ? 'Blocked' : status.text}
          </span>
          {state.state === 'error' && state.error ? <span class="status-detail"> {state.error}</span> : null}
        </p>
      </div>
    </header>
  );
}

/** Who gets what is switched on here, where, and for how long: the one sentence a new user needs. */
export function SharingNote({ state }: { state: TabStateView }) {
  const host = state.origin ? siteName(state.origin) : 'this site';
  const limit = state.assistantsLimit;
  const names = (ids: string[], all: AssistantRef[]) =>
    ids.map((id) => all.find((a) => a.id === id)?.label ?? 'one assistant');
  const who =
    limit === undefined
      ? 'every assistant you use with Switchboard'
      : limit.length === 0
        ? 'no assistant yet (choose them below)'
        : `only ${joinNames(names(limit, state.assistants ?? []))}`;
  return (
    <p class="sharing-note">
      What you switch on here is shared with {who}, on every page of {host}, until you switch it off.
    </p>
  );
}

/** "Claude", "Claude and Cursor", "Claude, Cursor and Zed". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
