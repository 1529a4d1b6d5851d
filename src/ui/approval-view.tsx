import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApprovalAnswer, ApprovalView, WaitingView } from '../messages/contract';
import { ConnectionRequest } from './approval/connection-request';
import { useSafeChoice } from './approval/decision-bar';
import { FormRequest, UrlRequest } from './approval/elicitation-requests';
import { ToolRequest } from './approval/tool-request';
import { type SamplingGenerate, SamplingGenerateView } from './sampling-generate';
import { SamplingReview } from './sampling-review';
import { WaitingList } from './waiting-list';

export interface ApprovalPageProps {
  pending: ApprovalView[] | undefined;
  /** Calls waiting for the user to submit a form in a tab. */
  waiting?: WaitingView[];
  error: string | undefined;
  onAnswer(id: string, answer: ApprovalAnswer): void;
  /** Runs the user's model for an approved sampling request; only the approval window page has it. */
  generate?: SamplingGenerate;
  /** Opens Settings › Approvals (where "Always allow" is undone); only the approval window page has it. */
  onOpenApprovals?: () => void;
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

interface RequestProps extends Omit<ApprovalPageProps, 'pending' | 'onAnswer'> {
  head: ApprovalView;
  count: number;
  onAnswer(answer: ApprovalAnswer): void;
}

/**
 * One request, mounted afresh for each (the page keys it by id): its safe choice takes the first focus,
 * and Escape presses that choice for this request only, never for one that replaced it.
 */
function Request({ head, count, waiting = [], error, onAnswer, generate, onOpenApprovals }: RequestProps) {
  const root = useRef<HTMLDivElement>(null);
  const armed = useSafeChoice(root);
  return (
    <div
      class="approval"
      ref={root}
      role="dialog"
      aria-labelledby="approval-title"
      aria-describedby="approval-summary"
      data-id={head.id}
      data-kind={head.request.kind}
      data-escape={armed ? 'armed' : 'waiting'}
    >
      <p class="queue" role="status">
        {count > 1 ? `1 of ${count} waiting` : 'Waiting for you'} · <Countdown until={head.expiresAt} />
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ToolRequest view={head} onAnswer={onAnswer} onOpenApprovals={onOpenApprovals} />
      <ConnectionRequest view={head} onAnswer={onAnswer} />
      <UrlRequest view={head} onAnswer={onAnswer} />
      <FormRequest view={head} onAnswer={onAnswer} error={error} />
      <SamplingReview view={head} onAnswer={onAnswer} />
      <SamplingGenerateView view={head} generate={generate} onAnswer={onAnswer} />
      <WaitingList waiting={waiting} main={false} />
    </div>
  );
}

/** The approval window: the oldest pending request, with everything the user needs to decide. */
export function ApprovalPage({ pending, waiting = [], onAnswer, ...rest }: ApprovalPageProps) {
  const head = pending?.[0];
  const root = useRef<HTMLDivElement>(null);
  // Only the forms waiting in tabs: nothing to answer, so the heading takes the focus.
  useEffect(() => {
    if (!head) root.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [head?.id, waiting.length > 0]);
  if (!pending) return <p class="state">Loading…</p>;
  if (!head)
    return waiting.length ? (
      <div class="approval waiting-only" ref={root}>
        <WaitingList waiting={waiting} main />
      </div>
    ) : (
      <p class="state">Nothing is waiting for your approval.</p>
    );
  return (
    <Request
      key={head.id}
      head={head}
      count={pending.length}
      waiting={waiting}
      onAnswer={(answer) => onAnswer(head.id, answer)}
      {...rest}
    />
  );
}
