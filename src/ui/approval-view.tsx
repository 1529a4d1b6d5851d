import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApprovalAnswer, ApprovalView, WaitingView } from '../messages/contract';
import type { ApprovalDecision } from '../messages/decisions';
import { ElicitationForm } from './elicitation-form';
import { type SamplingGenerate, SamplingGenerateView } from './sampling-generate';
import { SamplingReview } from './sampling-review';
import { WaitingList } from './waiting-list';

const DECISION_TEXT: Record<ApprovalDecision, string> = {
  'allow-once': 'Allow once',
  'allow-session': 'Allow for this session',
  'allow-always': 'Always allow',
  deny: 'Deny',
};

export interface ApprovalPageProps {
  pending: ApprovalView[] | undefined;
  /** Calls waiting for the user to submit a form in a tab. */
  waiting?: WaitingView[];
  error: string | undefined;
  onAnswer(id: string, answer: ApprovalAnswer): void;
  /** Runs the user's model for an approved sampling request; only the approval window page has it. */
  generate?: SamplingGenerate;
}

function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((until - now) / 1000));
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return <span class="countdown">Times out in {text}</span>;
}

function Annotations({ annotations }: { annotations: Record<string, unknown> }) {
  const entries = Object.entries(annotations).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return <p class="desc">No annotations.</p>;
  return (
    <dl class="annotations">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ToolRequest({ view, onAnswer }: { view: ApprovalView; onAnswer(answer: ApprovalAnswer): void }) {
  if (view.request.kind !== 'tool') return null;
  const { request } = view;
  return (
    <>
      <h1 tabIndex={-1}>
        {view.assistant ?? 'An assistant'} wants to run a tool on {view.source.label}
      </h1>
      <section aria-label="Tool">
        <h2>Tool</h2>
        <p class="tool-name">{request.title ? `${request.title} (${request.tool})` : request.tool}</p>
        <p class="desc">{request.description || 'No description.'}</p>
      </section>
      {request.taintedBy ? (
        <p class="reason tainted" role="note">
          <strong>Why it asks again:</strong> {request.reason}
        </p>
      ) : (
        <p class="reason">{request.reason}</p>
      )}
      <section aria-label="Arguments">
        <h2>Arguments</h2>
        <pre class="args">{request.argumentsJson}</pre>
      </section>
      <section aria-label="Annotations">
        <h2>Annotations</h2>
        <Annotations annotations={request.annotations} />
      </section>
      <div class="choices">
        {request.choices.map((decision) => (
          <button
            key={decision}
            type="button"
            class={decision === 'deny' ? 'deny' : decision === 'allow-once' ? 'primary' : ''}
            onClick={() => onAnswer({ kind: 'tool', decision })}
          >
            {DECISION_TEXT[decision]}
          </button>
        ))}
      </div>
    </>
  );
}

function ConnectionRequest({
  view,
  onAnswer,
}: {
  view: ApprovalView;
  onAnswer(answer: ApprovalAnswer): void;
}) {
  if (view.request.kind !== 'connection') return null;
  const { request } = view;
  return (
    <>
      <h1 tabIndex={-1}>{request.name} wants to use Switchboard</h1>
      <p class="target">
        Started by <strong class="host">{request.program}</strong> on this computer
      </p>
      <p class="desc">
        If you allow it, it sees what you granted to assistants: the sites’ tools and pages you shared. Each
        tool still asks as it does for the built-in assistant. Any program you run could connect this way, so
        allow only an assistant you started.
      </p>
      <div class="choices">
        <button
          type="button"
          class="primary"
          onClick={() => onAnswer({ kind: 'connection', decision: 'allow' })}
        >
          Allow
        </button>
        <button type="button" class="deny" onClick={() => onAnswer({ kind: 'connection', decision: 'deny' })}>
          Deny
        </button>
      </div>
    </>
  );
}

function UrlRequest({ view, onAnswer }: { view: ApprovalView; onAnswer(answer: ApprovalAnswer): void }) {
  if (view.request.kind !== 'elicitation-url') return null;
  const { request } = view;
  const answer = (action: 'accept' | 'decline' | 'cancel') => onAnswer({ kind: 'elicitation', action });
  return (
    <>
      <h1 tabIndex={-1}>{view.source.label} asks you to open a page</h1>
      <p class="message">{request.message}</p>
      <p class="target">
        It opens <strong class="host">{request.host}</strong>
      </p>
      <p class="desc url">{request.url}</p>
      <p class="desc">Only continue if you trust this site. Switchboard opens it in a new tab.</p>
      <div class="choices">
        <button type="button" class="primary" onClick={() => answer('accept')}>
          Open {request.host}
        </button>
        <button type="button" class="deny" onClick={() => answer('decline')}>
          Decline
        </button>
        <button type="button" onClick={() => answer('cancel')}>
          Cancel
        </button>
      </div>
    </>
  );
}

function FormRequest({
  view,
  onAnswer,
  error,
}: {
  view: ApprovalView;
  onAnswer(answer: ApprovalAnswer): void;
  error: string | undefined;
}) {
  if (view.request.kind !== 'elicitation-form') return null;
  return (
    <>
      <h1 tabIndex={-1}>{view.source.label} asks for information</h1>
      <ElicitationForm
        message={view.request.message}
        requestedSchema={view.request.requestedSchema}
        onAnswer={(action, content) =>
          onAnswer({ kind: 'elicitation', action, ...(content ? { content } : {}) })
        }
        refused={error}
      />
    </>
  );
}

/**
 * The approval window: the oldest pending request, with everything the user needs to decide. Focus goes to
 * the heading, never to a button, so a stray Enter cannot approve anything.
 */
export function ApprovalPage({ pending, waiting = [], error, onAnswer, generate }: ApprovalPageProps) {
  const head = pending?.[0];
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [head?.id]);
  if (!pending) return <p class="state">Loading…</p>;
  if (!head)
    return waiting.length ? (
      <div class="approval" ref={root}>
        <WaitingList waiting={waiting} main />
      </div>
    ) : (
      <p class="state">Nothing is waiting for your approval.</p>
    );
  const answer = (a: ApprovalAnswer) => onAnswer(head.id, a);
  return (
    <div class="approval" ref={root} key={head.id} data-id={head.id} data-kind={head.request.kind}>
      <p class="queue" role="status">
        {pending.length > 1 ? `1 of ${pending.length} waiting` : 'Waiting for you'} ·{' '}
        <Countdown until={head.expiresAt} />
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ToolRequest view={head} onAnswer={answer} />
      <ConnectionRequest view={head} onAnswer={answer} />
      <UrlRequest view={head} onAnswer={answer} />
      <FormRequest view={head} onAnswer={answer} error={error} />
      <SamplingReview view={head} onAnswer={answer} />
      <SamplingGenerateView view={head} generate={generate} onAnswer={answer} />
      <WaitingList waiting={waiting} main={false} />
    </div>
  );
}
