import type { GrantTarget, TabStateView, ToolGrantView } from '../messages/contract';

export interface TabGrantsViewProps {
  state: TabStateView | undefined;
  error: string | undefined;
  onGrant(origin: string, target: GrantTarget, granted: boolean): void;
}

const STATE_TEXT: Record<TabStateView['state'], string> = {
  connecting: 'Connecting to the page…',
  connected: 'Connected',
  unavailable: 'Not available on this page',
  error: 'Connection failed',
};

function ToolRow({ tool, onToggle }: { tool: ToolGrantView; onToggle(granted: boolean): void }) {
  const id = `tool-${tool.name}`;
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
export function TabGrantsView({ state, error, onGrant }: TabGrantsViewProps) {
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
        </>
      )}
    </>
  );
}
