import type { ComponentChildren } from 'preact';
import type { ChatItem, ToolCallItem } from '../../messages/chat-types';
import { PageChipLabel } from './page-chip';
import { ToolCallView } from './tool-call-view';

export interface MessageViewProps {
  item: ChatItem;
  onOpenApprovals(): void;
  /** A tool call's MCP App, if its tool has one. */
  renderApp?(call: ToolCallItem): ComponentChildren;
  /** Given to the last item when it is a model error: runs that turn again. */
  onRetry?(): void;
  /** Beside Retry: most model errors (a refused key, an unknown model) are fixed in the model settings. */
  onOpenSettings?(): void;
}

/**
 * One entry of the conversation. Model text is untrusted and not Markdown-rendered: it goes in as a text
 * node and `white-space: pre-wrap` keeps its line breaks.
 */
export function MessageView({ item, onOpenApprovals, renderApp, onRetry, onOpenSettings }: MessageViewProps) {
  if (item.kind === 'notice') {
    return (
      <div class="chat-notice" data-tone={item.tone}>
        <p role={item.tone === 'error' ? 'alert' : undefined}>{item.text}</p>
        {onOpenSettings && (
          <button type="button" class="link" onClick={onOpenSettings}>
            Model settings
          </button>
        )}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    );
  }
  if (item.kind === 'user') {
    return (
      <article class="chat-msg" data-kind="user" aria-label="You">
        <div class="chat-text">{item.text}</div>
        {item.attachments && item.attachments.length > 0 && (
          <ul class="chat-chips" aria-label="Attachments">
            {item.attachments.map((a) => (
              <li key={a.uri} class="chat-chip">
                <PageChipLabel attachment={a} />
              </li>
            ))}
          </ul>
        )}
      </article>
    );
  }
  return (
    <article
      class="chat-msg"
      data-kind="assistant"
      aria-label={item.model ? `Assistant (${item.model})` : 'Assistant'}
    >
      {item.text && <div class="chat-text">{item.text}</div>}
      {item.toolCalls.map((call) => (
        <ToolCallView
          key={call.id}
          call={call}
          onOpenApprovals={onOpenApprovals}
          {...(renderApp ? { renderApp } : {})}
        />
      ))}
    </article>
  );
}
