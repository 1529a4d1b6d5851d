import { useId, useState } from 'preact/hooks';
import type { ApprovalAnswer, ApprovalView } from '../messages/contract';
import { DecisionBar } from './approval/decision-bar';
import { Facts } from './approval/facts';

type Request = ApprovalView['request'];
type SamplingRequest = Extract<Request, { kind: 'sampling-request' }>;
type SamplingResponse = Extract<Request, { kind: 'sampling-response' }>;

export interface SamplingReviewProps {
  view: ApprovalView;
  onAnswer(answer: ApprovalAnswer): void;
}

const deny = (): ApprovalAnswer => ({ kind: 'sampling', action: 'deny' });

const CHOICE_TEXT: Record<NonNullable<SamplingRequest['toolChoice']>, string> = {
  auto: 'the model may call one',
  required: 'the model must call one',
  none: 'the model may not call any',
};

/**
 * A server's `sampling/createMessage`, in two stages: the request (editable text) before anything reaches
 * the model, then the model's response before anything reaches the server. All text is the server's or the
 * model's, so it is only ever rendered as text.
 */
export function SamplingReview({ view, onAnswer }: SamplingReviewProps) {
  const { request } = view;
  if (request.kind === 'sampling-request') {
    return <RequestStage server={view.source.label} request={request} onAnswer={onAnswer} />;
  }
  if (request.kind === 'sampling-response') {
    return <ResponseStage server={view.source.label} request={request} onAnswer={onAnswer} />;
  }
  return null;
}

interface StageProps<R> {
  server: string;
  request: R;
  onAnswer(answer: ApprovalAnswer): void;
}

function RequestStage({ server, request, onAnswer }: StageProps<SamplingRequest>) {
  const prefix = useId();
  const [systemPrompt, setSystemPrompt] = useState(request.systemPrompt);
  const [texts, setTexts] = useState(() => request.messages.map((m) => m.text));
  const approve = () =>
    onAnswer({
      kind: 'sampling',
      action: 'approve',
      systemPrompt,
      // A summary ("[image]") is not the message; the host ignores it, so there is no need to send it back.
      messages: request.messages.map((m, i) => ({ role: m.role, text: m.editable ? (texts[i] ?? '') : '' })),
    });
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        {server} wants to use your model
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <Facts
          facts={[
            { label: 'Server', value: server },
            { label: 'Wants', value: 'An answer from your model to the messages below' },
          ]}
        />
      </section>
      <p class="desc">
        Nothing is sent to the model until you approve, and {server} sees the answer only after you review it.
        You can edit the text first.
      </p>
      <div class="sampling-field">
        <label for={`${prefix}-system`}>System prompt</label>
        <textarea
          id={`${prefix}-system`}
          rows={3}
          placeholder="None"
          value={systemPrompt}
          onInput={(e) => setSystemPrompt(e.currentTarget.value)}
        />
      </div>
      {request.messages.map((message, i) => {
        const id = `${prefix}-m${i}`;
        const label = `Message ${i + 1} (${message.role})`;
        return message.editable ? (
          <div class="sampling-field" key={id}>
            <label for={id}>{label}</label>
            <textarea
              id={id}
              rows={Math.min(12, Math.max(3, message.text.split('\n').length))}
              value={texts[i]}
              onInput={(e) => {
                const value = e.currentTarget.value;
                setTexts((all) => all.map((t, j) => (j === i ? value : t)));
              }}
            />
          </div>
        ) : (
          <figure class="sampling-field" key={id}>
            <figcaption class="label">{label}, cannot be edited</figcaption>
            <pre class="args">{message.text}</pre>
          </figure>
        );
      })}
      <p class="desc">The model may write up to {request.maxTokens} tokens.</p>
      {request.tools.length > 0 && (
        <p class="sampling-tools">
          Tools offered: {request.tools.join(', ')}
          {request.toolChoice ? ` (${CHOICE_TEXT[request.toolChoice]})` : ''}
        </p>
      )}
      <DecisionBar>
        <button type="button" class="large" data-safe="" onClick={() => onAnswer(deny())}>
          Deny
        </button>
        <span class="bar-gap" />
        <button type="button" class="large primary" onClick={approve}>
          Approve
        </button>
      </DecisionBar>
    </>
  );
}

function ResponseStage({ server, request, onAnswer }: StageProps<SamplingResponse>) {
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        Response from {request.model}
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <Facts
          facts={[
            { label: 'Model', value: request.model },
            { label: 'Goes to', value: server },
          ]}
        />
      </section>
      <p class="desc">Send this answer to {server}? It gets nothing until you do.</p>
      <section aria-label="The model’s response">
        <pre class="args sampling-text">{request.text || '(empty)'}</pre>
      </section>
      <DecisionBar>
        <button type="button" class="large" data-safe="" onClick={() => onAnswer(deny())}>
          Deny
        </button>
        <span class="bar-gap" />
        <button
          type="button"
          class="large primary"
          onClick={() => onAnswer({ kind: 'sampling', action: 'approve' })}
        >
          Send to server
        </button>
      </DecisionBar>
    </>
  );
}
