/**
 * press_key, and the Enter that `type` presses with `submit: true`. Dispatched keys have no default
 * actions, so the ones a person relies on are done here: Enter submits a form from its field (implicit
 * submission) and activates a button or link, Space activates a button or checkbox, Tab moves focus,
 * a printable key or Backspace edits a text field. Escape, arrows and the rest are only events, which
 * is what the page's own handlers (menus, dialogs, carousels) listen to.
 */
import { ActionError } from './args';
import { keyEvent, windowOf } from './dom-events';
import { nextInTabOrder } from './focus';
import { type KeySpec, parseKey } from './keys';
import { Namer } from './names';
import { interactiveRole } from './roles';
import { isSensitiveField } from './sensitive';
import { deleteBackward, isTextEntry, typeChar } from './text-entry';

export const SENSITIVE_REFUSAL =
  'Switchboard never types into password or payment-card fields; ask the person to fill it in.';

/** Fields whose Enter submits their form (HTML implicit submission): not textareas, not buttons. */
const SUBMITTING_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'number',
  'password',
  'date',
  'time',
  'month',
  'week',
  'datetime-local',
]);

/** Presses `key` on `el` (the focused element); returns what it did, as a sentence fragment. */
export function pressKey(el: Element, name: string): string {
  const spec = parseKey(name);
  if (spec.printable && isSensitiveField(el)) throw new ActionError(SENSITIVE_REFUSAL);
  if (spec.key === 'Enter' && !spec.ctrlKey && !spec.metaKey && !spec.altKey) return pressEnter(el);
  if (spec.key === 'Tab') return pressTab(el, spec);
  if (spec.printable && isTextEntry(el)) {
    typeChar(el, spec.key);
    return `typed "${spec.key}"`;
  }
  const down = keyEvent(el, 'keydown', spec);
  if (down && spec.printable) keyEvent(el, 'keypress', spec);
  if (down && spec.key === 'Backspace' && isTextEntry(el)) deleteBackward(el);
  keyEvent(el, 'keyup', spec);
  if (down && spec.key === ' ' && activates(el, true)) {
    click(el);
    return 'pressed Space, which activated it';
  }
  return down ? `pressed ${name}` : `pressed ${name} (the page handled it)`;
}

/** Enter: the page's handlers first; if none cancelled it, submit the field's form or activate. */
export function pressEnter(el: Element): string {
  const spec = parseKey('Enter');
  const down = keyEvent(el, 'keydown', spec);
  const press = down && keyEvent(el, 'keypress', spec);
  let did = '';
  if (press) {
    const form = (el as HTMLInputElement).form;
    if (el.localName === 'input' && SUBMITTING_TYPES.has((el as HTMLInputElement).type) && form) {
      const invalid = submit(form) ? null : form.querySelector(':invalid');
      did = invalid
        ? `, but the form was not sent: ${new Namer().describe(invalid)} needs a valid value`
        : ', which submitted the form';
    } else if (activates(el, false)) {
      click(el);
      did = ', which activated it';
    }
  }
  keyEvent(el, 'keyup', spec);
  return `pressed Enter${did || (!press ? ' (the page handled it)' : '')}`;
}

function pressTab(el: Element, spec: KeySpec): string {
  const down = keyEvent(el, 'keydown', spec);
  let moved = el;
  if (down) {
    const next = nextInTabOrder(el.ownerDocument, el, spec.shiftKey);
    if (next && next instanceof windowOf(next).HTMLElement) {
      next.focus();
      moved = next;
    }
  }
  // The browser sends keyup to wherever focus went.
  keyEvent(moved, 'keyup', spec);
  return down ? `pressed ${spec.shiftKey ? 'Shift+Tab' : 'Tab'}` : 'pressed Tab (the page handled it)';
}

/**
 * requestSubmit runs validation and the submit event as a person's submission does. False when no submit
 * event came (a field failed validation).
 */
export function submit(form: HTMLFormElement): boolean {
  let sent = false;
  const saw = () => {
    sent = true;
  };
  form.addEventListener('submit', saw, { capture: true, once: true });
  try {
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else {
      const button = form.querySelector<HTMLElement>(
        'button:not([type]), button[type="submit"], input[type="submit"]',
      );
      if (button) button.click();
      else form.submit();
      return true;
    }
  } finally {
    form.removeEventListener('submit', saw, { capture: true });
  }
  return sent;
}

function activates(el: Element, bySpace: boolean): boolean {
  const role = interactiveRole(el);
  if (role === 'button' || role === 'checkbox' || role === 'radio' || role === 'switch') return true;
  return !bySpace && role === 'link';
}

function click(el: Element): void {
  const win = windowOf(el);
  el.dispatchEvent(
    new win.MouseEvent('click', { bubbles: true, cancelable: true, composed: true, view: win }),
  );
}
