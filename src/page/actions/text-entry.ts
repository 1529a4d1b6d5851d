/**
 * Typing into a field as a person would: for each character keydown, keypress, beforeinput, the value
 * set through the native setter, input, keyup; a page that cancels a key or a beforeinput keeps the
 * character out, as it would from a keyboard. Long text goes in chunks (insertText without key events,
 * as a paste or an IME would), so 10,000 characters do not take 60,000 events.
 */
import { inputEvent, keyEvent, plainEvent, setNativeValue } from './dom-events';
import { charKey } from './keys';
import { isEditableHost } from './roles';

/** Input types a person types text into (date and colour pickers, checkboxes … are not typed into). */
const TEXT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'number', 'password']);
/** Past this length, text goes in chunks. */
const PER_KEY_MAX = 200;
const CHUNK = 100;
/** Let the event loop turn every so often, so an abort (a message) can arrive mid-text. */
const YIELD_EVERY = 10;

export type TextField = HTMLInputElement | HTMLTextAreaElement | HTMLElement;

export function isTextEntry(el: Element): boolean {
  if (el.localName === 'textarea') return true;
  if (el.localName === 'input') return TEXT_TYPES.has((el as HTMLInputElement).type.toLowerCase());
  return isEditableHost(el);
}

const isFormField = (el: Element): el is HTMLInputElement | HTMLTextAreaElement =>
  el.localName === 'input' || el.localName === 'textarea';

export function currentText(el: Element): string {
  return isFormField(el) ? el.value : (el.textContent ?? '');
}

export interface Typed {
  /** Characters handed to the page (it may have refused some). */
  typed: number;
  stopped: boolean;
}

/** Clears the field, then types `text`; stops early (stopped: true) when `signal` aborts. */
export async function typeText(el: Element, text: string, signal: AbortSignal): Promise<Typed> {
  // A single-line field would drop line breaks anyway; typing them as Enter could submit its form.
  const clean = el.localName === 'input' ? text.replace(/\r?\n/g, ' ') : text.replace(/\r\n/g, '\n');
  clear(el);
  const chars = Array.from(clean);
  const chunked = chars.length > PER_KEY_MAX;
  const step = chunked ? CHUNK : 1;
  let typed = 0;
  for (let i = 0; i < chars.length; i += step) {
    if (signal.aborted) return { typed, stopped: true };
    const piece = chars.slice(i, i + step).join('');
    if (chunked) insert(el, piece, piece === '\n' ? 'insertLineBreak' : 'insertText');
    else typeChar(el, piece);
    typed += Array.from(piece).length;
    if ((i / step) % YIELD_EVERY === YIELD_EVERY - 1) await turn();
  }
  if (signal.aborted) return { typed, stopped: true };
  if (isFormField(el)) plainEvent(el, 'change');
  return { typed, stopped: false };
}

/** One key that types a character (also press_key's printable keys). */
export function typeChar(el: Element, ch: string): void {
  const spec = ch === '\n' ? charKey('Enter') : charKey(ch);
  if (keyEvent(el, 'keydown', spec) && keyEvent(el, 'keypress', spec)) {
    insert(el, ch, ch === '\n' ? 'insertLineBreak' : 'insertText');
  }
  keyEvent(el, 'keyup', spec);
}

/** Backspace in a text field: the last character goes. */
export function deleteBackward(el: Element): void {
  if (!inputEvent(el, 'beforeinput', 'deleteContentBackward', null)) return;
  const chars = Array.from(currentText(el));
  chars.pop();
  setText(el, chars.join(''));
  inputEvent(el, 'input', 'deleteContentBackward', null);
}

function clear(el: Element): void {
  if (!currentText(el)) return;
  if (isFormField(el) && typeof el.select === 'function') el.select();
  if (!inputEvent(el, 'beforeinput', 'deleteContentBackward', null)) return;
  setText(el, '');
  inputEvent(el, 'input', 'deleteContentBackward', null);
}

function insert(el: Element, data: string, inputType: string): void {
  // Rich editors (ProseMirror, Lexical, Slate) take beforeinput, cancel it and insert themselves.
  if (!inputEvent(el, 'beforeinput', inputType, data)) return;
  const before = currentText(el);
  let value = before + data;
  if (isFormField(el) && el.hasAttribute('maxlength') && el.maxLength >= 0) {
    value = Array.from(value)
      .slice(0, Math.max(el.maxLength, Array.from(before).length))
      .join('');
  }
  if (value === before) return;
  setText(el, value);
  inputEvent(el, 'input', inputType, data);
}

function setText(el: Element, value: string): void {
  if (isFormField(el)) {
    setNativeValue(el, value);
    return;
  }
  // An editable region: plain text at its end (the field was cleared first, so that is all it holds).
  if (value === '') el.textContent = '';
  else el.append(el.ownerDocument.createTextNode(value.slice(currentText(el).length)));
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
