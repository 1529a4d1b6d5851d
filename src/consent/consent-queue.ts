import type { ApprovalAnswer, ApprovalView, WaitingView } from '../messages/contract';
import { Emitter } from '../shared/emitter';
import { HostError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { formAnswerProblem } from './form-answer';

type Request = ApprovalView['request'];
type Meta = Pick<ApprovalView, 'assistant' | 'source'>;

interface Pending {
  view: ApprovalView;
  settle(answer: ApprovalAnswer | Error): void;
}

/** Which answer kind each request kind accepts; anything else from a page is refused. */
const ANSWER_KIND: Record<Request['kind'], ApprovalAnswer['kind']> = {
  tool: 'tool',
  connection: 'connection',
  'elicitation-form': 'elicitation',
  'elicitation-url': 'elicitation',
  'sampling-request': 'sampling',
  'sampling-response': 'sampling',
  'sampling-generate': 'sampling-result',
};

export interface ConsentQueueOptions {
  timeoutMs(): number;
  logger: Logger;
  now?: () => number;
}

/**
 * Everything waiting for the user, in arrival order: tool approvals, elicitations, sampling reviews.
 * It lives in the worker, not in a page, so it survives the popup or the approval window closing.
 * Each request times out (a clear error to whoever asked), or ends when the asker cancels.
 */
export class ConsentQueue {
  readonly events: Emitter<{ changed: [] }>;
  readonly #pending = new Map<string, Pending>();
  readonly #waiting = new Map<string, WaitingView>();
  readonly #now: () => number;
  #seq = 0;

  constructor(private readonly options: ConsentQueueOptions) {
    this.#now = options.now ?? Date.now;
    this.events = new Emitter((error) => options.logger.error('consent listener failed', error));
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Oldest first. */
  pending(): ApprovalView[] {
    return [...this.#pending.values()].map((p) => p.view);
  }

  /** Calls waiting on the user outside Switchboard, oldest first. Not counted in `size`: nothing to answer. */
  waiting(): WaitingView[] {
    return [...this.#waiting.values()];
  }

  /** Shows that a call waits on the user (a form to submit) until the returned function is called. */
  notice(view: Omit<WaitingView, 'id'>): () => void {
    const id = `w${++this.#seq}-${this.#now().toString(36)}`;
    this.#waiting.set(id, { id, ...view });
    this.events.emit('changed');
    return () => {
      if (this.#waiting.delete(id)) this.events.emit('changed');
    };
  }

  /**
   * Waits for the user's answer. Rejects with HostError 'approval-timeout' when nobody answers in time,
   * and 'cancelled' when `signal` aborts (the assistant gave up).
   */
  ask(meta: Meta, request: Request, signal?: AbortSignal): Promise<ApprovalAnswer> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const timeoutMs = this.options.timeoutMs();
    const createdAt = this.#now();
    const id = `c${++this.#seq}-${createdAt.toString(36)}`;
    return new Promise<ApprovalAnswer>((resolve, reject) => {
      const onAbort = () => settle(cancelled());
      const timer = setTimeout(() => {
        const seconds = Math.round(timeoutMs / 1000);
        settle(
          new HostError(
            'approval-timeout',
            `Nobody answered the approval within ${seconds} s, so nothing ran. ` +
              'The user can answer in the Switchboard approval window; try again.',
          ),
        );
      }, timeoutMs);
      const settle = (answer: ApprovalAnswer | Error) => {
        if (!this.#pending.delete(id)) return;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.events.emit('changed');
        if (answer instanceof Error) reject(answer);
        else resolve(answer);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        view: { id, createdAt, expiresAt: createdAt + timeoutMs, ...meta, request },
        settle,
      });
      this.events.emit('changed');
    });
  }

  /**
   * The user answered. Returns false for an unknown (already settled) id; throws a readable Error, and keeps
   * the request waiting, for an answer that does not fit it (wrong kind, a choice not offered, a form answer
   * its schema refuses).
   */
  answer(id: string, answer: ApprovalAnswer): boolean {
    const pending = this.#pending.get(id);
    if (!pending) return false;
    const { request } = pending.view;
    if (ANSWER_KIND[request.kind] !== answer.kind) {
      throw new Error(`A ${answer.kind} answer does not fit a ${request.kind} request.`);
    }
    if (request.kind === 'tool' && answer.kind === 'tool' && !request.choices.includes(answer.decision)) {
      throw new Error(`"${answer.decision}" is not offered for this tool.`);
    }
    // What the user accepts goes to the server as is, so it must fit the form the server asked for. A
    // refused answer leaves the request waiting: the user can correct it, or decline.
    if (request.kind === 'elicitation-form' && answer.kind === 'elicitation' && answer.action === 'accept') {
      const problem = formAnswerProblem(request.requestedSchema, answer.content ?? {});
      if (problem) throw new Error(problem);
    }
    pending.settle(answer);
    return true;
  }

  /** Drops one request (e.g. a URL elicitation the server reported complete), as if the asker cancelled. */
  withdraw(predicate: (view: ApprovalView) => boolean): void {
    for (const pending of [...this.#pending.values()]) {
      if (predicate(pending.view)) pending.settle(cancelled());
    }
  }
}

function cancelled(): HostError {
  return new HostError('cancelled', 'The request was cancelled before the user answered.');
}
