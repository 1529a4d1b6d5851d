import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Attachment, ChatItem, ToolCallItem } from '../../messages/chat-types';
import { ChatEmpty, type SharedTool } from './chat-empty';
import { Composer } from './composer';
import { MessageView } from './message-view';

export interface ChatViewProps {
  items: ChatItem[];
  streaming: boolean;
  /** e.g. "gpt-4o-mini on OpenAI" */
  providerLabel?: string;
  noProvider: boolean;
  toolCount: number;
  /** The tools counted, for the empty state to name; without it, it names none. */
  sharedTools?: SharedTool[];
  /** What the current page offers; the panel offers to share what is not shared yet. */
  pageTools?: { offered: number; unshared: number };
  /** Opens the page's grants (the same view as the popup's). */
  onChoosePageTools?(): void;
  /** Runs the last turn again after a model error. */
  onRetry?(): void;
  pageAttachable: boolean;
  attachments: Attachment[];
  onSend(text: string): void;
  onStop(): void;
  onAttachPage(): void;
  onRemoveAttachment(uri: string): void;
  onOpenSettings(): void;
  onOpenApprovals(): void;
  onNewChat(): void;
  /** Lists saved conversations (the page shows them in place of the chat). */
  onShowHistory?(): void;
  /** A tool call's MCP App, if its tool has one. */
  renderApp?(call: ToolCallItem): ComponentChildren;
  /** Text put in the message box for the user to send or not (an app's `ui/message`); a new object each time. */
  draft?: { text: string };
}

/** How close to the bottom (px) still counts as "at the bottom", so sub-pixel rounding does not unstick. */
const STICK_THRESHOLD = 40;

function toolCountText(count: number): string {
  if (count === 0) return 'No tools shared yet';
  return count === 1 ? '1 tool available' : `${count} tools available`;
}

/**
 * The side panel's chat: a header, the conversation log and the composer. Purely presentational; the
 * conversation, the provider and the host live with the caller.
 */
export function ChatView(props: ChatViewProps) {
  const { items, streaming, noProvider, pageTools } = props;
  const log = useRef<HTMLDivElement>(null);
  // A ref, not state: scrolling must not re-render, and the effect below reads it after each update.
  const atBottom = useRef(true);

  const last = items[items.length - 1];
  // Layout effect so the jump happens before paint, without a visible flicker at the old position. The
  // user's own new message always brings the view down, even if they had scrolled up to read.
  useLayoutEffect(() => {
    const el = log.current;
    if (last?.kind === 'user') atBottom.current = true;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [items, streaming]);

  const onScroll = () => {
    const el = log.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
  };

  const { onStop } = props;
  // Escape stops from anywhere in the panel (as in other chat apps), not only from the message box.
  useEffect(() => {
    if (!streaming) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onStop();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [streaming, onStop]);

  // Between Send and the first token nothing else moves; say that something is happening.
  const retryable = !streaming && !noProvider && last?.kind === 'notice' && last.tone === 'error';
  const thinking = streaming && !(last?.kind === 'assistant' && (last.text || last.toolCalls.length > 0));

  return (
    <div class="chat">
      <header class="chat-header">
        <div class="chat-header-text">
          <p class="chat-provider">{noProvider ? 'No model set up' : (props.providerLabel ?? '')}</p>
          <p class="chat-tools">{toolCountText(props.toolCount)}</p>
        </div>
        {props.onShowHistory && (
          <button type="button" onClick={props.onShowHistory}>
            History
          </button>
        )}
        <button type="button" onClick={props.onNewChat} disabled={items.length === 0}>
          New chat
        </button>
      </header>
      {pageTools && pageTools.offered > 0 && props.onChoosePageTools && (
        <p class="chat-page-tools">
          <button type="button" class="link" aria-haspopup="dialog" onClick={props.onChoosePageTools}>
            {pageTools.unshared > 0
              ? `This page offers ${pageTools.offered === 1 ? '1 tool' : `${pageTools.offered} tools`}: choose what to share`
              : 'Change what this page shares'}
          </button>
        </p>
      )}
      <div
        class="chat-log"
        role="log"
        aria-live="polite"
        aria-label="Conversation"
        ref={log}
        onScroll={onScroll}
      >
        {items.length === 0 ? (
          <ChatEmpty
            noProvider={noProvider}
            sharedTools={props.sharedTools ?? []}
            pageAttachable={props.pageAttachable}
            onOpenSettings={props.onOpenSettings}
          />
        ) : (
          items.map((item) => (
            <MessageView
              key={item.id}
              item={item}
              onOpenApprovals={props.onOpenApprovals}
              {...(props.renderApp ? { renderApp: props.renderApp } : {})}
              {...(retryable && item === last && props.onRetry
                ? { onRetry: props.onRetry, onOpenSettings: props.onOpenSettings }
                : {})}
            />
          ))
        )}
        {thinking && <p class="chat-thinking">Thinking…</p>}
      </div>
      {noProvider && items.length > 0 && (
        <p class="chat-banner">
          Set up a model to continue.{' '}
          <button type="button" onClick={props.onOpenSettings}>
            Open settings
          </button>
        </p>
      )}
      <Composer
        streaming={streaming}
        noProvider={noProvider}
        pageAttachable={props.pageAttachable}
        attachments={props.attachments}
        onSend={props.onSend}
        onStop={props.onStop}
        onAttachPage={props.onAttachPage}
        onRemoveAttachment={props.onRemoveAttachment}
        {...(props.draft ? { draft: props.draft } : {})}
      />
    </div>
  );
}
