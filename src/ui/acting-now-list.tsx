import type { ActingTabView } from '../messages/contract';
import { joinNames, siteName } from './site-header';

/**
 * "Acting now" at the top of Settings → Sites: which assistant is clicking and typing in which tab, so a
 * person who sees a page move can find the site here and switch its actions off below.
 */
export function ActingNowList({ acting }: { acting: ActingTabView[] | undefined }) {
  const tabs = (acting ?? []).filter((t) => t.assistants.length > 0);
  if (tabs.length === 0) return null;
  return (
    <section class="acting-list" aria-labelledby="acting-list-h">
      <h3 id="acting-list-h">Acting now</h3>
      {/* A live region around the list, not on it: a <ul> keeps its list role. */}
      <div role="status">
        <ul>
          {tabs.map((t) => (
            <li key={t.tabId}>
              <span class="acting-who">{joinNames([...new Set(t.assistants)])}</span> — tab {t.tabId},{' '}
              {siteName(t.origin)}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
