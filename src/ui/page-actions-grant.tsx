import { pageActionsAsking } from '../consent/asking-summary';
import type { TabStateView } from '../messages/contract';
import { joinNames } from './site-header';

/**
 * "Claude is acting on this tab now": the first thing the popup says while an assistant clicks and types
 * here, so the person who opened it to find out why the page is moving does not have to look for it.
 * The labels are assistants' own names (a desktop assistant's is a claim): rendered as text by Preact.
 */
export function ActingNowStatus({ actingNow }: { actingNow: string[] | undefined }) {
  const names = [...new Set(actingNow ?? [])];
  if (names.length === 0) return null;
  const verb = names.length === 1 ? 'is' : 'are';
  return (
    <p class="acting-now" role="status">
      <span class="acting-dot" aria-hidden="true" />
      {joinNames(names)} {verb} acting on this tab now
    </p>
  );
}

/**
 * The "Let assistants act on this site" switch, built like "Share page content" beside it. After Stop on
 * the page the grant is still stored but paused for the session: the switch shows what is in effect (off),
 * and turning it on sends the grant again, which is what clears the pause in the worker.
 */
export function ActionsGrantRow({
  state,
  onChange,
}: {
  state: Pick<TabStateView, 'actionsGranted' | 'actionsPaused'>;
  onChange(granted: boolean): void;
}) {
  const on = state.actionsGranted && !state.actionsPaused;
  const asking = pageActionsAsking();
  return (
    <li class="grant-row">
      <div class="grant-text">
        <label for="page-actions">
          <span class="name">Let assistants act on this site</span>
        </label>
        <p class="desc" id="page-actions-desc">
          Click, type and choose on this site's pages (this shares the page too). {asking.text}
        </p>
        {state.actionsPaused && (
          <p class="actions-paused" id="page-actions-paused" role="note">
            Stopped from the page. Actions stay off until you turn them on again or restart the browser.
          </p>
        )}
      </div>
      <input
        id="page-actions"
        class="switch"
        type="checkbox"
        role="switch"
        checked={on}
        aria-checked={on}
        aria-describedby={state.actionsPaused ? 'page-actions-desc page-actions-paused' : 'page-actions-desc'}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
    </li>
  );
}
