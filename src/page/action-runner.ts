import { type InPageActionName, showsAsActing } from '../messages/page-actions';
import type { ActionOutcome, PageActionRunner } from './sources';

/** The DOM work itself (src/page/actions/), loaded on the first action. */
export interface PageActionsLike {
  run(name: InPageActionName, args: Record<string, unknown>, signal: AbortSignal): Promise<ActionOutcome>;
  check(name: InPageActionName, args: Record<string, unknown>): ActionOutcome | undefined;
}

/** The "… is acting on this page" bar (src/page/actions/overlay.ts). */
export interface OverlayLike {
  show(assistant: string): void;
  hide(): void;
}

/**
 * Runs page actions with the person in the loop: while one that changes the page runs, the overlay says
 * who acts, and its Stop aborts what runs here at once (before the worker has even heard) and then tells
 * the worker, which cancels the call and pauses the site's actions for the session.
 */
export class ActingRunner implements PageActionRunner {
  readonly #running = new Set<AbortController>();
  #acting = 0;

  constructor(
    private readonly load: () => Promise<PageActionsLike>,
    private readonly overlay: () => OverlayLike,
    private readonly tellWorker: () => void,
  ) {}

  async run(
    name: InPageActionName,
    args: Record<string, unknown>,
    signal: AbortSignal,
    actor: string | undefined,
  ): Promise<ActionOutcome> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    this.#running.add(controller);
    const acting = showsAsActing(name);
    if (acting) {
      this.#acting++;
      this.overlay().show(actor ?? 'An assistant');
    }
    try {
      const actions = await this.load();
      if (controller.signal.aborted) return { text: 'Stopped before it started.', isError: true };
      return await actions.run(name, args, controller.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#running.delete(controller);
      if (acting && --this.#acting === 0) this.overlay().hide();
    }
  }

  async check(name: InPageActionName, args: Record<string, unknown>): Promise<ActionOutcome | undefined> {
    return (await this.load()).check(name, args);
  }

  /** The person pressed Stop (a trusted click on the overlay). */
  stop(): void {
    for (const controller of this.#running) controller.abort(new Error('Stopped by the person on the page.'));
    this.tellWorker();
  }
}
