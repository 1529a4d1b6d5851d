import type { ApprovalAnswer, ApprovalView } from '../../messages/contract';
import type { ApprovalDecision } from '../../messages/decisions';
import { ArgumentsList } from '../values/value-list';
import { DecisionBar } from './decision-bar';
import { Facts } from './facts';
import { actionKind, alwaysAllowText, displaySource, toolTitle } from './tool-summary';

const DECISION_TEXT: Record<ApprovalDecision, string> = {
  'allow-once': 'Allow once',
  'allow-session': 'Allow for this session',
  'allow-always': 'Always allow',
  deny: 'Deny',
};

const ALWAYS_NOTE = 'always-allow-note';

export interface ToolRequestProps {
  view: ApprovalView;
  onAnswer(answer: ApprovalAnswer): void;
  /** Opens Settings › Approvals, where "Always allow" is undone; absent where no settings page can open. */
  onOpenApprovals?: (() => void) | undefined;
}

const hintText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The technical facts, folded: the tool's own name and every hint exactly as it was declared. */
function Details({ request }: { request: Extract<ApprovalView['request'], { kind: 'tool' }> }) {
  const hints = Object.entries(request.annotations).filter(([, v]) => v !== undefined);
  return (
    <details class="details">
      <summary>Details</summary>
      <dl class="details-list">
        <div>
          <dt>Tool name</dt>
          <dd class="mono">{request.tool}</dd>
        </div>
        {hints.length === 0 ? (
          <div>
            <dt>Hints</dt>
            <dd>None declared</dd>
          </div>
        ) : (
          hints.map(([key, value]) => (
            <div key={key}>
              <dt class="mono">{key}</dt>
              <dd class="mono">{hintText(value)}</dd>
            </div>
          ))
        )}
      </dl>
    </details>
  );
}

/** A tool call waiting for the user: who asks, what the tool does, what it sends, and the choices. */
export function ToolRequest({ view, onAnswer, onOpenApprovals }: ToolRequestProps) {
  if (view.request.kind !== 'tool') return null;
  const { request } = view;
  const action = actionKind(request.annotations, view.source);
  const allows = request.choices.filter((c) => c !== 'deny');
  const always = allows.includes('allow-always');
  // Allow once beside Deny; the remembered choices in a row above, where the note on Always allow is.
  const now = allows.filter((c) => c === 'allow-once');
  const remembered = allows.filter((c) => c !== 'allow-once');
  const settings = onOpenApprovals ? (
    <button type="button" class="link" onClick={onOpenApprovals}>
      Settings › Approvals
    </button>
  ) : (
    'Settings › Approvals'
  );
  const decide = (decision: ApprovalDecision) => onAnswer({ kind: 'tool', decision });
  const button = (decision: ApprovalDecision) => (
    <button
      key={decision}
      type="button"
      class={decision === 'allow-once' ? 'large primary' : 'large'}
      aria-describedby={decision === 'allow-always' ? ALWAYS_NOTE : undefined}
      onClick={() => decide(decision)}
    >
      {DECISION_TEXT[decision]}
    </button>
  );
  return (
    <>
      <h1 id="approval-title" tabIndex={-1}>
        {view.assistant ?? 'An assistant'} wants to run a tool on {displaySource(view.source)}
      </h1>
      <section class="summary" id="approval-summary" aria-label="Summary">
        <p class="tool-title">{toolTitle(request)}</p>
        {request.description && <p class="desc tool-desc">{request.description}</p>}
        <Facts
          facts={[
            { label: 'Assistant', value: view.assistant ?? 'Not named' },
            {
              label: 'Action',
              value: (
                <>
                  <span class={`pill ${action.tone}`}>{action.label}</span>{' '}
                  <span class="desc">{action.detail}</span>
                </>
              ),
            },
            {
              label: view.source.kind === 'server' ? 'Server' : 'Site',
              value: <span class="place">{displaySource(view.source)}</span>,
            },
          ]}
        />
      </section>
      {request.taintedBy ? (
        <p class="reason tainted" role="note">
          <strong>Why it asks again:</strong> {request.reason}
        </p>
      ) : (
        <p class="reason">{request.reason}</p>
      )}
      <section class="arguments" aria-labelledby="arguments-heading">
        <h2 id="arguments-heading">What it sends</h2>
        <ArgumentsList argumentsJson={request.argumentsJson} />
      </section>
      <Details request={request} />
      <DecisionBar
        note={
          always && (
            <p class="bar-note" id={ALWAYS_NOTE}>
              {alwaysAllowText(view, request)} You can undo it in {settings}.
            </p>
          )
        }
        standing={remembered.length > 0 && remembered.map(button)}
      >
        <button type="button" class="large" data-safe="" onClick={() => decide('deny')}>
          Deny
        </button>
        <span class="bar-gap" />
        {now.map(button)}
      </DecisionBar>
    </>
  );
}
