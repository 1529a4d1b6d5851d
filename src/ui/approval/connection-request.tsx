import type { ApprovalAnswer, ApprovalView } from '../../messages/contract';
import { DecisionBar } from './decision-bar';
import { Facts } from './facts';

/** A desktop assistant that connected through the bridge for the first time. */
export function ConnectionRequest({
  view,
  onAnswer,
}: {
  view: ApprovalView;
  onAnswer(answer: ApprovalAnswer): void;
}) {
  if (view.request.kind !== 'connection') return null;
  const { request } = view;
  const decide = (decision: 'allow' | 'deny') => onAnswer({ kind: 'connection', decision });
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        {request.name} wants to use Switchboard
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <Facts
          facts={[
            { label: 'Assistant', value: request.name },
            {
              label: 'Program',
              value: (
                <>
                  Started by <strong class="host">{request.program}</strong> on this computer
                </>
              ),
            },
          ]}
        />
      </section>
      <p class="desc">
        If you allow it, it sees what you granted to assistants: the sites’ tools and pages you shared. Each
        tool still asks as it does for the built-in assistant. Any program you run could connect this way, so
        allow only an assistant you started.
      </p>
      <DecisionBar>
        <button type="button" class="large" data-safe="" onClick={() => decide('deny')}>
          Deny
        </button>
        <span class="bar-gap" />
        <button type="button" class="large primary" onClick={() => decide('allow')}>
          Allow
        </button>
      </DecisionBar>
    </>
  );
}
