import { useEffect, useRef, useState } from 'preact/hooks';
import type { Attachment } from '../../messages/chat-types';
import { PageChipLabel, pageName } from './page-chip';

export interface ComposerProps {
  streaming: boolean;
  /** Without a model there is nothing to send to; the view above says how to set one up. */
  noProvider: boolean;
  pageAttachable: boolean;
  attachments: Attachment[];
  onSend(text: string): void;
  onStop(): void;
  onAttachPage(): void;
  onRemoveAttachment(uri: string): void;
  /** Text to put in the box (an app's message): the user reads it, and sends it or not. */
  draft?: { text: string };
}

const NOT_ATTACHABLE =
  'This page is not shared. Switch on “Share page content” for this site (this page’s tools, above, or the Switchboard popup).';

/** The message box pinned under the conversation, with the page attachments about to be sent. */
export function Composer(props: ComposerProps) {
  const { streaming, noProvider, pageAttachable, attachments } = props;
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!props.draft) return;
    setText(props.draft.text);
    box.current?.focus();
  }, [props.draft]);
  const canSend = text.trim() !== '' && !streaming && !noProvider;

  const send = () => {
    if (!canSend) return;
    props.onSend(text.trim());
    setText('');
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // isComposing: Enter also confirms an IME composition (Japanese, Chinese…), which must not send.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      class="chat-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {attachments.length > 0 && (
        <ul class="chat-chips" aria-label="Attachments">
          {attachments.map((a) => (
            <li key={a.uri} class="chat-chip">
              <PageChipLabel attachment={a} />
              <button
                type="button"
                aria-label={`Remove ${pageName(a)}`}
                onClick={() => props.onRemoveAttachment(a.uri)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label for="chat-input" class="sr-only">
        Message
      </label>
      <textarea
        id="chat-input"
        ref={box}
        rows={3}
        value={text}
        placeholder="Ask about this page… (Shift+Enter for a new line)"
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="chat-actions">
        <button
          type="button"
          onClick={props.onAttachPage}
          disabled={!pageAttachable}
          title={pageAttachable ? 'Send this tab’s page content with your next message' : NOT_ATTACHABLE}
        >
          Attach this page
        </button>
        <span class="chat-spacer" />
        {streaming && (
          <button type="button" onClick={props.onStop}>
            Stop
          </button>
        )}
        <button type="submit" class="primary" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
