import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * How long a request must have been on screen before Escape answers it. A window that opens while the
 * person is typing elsewhere, or the next request that replaces one just answered, must not take a key
 * meant for something else (or a double press) as an answer to a request nobody has read yet.
 */
export const ESCAPE_ARM_MS = 500;

/**
 * The bar at the bottom of every request: large buttons, and a note on what the choices mean. One button
 * carries `data-safe` (Deny, Decline, Cancel, Stop): it gets the first focus, so a stray Enter only ever
 * refuses, and Escape presses it.
 */
export function DecisionBar({
  note,
  standing,
  children,
}: {
  note?: ComponentChildren;
  /** Choices that are remembered ("Allow for this session", "Always allow"): a row of their own, above. */
  standing?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="decision-bar">
      {note}
      {standing && <div class="decision-buttons standing">{standing}</div>}
      <div class="decision-buttons">{children}</div>
    </div>
  );
}

/**
 * Focuses the safe choice of the request shown in `root`, and presses it on Escape once the request has
 * been seen for ESCAPE_ARM_MS. Give the request's element a `key` of its id: the hook then belongs to
 * that one request, and Escape can only answer the one it was shown with. Returns whether Escape is armed.
 */
export function useSafeChoice(root: RefObject<HTMLElement>): boolean {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[data-safe]')?.focus();
    const timer = setTimeout(() => setArmed(true), ESCAPE_ARM_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    const element = root.current;
    if (!armed || !element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // A held key repeats: one press answers one request, never the ones queued behind it.
      if (event.key !== 'Escape' || event.repeat || event.isComposing || event.defaultPrevented) return;
      const safe = element.querySelector<HTMLButtonElement>('button[data-safe]:not(:disabled)');
      if (!safe) return;
      event.preventDefault();
      safe.click();
    };
    const doc = element.ownerDocument;
    doc.addEventListener('keydown', onKeyDown);
    return () => doc.removeEventListener('keydown', onKeyDown);
  }, [armed]);
  return armed;
}
