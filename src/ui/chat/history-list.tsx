import type { Conversation } from '../../messages/chat-types';

export type ConversationSummary = Pick<Conversation, 'id' | 'title' | 'updatedAt'>;

export interface HistoryListProps {
  conversations: ConversationSummary[];
  currentId?: string;
  onOpen(id: string): void;
  onDelete(id: string): void;
}

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Saved conversations, newest first. Titles come from the user's first message: text only. */
export function HistoryList({ conversations, currentId, onOpen, onDelete }: HistoryListProps) {
  if (conversations.length === 0) return <p class="empty">No saved conversations.</p>;
  const sorted = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt);
  return (
    <ul class="chat-history" aria-label="Saved conversations">
      {sorted.map((c) => {
        const title = c.title.trim() || 'Untitled conversation';
        return (
          <li key={c.id}>
            <div class="chat-history-main">
              {/* The title alone names the button; the date beside it would only lengthen what is read out. */}
              <button
                type="button"
                class="chat-history-open"
                aria-current={c.id === currentId ? 'true' : undefined}
                onClick={() => onOpen(c.id)}
              >
                {title}
              </button>
              <time class="desc" dateTime={new Date(c.updatedAt).toISOString()}>
                {WHEN.format(c.updatedAt)}
              </time>
            </div>
            <button type="button" aria-label={`Delete conversation ${title}`} onClick={() => onDelete(c.id)}>
              Delete
            </button>
          </li>
        );
      })}
    </ul>
  );
}
