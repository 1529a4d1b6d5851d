import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { callSummary } from '../../assistant/tool-display';
import type { ToolCallItem, ToolCallStatus } from '../../messages/chat-types';
import { resultRecord } from '../values/format-values';
import { ValueList } from '../values/value-list';

/** Said beside the line while the call waits for the user; otherwise the line says it all. */
const STATUS_TEXT: Partial<Record<ToolCallStatus, string>> = {
  'waiting-approval': 'Needs your approval',
};

/** Drawn, not read: the line's words and the status carry the meaning for a screen reader. */
const ICON: Record<ToolCallStatus, string> = {
  'waiting-approval': '!',
  running: '',
  done: '✓',
  error: '✕',
  cancelled: '–',
};

/** Past this, a result shows its start and a "Show all" that opens the rest in place. */
export const RESULT_PREVIEW_CHARS = 600;

export interface ToolCallViewProps {
  call: ToolCallItem;
  onOpenApprovals(): void;
  /** The call's MCP App, when its tool has one (the page builds it: it talks to the host). */
  renderApp?(call: ToolCallItem): ComponentChildren;
}

function ResultText({ text, isError }: { text: string; isError: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const long = text.length > RESULT_PREVIEW_CHARS;
  const shown = long && !showAll ? `${text.slice(0, RESULT_PREVIEW_CHARS).trimEnd()}…` : text;
  return (
    <>
      <p class={isError ? 'tool-call-result error' : 'tool-call-result'}>{shown}</p>
      {long && <ShowAll shown={showAll} size={text.length} onToggle={() => setShowAll(!showAll)} />}
    </>
  );
}

function ShowAll({ shown, size, onToggle }: { shown: boolean; size: number; onToggle(): void }) {
  return (
    <button type="button" class="link" aria-expanded={shown} onClick={onToggle}>
      {shown ? 'Show less' : `Show all (${size.toLocaleString()} characters)`}
    </button>
  );
}

function Result({ call }: { call: ToolCallItem }) {
  const isError = call.status === 'error';
  const fields = isError ? undefined : resultRecord(call.result, call.structured);
  if (!fields && !call.result) return null;
  return (
    <section class="tool-call-section" aria-label={isError ? 'What went wrong' : 'Result'}>
      <h3>{isError ? 'What went wrong' : 'Result'}</h3>
      {fields ? (
        <ValueList record={fields} label="Result" />
      ) : (
        <ResultText text={call.result ?? ''} isError={isError} />
      )}
    </section>
  );
}

/**
 * One tool call in the assistant's answer: a single line ("✓ Searched this article on 127.0.0.1:4173")
 * that opens on what it was given and what came back. Open while it waits for the user, because that is
 * when its arguments matter. Everything shown came from the model or a site, so it is only ever text.
 */
export function ToolCallView({ call, onOpenApprovals, renderApp }: ToolCallViewProps) {
  const waiting = call.status === 'waiting-approval';
  const lineId = `tool-call-${call.id}`;
  const status =
    call.note ?? (call.status === 'running' ? call.progress : undefined) ?? STATUS_TEXT[call.status];
  return (
    <div class="tool-call" data-status={call.status}>
      {/* `open` is diffed against the last render, not the DOM: the user's own toggling survives updates
          until the status changes. */}
      <details open={waiting}>
        <summary>
          <span class="tool-call-icon" aria-hidden="true">
            {ICON[call.status]}
          </span>
          <span class="tool-call-line" id={lineId}>
            {callSummary(call)}
          </span>
          {status && <span class="tool-call-status">{status}</span>}
        </summary>
        <div class="tool-call-body">
          <section class="tool-call-section" aria-label="Sent">
            <h3>Sent</h3>
            <ValueList record={call.args} label="Sent" />
          </section>
          <Result call={call} />
        </div>
      </details>
      {/* Outside <summary>: a button there would also toggle the details. */}
      {waiting && (
        <button
          type="button"
          class="primary tool-call-review"
          aria-describedby={lineId}
          onClick={onOpenApprovals}
        >
          Review
        </button>
      )}
      {/* Outside <details>: the app is what the call shows, open whatever the line's state. */}
      {renderApp?.(call)}
    </div>
  );
}
