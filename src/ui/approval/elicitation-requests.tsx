import type { ApprovalAnswer, ApprovalView } from '../../messages/contract';
import { ElicitationForm } from '../elicitation-form';
import { DecisionBar } from './decision-bar';
import { Facts } from './facts';
import { placeName } from './tool-summary';

interface Props {
  view: ApprovalView;
  onAnswer(answer: ApprovalAnswer): void;
}

const fromFact = (view: ApprovalView) => ({
  label: view.source.kind === 'server' ? 'Server' : 'From',
  value: view.source.label,
});

/**
 * A server asks the user to open a page. Cancel is the safe choice, and Escape's: MCP defines "cancel"
 * as the user dismissing the request (closing it, pressing Escape), "decline" as an explicit no.
 */
export function UrlRequest({ view, onAnswer }: Props) {
  if (view.request.kind !== 'elicitation-url') return null;
  const { request } = view;
  const answer = (action: 'accept' | 'decline' | 'cancel') => onAnswer({ kind: 'elicitation', action });
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        {view.source.label} asks you to open a page
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <p class="message">{request.message}</p>
        <Facts
          facts={[
            fromFact(view),
            {
              label: 'Opens',
              value: (
                <>
                  <strong class="host">{request.host}</strong>
                  <span class="desc url">{request.url}</span>
                </>
              ),
            },
          ]}
        />
      </section>
      <p class="desc">Only continue if you trust this site. Switchboard opens it in a new tab.</p>
      <DecisionBar>
        <button type="button" class="large" data-safe="" onClick={() => answer('cancel')}>
          Cancel
        </button>
        <button type="button" class="large" onClick={() => answer('decline')}>
          Decline
        </button>
        <span class="bar-gap" />
        <button type="button" class="large primary" onClick={() => answer('accept')}>
          Open {request.host}
        </button>
      </DecisionBar>
    </>
  );
}

/** A server asks for information: the form it described, answered once (or refused and corrected). */
export function FormRequest({ view, onAnswer, error }: Props & { error: string | undefined }) {
  if (view.request.kind !== 'elicitation-form') return null;
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        {view.source.label} asks for information
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <Facts
          facts={[
            fromFact(view),
            { label: 'Wants', value: `Answers you type in below, sent only to ${placeName(view.source)}` },
          ]}
        />
      </section>
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
