import type { ChatItem } from '../../messages/chat-types';
import { ToolCallView } from './tool-call-view';

export interface MessageViewProps {
  item: ChatItem;
  onOpenApprovals(): void;
}

/**
 * One entry of the conversation. Model text is untrusted and not Markdown-rendered: it goes in as a text
 * node and `white-space: pre-wrap` keeps its line breaks.
 */
export function MessageView({ item, onOpenApprovals }: MessageViewProps) {
  if (item.kind === 'notice') {
    return (
      <p class="chat-notice" data-tone={item.tone} role={item.tone === 'error' ? 'alert' : undefined}>
        {item.text}
      </p>
    );
  }
  if (item.kind === 'user') {
    return (
      <article class="chat-msg" data-kind="user" aria-label="You">
        <div class="chat-text">{item.text}</div>
        {item.attachments && item.attachments.length > 0 && (
          <ul class="chat-chips" aria-label="Attachments">
            {item.attachments.map((a) => (
              <li key={a.uri} class="chat-chip" title={a.uri}>
                Attached: {a.title}
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
        <ToolCallView key={call.id} call={call} onOpenApprovals={onOpenApprovals} />
      ))}
    </article>
  );
}
