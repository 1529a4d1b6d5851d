import { askingSummary } from '../consent/asking-summary';
import type { ToolGrantView } from '../messages/contract';
import type { AssistantRef } from '../messages/decisions';
import { readableName } from '../shared/readable-name';

function Tags({ tool }: { tool: ToolGrantView }) {
  return (
    <span class="tags">
      {tool.readOnly && !tool.consequential && (
        <span class="pill ok" title="The site says this tool only reads; it changes nothing">
          Reads only
        </span>
      )}
      {tool.consequential && (
        <span class="pill warn" title="The site says this tool can change things: buy, send, delete, book">
          Can change things
        </span>
      )}
      {tool.untrustedContent && (
        <span
          class="pill info"
          title="What it returns is written by other people: reviews, messages, posts. Assistants treat it as data, not instructions."
        >
          Content from others
        </span>
      )}
      {tool.form && (
        <span
          class="pill"
          title={
            tool.form.autosubmit
              ? 'A form on the page, which the site submits itself'
              : 'A form on the page, which you submit'
          }
        >
          Form
        </span>
      )}
    </span>
  );
}

/** The assistants' names for a tool's standing "Always allow", as the user knows them. */
function alwaysFor(tool: ToolGrantView, assistants: AssistantRef[]): string[] {
  return (tool.remembered ?? []).map(
    (r) => assistants.find((a) => a.id === r.assistant)?.label ?? 'one assistant',
  );
}

/** One tool: its title and id, what it declares, when it asks, and a switch on the right. */
export function ToolRow({
  tool,
  idPrefix = 'tool',
  assistants,
  onToggle,
}: {
  tool: ToolGrantView;
  idPrefix?: string;
  assistants: AssistantRef[];
  onToggle(granted: boolean): void;
}) {
  const id = `${idPrefix}-${tool.name}`;
  // A tool that cannot be called cannot be switched on; one switched on earlier can still be switched off.
  const locked = tool.unavailable !== undefined && !tool.granted;
  const asking = askingSummary(tool, alwaysFor(tool, assistants));
  return (
    <li class={`grant-row${locked ? ' locked' : ''}`}>
      <div class="grant-text">
        <label for={id}>
          <span class="name">{tool.title || readableName(tool.name)}</span>{' '}
          <span class="tool-id">{tool.name}</span>
        </label>
        <div id={`${id}-desc`}>
          <Tags tool={tool} />
          {tool.unavailable ? (
            <p class="unavailable">Cannot be used: {tool.unavailable}</p>
          ) : (
            <p class={`asking ${asking.asking}`}>When on: {lowerFirst(asking.text)}</p>
          )}
          {tool.description && <p class="desc">{tool.description}</p>}
        </div>
      </div>
      <input
        id={id}
        class="switch"
        type="checkbox"
        role="switch"
        checked={tool.granted}
        aria-checked={tool.granted}
        disabled={locked}
        aria-describedby={`${id}-desc`}
        onChange={(e) => onToggle(e.currentTarget.checked)}
      />
    </li>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
