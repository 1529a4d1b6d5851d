import { useEffect, useRef } from 'preact/hooks';
import type { ApprovalAnswer, ApprovalView } from '../messages/contract';
import { DecisionBar } from './approval/decision-bar';
import { Facts } from './approval/facts';

type GenerateRequest = Extract<ApprovalView['request'], { kind: 'sampling-generate' }>;

/** Runs the user's model on an approved sampling request (see WindowSamplingProvider); throws a readable error. */
export type SamplingGenerate = (
  request: GenerateRequest,
  signal: AbortSignal,
) => Promise<{ model: string; text: string; stopReason?: string }>;

export interface SamplingGenerateProps {
  view: ApprovalView;
  generate: SamplingGenerate | undefined;
  onAnswer(answer: ApprovalAnswer): void;
}

const STOPPED = 'Stopped by the user';

/**
 * The user's model at work on a request they approved. It starts by itself (the approval was the
 * decision) and can be stopped. Leaving (the server cancelled, the request timed out) aborts the call.
 */
export function SamplingGenerateView({ view, generate, onAnswer }: SamplingGenerateProps) {
  const request = view.request.kind === 'sampling-generate' ? view.request : undefined;
  const abort = useRef<AbortController>();
  // Props change on every push from the worker; the call must start once, with what it had at mount.
  const start = useRef({ request, generate, onAnswer });

  useEffect(() => {
    const { request, generate, onAnswer } = start.current;
    if (!request) return;
    const controller = new AbortController();
    abort.current = controller;
    const answer = (a: ApprovalAnswer) => !controller.signal.aborted && onAnswer(a);
    if (!generate) {
      answer({ kind: 'sampling-result', error: 'This window cannot call the model.' });
      return;
    }
    generate(request, controller.signal).then(
      (result) => answer({ kind: 'sampling-result', result }),
      (error: unknown) =>
        answer({ kind: 'sampling-result', error: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  }, []);

  if (!request) return null;
  const stop = () => {
    if (abort.current?.signal.aborted) return;
    abort.current?.abort();
    onAnswer({ kind: 'sampling-result', error: STOPPED });
  };
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        Asking {request.model}…
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <Facts
          facts={[
            { label: 'Model', value: request.model },
            { label: 'For', value: view.source.label },
          ]}
        />
      </section>
      <progress class="working" aria-label={`${request.model} is answering`} />
      <p class="desc" role="status">
        The model is answering the request you approved from {view.source.label}. You review its answer before{' '}
        {view.source.label} gets it.
      </p>
      <DecisionBar>
        <button type="button" class="large" data-safe="" onClick={stop}>
          Stop
        </button>
      </DecisionBar>
    </>
  );
}
