/** wait_for's arguments in, its answer out (the waiting itself is wait-for.ts). */
import type { ActionOutcome } from './action-outcome';
import { ActionError, optionalBoolean, optionalInteger, optionalRef, optionalString } from './args';
import type { DomWindow } from './dom-events';
import type { RefRegistry } from './refs';
import { describeWait, waitFor, waitTimeout } from './wait-for';

export async function waitForOutcome(
  win: DomWindow,
  refs: RefRegistry,
  args: Record<string, unknown>,
  signal: AbortSignal,
): Promise<ActionOutcome> {
  const text = optionalString(args, 'text', 500);
  const ref = optionalRef(args);
  if (text === undefined && ref === undefined)
    throw new ActionError('wait_for needs `text`, `ref`, or both.');
  const gone = optionalBoolean(args, 'gone') ?? false;
  const timeout = optionalInteger(args, 'timeout');
  // Waiting for a ref to appear makes sense only for one the page still has (hidden now, maybe).
  if (ref !== undefined && !gone && !refs.resolve(ref)) {
    throw new ActionError(
      `No element ${ref} on the page now (it may have been removed). Take a new page_snapshot.`,
    );
  }
  const want = {
    gone,
    ...(text !== undefined ? { text } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
  };
  const what = describeWait(want);
  const result = await waitFor(win, refs, want, signal);
  if (result.stopped) {
    return {
      text: `Stopped: the call was cancelled after waiting ${result.ms} ms for ${what} to ${gone ? 'go away' : 'appear'}.`,
      isError: true,
    };
  }
  if (!result.ok) {
    return {
      text: `Waited ${waitTimeout(timeout)} ms for ${what} to ${gone ? 'go away' : 'appear'}, and it did not. Take a page_snapshot to see the page now.`,
      isError: true,
    };
  }
  return { text: `${what} ${gone ? 'went away' : 'appeared'} after ${result.ms} ms.` };
}
