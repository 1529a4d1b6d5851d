import type { FrameToolsView, GrantTarget, TabStateView, ToolGrantView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';

export interface TabGrantsViewProps {
  state: TabStateView | undefined;
  error: string | undefined;
  onGrant(origin: string, target: GrantTarget, granted: boolean): void;
  /** Limits the site's grants to these assistants (ids), or (null) opens them to all. */
  onAssistants(origin: string, assistants: string[] | null): void;
}

const STATE_TEXT: Record<TabStateView['state'], string> = {
  connecting: 'Connecting to the page…',
  connected: 'Connected',
  unavailable: 'Not available on this page',
  error: 'Connection failed',
};

function ToolRow({
  tool,
  idPrefix = 'tool',
  onToggle,
}: {
  tool: ToolGrantView;
  idPrefix?: string;
  onToggle(granted: boolean): void;
}) {
  const id = `${idPrefix}-${tool.name}`;
  return (
    <li>
      <div class="row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={tool.granted}
          aria-checked={tool.granted}
          aria-describedby={`${id}-desc`}
          onChange={(e) => onToggle(e.currentTarget.checked)}
        />
        <label for={id}>
          <span class="name">Allow {tool.title ? `${tool.title} (${tool.name})` : tool.name}</span>
          {tool.form && (
            <span
              class="tag"
              title={tool.form.autosubmit ? 'A form the site submits itself' : 'A form you submit'}
            >
              form
            </span>
          )}
          {tool.readOnly && <span class="tag">read-only</span>}
          {tool.consequential && <span class="tag warn">consequential</span>}
          {tool.untrustedContent && <span class="tag">untrusted content</span>}
        </label>
      </div>
      <div class="desc" id={`${id}-desc`}>
        {tool.description || 'No description.'}
      </div>
    </li>
  );
}

/** What the popup shows for one tab: origin, connection state, and a switch per grant. Deny by default. */
export function TabGrantsView({ state, error, onGrant, onAssistants }: TabGrantsViewProps) {
  if (!state) return <p class="state">Loading…</p>;
  const { origin } = state;
  return (
    <>
      <h1 class="origin">{origin ?? 'This tab'}</h1>
      <p class="state" data-state={state.state} role="status">
        {STATE_TEXT[state.state]}
        {state.error ? ` — ${state.error}` : ''}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {origin && state.blocked && (
        <p class="site-blocked" role="note">
          You blocked this site in Switchboard settings: its tools are never offered and its page is never
          shared. Unblock it under Settings → Sites.
        </p>
      )}
      {origin && !state.blocked && (
        <>
          <h2>Page</h2>
          <ul>
            <li>
              <div class="row">
                <input
                  id="page-content"
                  type="checkbox"
                  role="switch"
                  checked={state.pageContentGranted}
                  aria-checked={state.pageContentGranted}
                  aria-describedby="page-content-desc"
                  onChange={(e) => onGrant(origin, { kind: 'page' }, e.currentTarget.checked)}
                />
                <label for="page-content">
                  <span class="name">Share page content</span>
                </label>
              </div>
              <div class="desc" id="page-content-desc">
                Lets assistants read this site's pages as Markdown, their metadata and your selection.
              </div>
            </li>
          </ul>
          <h2>Tools of this site</h2>
          {state.tools.length === 0 ? (
            <p class="empty">This page offers no WebMCP tools.</p>
          ) : (
            <ul>
              {state.tools.map((tool) => (
                <ToolRow
                  key={tool.name}
                  tool={tool}
                  onToggle={(granted) => onGrant(origin, { kind: 'tool', tool: tool.name }, granted)}
                />
              ))}
            </ul>
          )}
          {state.frames?.map((frame, i) => (
            <FrameTools
              key={frame.origin}
              frame={frame}
              index={i}
              onToggle={(tool, granted) => onGrant(frame.origin, { kind: 'tool', tool }, granted)}
            />
          ))}
          <AssistantsChoice
            choices={state.assistants ?? []}
            limit={state.assistantsLimit}
            onChange={(chosen) => onAssistants(origin, chosen)}
          />
        </>
      )}
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
  onToggle,
}: {
  frame: FrameToolsView;
  index: number;
  onToggle(tool: string, granted: boolean): void;
}) {
  const host = new URL(frame.origin).host;
  const headingId = `frame-${index}-heading`;
  return (
    <section class="frame-tools" aria-labelledby={headingId}>
      <h2 id={headingId}>Tools of {host}, embedded in this page</h2>
      <p class="desc">
        Granted to {frame.origin} itself, wherever it appears, not to the page that embeds it.
      </p>
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
              onToggle={(granted) => onToggle(tool.name, granted)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Which assistants this site's grants are for: all of them by default. Shown once there is more than the
 * built-in assistant to choose from (a desktop assistant the user allowed).
 */
function AssistantsChoice({
  choices,
  limit,
  onChange,
}: {
  choices: AssistantRef[];
  limit: string[] | undefined;
  onChange(chosen: string[] | null): void;
}) {
  if (choices.length < 2) return null;
  const all = limit === undefined;
  const chosen = new Set(limit ?? choices.map((c) => c.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange([...next]);
  };
  return (
    <>
      <h2 id="assistants-heading">Assistants that can use this site</h2>
      <ul aria-labelledby="assistants-heading">
        <li>
          <div class="row">
            <input
              id="assistants-all"
              type="checkbox"
              role="switch"
              checked={all}
              aria-checked={all}
              aria-describedby="assistants-all-desc"
              // Narrowing from "all" starts from everyone, so that unchecking one is the next step.
              onChange={(e) => onChange(e.currentTarget.checked ? null : choices.map((c) => c.id))}
            />
            <label for="assistants-all">
              <span class="name">All assistants</span>
            </label>
          </div>
          <div class="desc" id="assistants-all-desc">
            {all
              ? 'What you share above is for every assistant you use with Switchboard.'
              : 'What you share above is only for the assistants chosen below. The others do not see this site.'}
          </div>
        </li>
        {!all &&
          choices.map((choice) => (
            <li key={choice.id}>
              <div class="row">
                <input
                  id={`assistant-${choice.id}`}
                  type="checkbox"
                  checked={chosen.has(choice.id)}
                  onChange={(e) => toggle(choice.id, e.currentTarget.checked)}
                />
                <label for={`assistant-${choice.id}`}>
                  <span class="name">{choice.label}</span>
                </label>
              </div>
            </li>
          ))}
      </ul>
    </>
  );
}
