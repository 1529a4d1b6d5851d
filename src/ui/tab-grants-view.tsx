import type { FrameToolsView, GrantTarget, TabStateView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';
import { readOnlyToGrant } from '../permissions/read-only-tools';
import { AssistantsChoice } from './assistants-choice';
import { ActingNowStatus, ActionsGrantRow } from './page-actions-grant';
import type { SettingsSection } from './settings-sections';
import { SharingNote, SiteHeader, siteName } from './site-header';
import { ToolRow } from './tool-row';

export interface TabGrantsViewProps {
  state: TabStateView | undefined;
  error: string | undefined;
  onGrant(origin: string, target: GrantTarget, granted: boolean): void;
  /** Limits the site's grants to these assistants (ids), or (null) opens them to all. */
  onAssistants(origin: string, assistants: string[] | null): void;
  /** Switches on every read-only tool of the site, in one action. */
  onAllowReadOnly(): void;
  /** Opens a section of the settings page (`sites`, …). */
  onSettings(section?: SettingsSection): void;
}

/** What the popup shows for one tab: the site, who gets what, and a switch per grant. Deny by default. */
export function TabGrantsView(props: TabGrantsViewProps) {
  const { state, error } = props;
  if (!state) return <p class="loading">Loading…</p>;
  const { origin } = state;
  return (
    <>
      {state.state === 'unavailable' && !origin ? (
        <section class="card unsupported" aria-labelledby="unsupported-heading">
          <h1 id="unsupported-heading">Switchboard can't work on this page</h1>
          <p role="status" class="sr-only">
            Not available on this page
          </p>
          <p>{state.error ?? 'Open a website to share its tools with your assistants.'}</p>
        </section>
      ) : (
        <SiteHeader state={state} />
      )}
      <ActingNowStatus actingNow={state.actingNow} />
      {error && (
        <p class="popup-error" role="alert">
          {error}
        </p>
      )}
      {origin && state.blocked && (
        <section class="card">
          <p class="site-blocked" role="note">
            You blocked this site in Switchboard settings: its tools are never offered and its pages are never
            shared.
          </p>
          <button type="button" onClick={() => props.onSettings('sites')}>
            Manage blocked sites
          </button>
        </section>
      )}
      {origin && !state.blocked && <SiteGrants {...props} state={state} origin={origin} />}
    </>
  );
}

function SiteGrants({
  state,
  origin,
  onGrant,
  onAssistants,
  onAllowReadOnly,
}: TabGrantsViewProps & { state: TabStateView; origin: string }) {
  const assistants = state.assistants ?? [];
  const readOnly = readOnlyToGrant(state);
  return (
    <>
      <SharingNote state={state} />
      <section class="card" aria-labelledby="page-heading">
        <h2 id="page-heading">This page</h2>
        <ul>
          <li class="grant-row">
            <div class="grant-text">
              <label for="page-content">
                <span class="name">Share page content</span>
              </label>
              <p class="desc" id="page-content-desc">
                Lets assistants read the text of this site's pages, their details and what you select.
              </p>
            </div>
            <input
              id="page-content"
              class="switch"
              type="checkbox"
              role="switch"
              checked={state.pageContentGranted}
              aria-checked={state.pageContentGranted}
              aria-describedby="page-content-desc"
              onChange={(e) => onGrant(origin, { kind: 'page' }, e.currentTarget.checked)}
            />
          </li>
          <ActionsGrantRow
            state={state}
            // Turning it on shares the page too (the worker does it: SettingsService.setGrant).
            onChange={(granted) => onGrant(origin, { kind: 'actions' }, granted)}
          />
        </ul>
      </section>
      <section class="card" aria-labelledby="tools-heading">
        <div class="card-head">
          <h2 id="tools-heading">Tools of this site</h2>
          {readOnly.length > 0 && (
            <button type="button" class="small" onClick={onAllowReadOnly}>
              Allow all read-only tools
            </button>
          )}
        </div>
        {state.tools.length === 0 ? (
          <p class="empty">
            {state.state === 'connecting'
              ? 'Looking for tools…'
              : `${siteName(origin)} offers no tools on this page.`}
          </p>
        ) : (
          <ul>
            {state.tools.map((tool) => (
              <ToolRow
                key={tool.name}
                tool={tool}
                assistants={assistants}
                onToggle={(granted) => onGrant(origin, { kind: 'tool', tool: tool.name }, granted)}
              />
            ))}
          </ul>
        )}
      </section>
      {state.frames?.map((frame, i) => (
        <FrameTools
          key={frame.origin}
          frame={frame}
          index={i}
          assistants={assistants}
          onToggle={(tool, granted) => onGrant(frame.origin, { kind: 'tool', tool }, granted)}
        />
      ))}
      <AssistantsChoice
        choices={assistants}
        limit={state.assistantsLimit}
        onChange={(chosen) => onAssistants(origin, chosen)}
      />
    </>
  );
}

/**
 * Tools of a frame the page embeds from another site. They are that site's: granted under its origin, so
 * allowing them here allows them wherever that site is embedded or visited.
 */
function FrameTools({
  frame,
  index,
  assistants,
  onToggle,
}: {
  frame: FrameToolsView;
  index: number;
  assistants: AssistantRef[];
  onToggle(tool: string, granted: boolean): void;
}) {
  const host = new URL(frame.origin).host;
  const headingId = `frame-${index}-heading`;
  return (
    <section class="card frame-tools" aria-labelledby={headingId}>
      <h2 id={headingId}>Tools of {host}, embedded in this page</h2>
      <p class="desc">Switched on for {host} itself, wherever it appears, not for the page that embeds it.</p>
      {frame.blocked ? (
        <p class="site-blocked" role="note">
          You blocked {host} in Switchboard settings: its tools are never offered.
        </p>
      ) : (
        <ul>
          {frame.tools.map((tool) => (
            <ToolRow
              key={tool.name}
              tool={tool}
              idPrefix={`frame-${index}-tool`}
              assistants={assistants}
              onToggle={(granted) => onToggle(tool.name, granted)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
