import type { ApprovalView } from '../messages/contract';
import { toolTitle } from './approval/tool-summary';
import { siteName } from './site-header';

/** A site by its host, a server by its name. */
const where = (view: ApprovalView): string =>
  view.source.kind === 'site' ? siteName(view.source.label) : view.source.label;

function summary(view: ApprovalView): string {
  const { request } = view;
  switch (request.kind) {
    case 'tool':
      return `${view.assistant ?? 'An assistant'} wants to run “${toolTitle(request)}” on ${where(view)}`;
    case 'connection':
      return `${request.name} (${request.program}) wants to use Switchboard`;
    case 'elicitation-form':
      return `${where(view)} asks for information`;
    case 'elicitation-url':
      return `${where(view)} asks you to open ${request.host}`;
    case 'sampling-generate':
      return `${request.model} is answering ${where(view)}`;
    default:
      return `${where(view)} asks to use your model`;
  }
}

/** The popup's list of what waits for the user; the decision itself happens in the approval window. */
export function PendingApprovals({ pending, onReview }: { pending: ApprovalView[]; onReview(): void }) {
  if (pending.length === 0) return null;
  return (
    <section class="card pending-list" aria-label="Waiting for your approval">
      <div class="card-head">
        <h2>
          <span class="pill warn">{pending.length}</span> waiting for your approval
        </h2>
        <button type="button" class="primary small" onClick={onReview}>
          Review
        </button>
      </div>
      <ul>
        {pending.map((view) => (
          <li key={view.id}>{summary(view)}</li>
        ))}
      </ul>
    </section>
  );
}
