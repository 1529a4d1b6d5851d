import { useState } from 'preact/hooks';
import type { ActingTabView, SiteAction, SiteView } from '../messages/contract';
import { ActingNowList } from './acting-now-list';
import { BrowserTabsSwitch } from './browser-tabs-switch';

export interface SitesViewProps {
  sites: SiteView[];
  /** Tabs an assistant is acting on now, listed first. */
  acting?: ActingTabView[];
  onAction(origin: string, action: SiteAction): void;
  /** Switches "Let assistants act on this site" off (a `set-grant` of target `actions`, granted false). */
  onStopActions(origin: string): void;
  /** "Let assistants see and manage tabs" (the built-in browser tools). */
  browserTabs: boolean;
  onBrowserTabs(enabled: boolean): void;
}

/** "https://example.com/some/page" → "https://example.com"; throws a message a person can act on. */
function toOrigin(raw: string): string {
  const value = raw.trim();
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // handled below, with the same advice as a wrong scheme
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new Error(`"${value}" is not a web address. Enter one like https://example.com.`);
  }
  return url.origin;
}

function grantedText(site: SiteView): string {
  const parts: string[] = [];
  if (site.tools.length) parts.push(`Tools: ${site.tools.join(', ')}`);
  if (site.page) parts.push('Page content');
  if (site.actions) parts.push('Acts on pages');
  return parts.length ? parts.join(' · ') : 'Nothing granted';
}

function SiteRow({
  site,
  onAction,
  onStopActions,
}: { site: SiteView } & Pick<SitesViewProps, 'onAction' | 'onStopActions'>) {
  const nothingGranted = site.tools.length === 0 && !site.page && !site.actions;
  return (
    <li class="site">
      <div class="site-head">
        <span class="origin">{site.origin}</span>
        {site.blocked && <span class="tag blocked">Blocked</span>}
      </div>
      <div class="desc">{grantedText(site)}</div>
      {site.actions && site.actionsPaused && (
        <div class="desc actions-paused" role="note">
          Stopped from the page: actions stay off until you turn them on again in the popup on this site or
          restart the browser.
        </div>
      )}
      <div class="site-actions">
        {site.actions && (
          <button
            type="button"
            aria-label={`Stop assistants acting on ${site.origin}`}
            onClick={() => onStopActions(site.origin)}
          >
            Turn off actions
          </button>
        )}
        <button
          type="button"
          disabled={nothingGranted}
          aria-label={`Revoke all for ${site.origin}`}
          onClick={() => onAction(site.origin, 'revoke-all')}
        >
          Revoke all
        </button>
        {site.blocked ? (
          <button
            type="button"
            aria-label={`Unblock ${site.origin}`}
            onClick={() => onAction(site.origin, 'unblock')}
          >
            Unblock
          </button>
        ) : (
          <button
            type="button"
            aria-label={`Block this site: ${site.origin}`}
            onClick={() => onAction(site.origin, 'block')}
          >
            Block this site
          </button>
        )}
      </div>
    </li>
  );
}

/** The sites that were granted something or blocked, with a way to revoke or block each, or block another. */
export function SitesView({
  sites,
  acting,
  onAction,
  onStopActions,
  browserTabs,
  onBrowserTabs,
}: SitesViewProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();

  const block = (event: Event) => {
    event.preventDefault();
    try {
      onAction(toOrigin(input), 'block');
      setInput('');
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div class="sites">
      <ActingNowList acting={acting} />
      <BrowserTabsSwitch enabled={browserTabs} onChange={onBrowserTabs} />
      {sites.length === 0 ? (
        <p class="empty">
          No site has been granted anything yet. Grant a site's tools from the Switchboard popup on that site.
        </p>
      ) : (
        <ul aria-label="Sites">
          {sites.map((site) => (
            <SiteRow key={site.origin} site={site} onAction={onAction} onStopActions={onStopActions} />
          ))}
        </ul>
      )}
      <form class="block-site" onSubmit={block} noValidate>
        <label for="block-site-origin">Block a site</label>
        <div class="inline">
          <input
            id="block-site-origin"
            type="text"
            inputMode="url"
            placeholder="https://example.com"
            value={input}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'block-site-error' : undefined}
            onInput={(e) => setInput(e.currentTarget.value)}
          />
          <button type="submit">Block</button>
        </div>
        {error && (
          <p id="block-site-error" class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </div>
  );
}
