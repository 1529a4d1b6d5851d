import { useState } from 'preact/hooks';
import type { ToolCallItem, ToolCallStatus } from '../../messages/chat-types';

const STATUS_TEXT: Record<ToolCallStatus, string> = {
  'waiting-approval': 'Waiting for your approval',
  running: 'Running…',
  done: 'Done',
  error: 'Error',
  cancelled: 'Stopped',
};

/** Tool results can be whole pages; drawing all of it would make the log unusable and slow. */
export const RESULT_PREVIEW_CHARS = 4000;

export interface ToolCallViewProps {
  call: ToolCallItem;
  onOpenApprovals(): void;
}

/** Tools return arbitrary data: a value JSON cannot hold must not take the whole panel down. */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

function ResultText({ text, isError }: { text: string; isError: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const long = text.length > RESULT_PREVIEW_CHARS;
  const shown = long && !showAll ? text.slice(0, RESULT_PREVIEW_CHARS) : text;
  return (
    <section class="tool-call-section">
      <h3>{isError ? 'Error' : 'Result'}</h3>
      <pre class={isError ? 'tool-call-pre error' : 'tool-call-pre'}>
        {shown}
        {long && !showAll ? '…' : ''}
      </pre>
      {long && (
        <button type="button" class="link" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show less' : `Show all (${text.length.toLocaleString()} characters)`}
        </button>
      )}
    </section>
  );
}

/**
 * One tool call in the assistant's answer. Open while it waits for the user, because that is when its
 * arguments matter; collapsed otherwise so a long run of calls stays readable. Everything shown came from
 * the model or a site, so it is only ever text.
 */
export function ToolCallView({ call, onOpenApprovals }: ToolCallViewProps) {
  const waiting = call.status === 'waiting-approval';
  const nameId = `tool-call-${call.id}`;
  return (
    <div class="tool-call" data-status={call.status}>
      {/* `open` is diffed against the last render, not the DOM: the user's own toggling survives updates
          until the status changes. */}
      <details open={waiting}>
        <summary>
          <span class="tool-call-name" id={nameId}>
            {call.title ?? call.tool}
          </span>
          <span class="tool-call-status">{call.note ?? STATUS_TEXT[call.status]}</span>
        </summary>
        <div class="tool-call-body">
          {call.title && <p class="tool-call-id">{call.tool}</p>}
          <section class="tool-call-section">
            <h3>Arguments</h3>
            <pre class="tool-call-pre">{toJson(call.args)}</pre>
          </section>
          {call.result !== undefined && <ResultText text={call.result} isError={call.status === 'error'} />}
          {call.structured !== undefined && (
            <section class="tool-call-section">
              <h3>Structured content</h3>
              <pre class="tool-call-pre">{toJson(call.structured)}</pre>
            </section>
          )}
        </div>
      </details>
      {/* Outside <summary>: a button there would also toggle the details. */}
      {waiting && (
        <button
          type="button"
          class="primary tool-call-review"
          aria-describedby={nameId}
          onClick={onOpenApprovals}
        >
          Review
        </button>
      )}
    </div>
  );
}
