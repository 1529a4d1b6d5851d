/**
 * Fields whose values Switchboard never reads out (the snapshot says `value hidden`) and never types
 * into (`type` and `press_key` refuse): passwords, payment cards and one-time codes. A person fills these
 * in; an assistant, whatever a page or a prompt tells it, cannot.
 *
 * Decisions:
 * - Passwords: type=password; autocomplete current-password / new-password (which stay on a field whose
 *   "show password" toggle made it type=text); and every field this module once saw as type=password.
 * - Payment cards: autocomplete cc-number, cc-csc, cc-exp, cc-exp-month, cc-exp-year, and names, ids,
 *   labels or placeholders like "card number", "CVC", "security code". Not cc-name: the cardholder's
 *   name is the person's own name, typed on every shipping form too; without the number it pays for
 *   nothing, and refusing it would only block ordinary checkouts.
 * - One-time codes (autocomplete one-time-code): refused. A code is the second factor of a sign-in or a
 *   card payment (3-D Secure); an assistant that could type one it read elsewhere (a mail, an SMS tool)
 *   could be steered by an injected prompt into completing a sign-in or payment the person did not mean.
 *
 * Card fields inside a payment provider's frame (Stripe, Adyen …) are another site's frame: they are
 * never in the outline at all.
 */
import { Namer } from './names';
import { inputType } from './roles';

const SENSITIVE_AUTOCOMPLETE = new Set([
  'current-password',
  'new-password',
  'cc-number',
  'cc-csc',
  'cc-exp',
  'cc-exp-month',
  'cc-exp-year',
  'one-time-code',
]);

const CARD_WORDS = /card.?(number|num|no\b)|credit.?card|cc.?num|\bcvc|\bcvv|\bcsc\b|security.?code/i;
/** Inputs that hold no typed value (a radio labelled "Credit card" is not a card field). */
const NOT_TYPED = new Set([
  'checkbox',
  'radio',
  'submit',
  'button',
  'reset',
  'image',
  'file',
  'hidden',
  'range',
  'color',
]);

/** Fields once seen as password fields, so a "show password" toggle does not make them readable. */
const seenAsPassword = new WeakSet<Element>();

/** Whether a field's value must never be shown or typed: password, payment card or one-time code. */
export function isSensitiveField(el: Element, namer: Namer = new Namer()): boolean {
  const tag = el.localName;
  if (tag !== 'input' && tag !== 'textarea' && !el.hasAttribute('contenteditable')) return false;
  const type = inputType(el);
  if (NOT_TYPED.has(type)) return false;
  if (type === 'password') {
    seenAsPassword.add(el);
    return true;
  }
  if (seenAsPassword.has(el)) return true;
  // autocomplete may hold several tokens ("section-pay billing cc-number"); the field's kind is the last.
  const tokens = (el.getAttribute('autocomplete') ?? '').toLowerCase().trim().split(/\s+/);
  if (tokens.some((t) => SENSITIVE_AUTOCOMPLETE.has(t))) return true;
  for (const attr of ['name', 'id', 'placeholder', 'aria-label', 'data-testid']) {
    const value = el.getAttribute(attr);
    if (value && CARD_WORDS.test(value)) return true;
  }
  return CARD_WORDS.test(namer.name(el));
}
