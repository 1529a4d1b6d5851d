/**
 * The person at the approval window, for the conformance client: every request a server makes reaches the
 * host's own consent queue (src/consent/server-requests.ts), as in the extension, and this answers it the
 * way a person would who clicks Accept on a form they did not touch (the form's starting values are the
 * schema's defaults, src/ui/elicitation/answers.ts), agrees to open a URL, and allows a tool once.
 */
import type { Consent } from '../src/consent/consent';
import type { ApprovalAnswer, ApprovalView } from '../src/messages/contract';
import { collectAnswers, initialValues } from '../src/ui/elicitation/answers';
import { fieldsOf } from '../src/ui/elicitation/fields';

function answerFor(view: ApprovalView): ApprovalAnswer | undefined {
  const { request } = view;
  if (request.kind === 'tool') return { kind: 'tool', decision: 'allow-once' };
  if (request.kind === 'elicitation-url') return { kind: 'elicitation', action: 'accept' };
  if (request.kind === 'elicitation-form') {
    const fields = fieldsOf(request.requestedSchema);
    const collected = collectAnswers(fields, initialValues(fields));
    // A required field without a default: the person would have to type something; they cancel instead.
    return collected.ok
      ? { kind: 'elicitation', action: 'accept', content: collected.content }
      : { kind: 'elicitation', action: 'cancel' };
  }
  return undefined;
}

/**
 * Answers what waits in the queue, now and as it arrives. `hold()` keeps the person from answering until
 * the returned function is called (a scenario that needs something to happen while a request waits).
 */
export function playUser(consent: Consent) {
  const answered = new Set<string>();
  let held = 0;
  const answerAll = () => {
    if (held > 0) return;
    for (const view of consent.queue.pending()) {
      const answer = answerFor(view);
      if (!answer || answered.has(view.id)) continue;
      answered.add(view.id);
      consent.queue.answer(view.id, answer);
    }
  };
  consent.queue.events.on('changed', answerAll);
  return {
    hold(): () => void {
      held++;
      return () => {
        held--;
        answerAll();
      };
    },
    /** Resolves once a request of `kind` is waiting for the person. */
    waitingFor(kind: ApprovalView['request']['kind']): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!consent.queue.pending().some((v) => v.request.kind === kind)) return;
          off();
          resolve();
        };
        const off = consent.queue.events.on('changed', check);
        check();
      });
    },
  };
}
