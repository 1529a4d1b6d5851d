import type { ApprovalView } from '../messages/contract';

function summary(view: ApprovalView): string {
  const { request } = view;
  switch (request.kind) {
    case 'tool':
      return `${view.assistant ?? 'An assistant'} wants to run ${request.tool} on ${view.source.label}`;
    case 'connection':
      return `${request.name} (${request.program}) wants to use Switchboard`;
    case 'elicitation-form':
      return `${view.source.label} asks for information`;
    case 'elicitation-url':
      return `${view.source.label} asks you to open ${request.host}`;
    case 'sampling-generate':
      return `${request.model} is answering ${view.source.label}`;
    default:
      return `${view.source.label} asks to use your model`;
  }
}

/** The popup's list of what waits for the user; the decision itself happens in the approval window. */
export function PendingApprovals({ pending, onReview }: { pending: ApprovalView[]; onReview(): void }) {
  if (pending.length === 0) return null;
  return (
    <section class="pending-list" aria-label="Waiting for your approval">
      <strong>
        {pending.length} request{pending.length === 1 ? '' : 's'} waiting for your approval
      </strong>
      <ul>
        {pending.map((view) => (
          <li key={view.id}>{summary(view)}</li>
        ))}
      </ul>
      <button type="button" onClick={onReview}>
        Review
      </button>
    </section>
  );
}
