/**
 * Events as a person's input makes them, built from the element's own window (an iframe's element gets
 * its frame's constructors, as a real event would). Events sent by an extension are not `isTrusted`;
 * pages that insist on trusted events cannot be driven this way, and that is accepted.
 */
import type { KeySpec } from './keys';

export type DomWindow = Window & typeof globalThis;

export function windowOf(el: Element): DomWindow {
  const win = el.ownerDocument.defaultView;
  if (!win) throw new Error('The element is not in a page that is shown.');
  return win as DomWindow;
}

/** The element's centre in its viewport, where a person's pointer would be. */
export function centre(el: Element): { clientX: number; clientY: number } {
  const r = el.getBoundingClientRect();
  return { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 };
}

/** Pointer and mouse events over, down, up and click, with focus on mousedown as browsers do. */
export function pointerClick(el: Element): void {
  const win = windowOf(el);
  const at = centre(el);
  const base = { composed: true, view: win, ...at, button: 0 };
  const Pointer = typeof win.PointerEvent === 'function' ? win.PointerEvent : win.MouseEvent;
  const pointer = (type: string, bubbles: boolean, buttons: number) =>
    el.dispatchEvent(
      new Pointer(type, {
        ...base,
        bubbles,
        cancelable: bubbles,
        buttons,
        pointerId: 1,
        pointerType: 'mouse',
        isPrimary: true,
      }),
    );
  const mouse = (type: string, bubbles: boolean, buttons: number, detail = 0) =>
    el.dispatchEvent(new win.MouseEvent(type, { ...base, bubbles, cancelable: bubbles, buttons, detail }));
  pointer('pointerover', true, 0);
  pointer('pointerenter', false, 0);
  mouse('mouseover', true, 0);
  mouse('mouseenter', false, 0);
  const down = pointer('pointerdown', true, 1);
  // A cancelled pointerdown suppresses the compatibility mouse events (Pointer Events spec).
  const mouseDown = down ? mouse('mousedown', true, 1, 1) : true;
  if (mouseDown && el instanceof win.HTMLElement) el.focus({ preventScroll: true });
  pointer('pointerup', true, 0);
  if (down) mouse('mouseup', true, 0, 1);
  // A dispatched click runs the element's activation: links follow, checkboxes toggle, buttons submit.
  mouse('click', true, 0, 1);
}

/** A KeyboardEvent on `target`; false when the page cancelled it. */
export function keyEvent(target: Element, type: 'keydown' | 'keypress' | 'keyup', spec: KeySpec): boolean {
  const win = windowOf(target);
  const charCode = type === 'keypress' ? (spec.key === 'Enter' ? 13 : spec.key.charCodeAt(0)) : 0;
  return target.dispatchEvent(
    new win.KeyboardEvent(type, {
      key: spec.key,
      code: spec.code,
      keyCode: type === 'keypress' ? charCode : spec.keyCode,
      which: type === 'keypress' ? charCode : spec.keyCode,
      charCode,
      shiftKey: spec.shiftKey,
      ctrlKey: spec.ctrlKey,
      altKey: spec.altKey,
      metaKey: spec.metaKey,
      bubbles: true,
      cancelable: true,
      composed: true,
      view: win,
    }),
  );
}

/** beforeinput (cancelable) or input; false when the page cancelled a beforeinput. */
export function inputEvent(
  target: Element,
  type: 'beforeinput' | 'input',
  inputType: string,
  data: string | null,
): boolean {
  const win = windowOf(target);
  const Ctor = typeof win.InputEvent === 'function' ? win.InputEvent : win.Event;
  return target.dispatchEvent(
    new Ctor(type, { inputType, data, bubbles: true, cancelable: type === 'beforeinput', composed: true }),
  );
}

export function plainEvent(target: Element, type: string): boolean {
  const win = windowOf(target);
  return target.dispatchEvent(new win.Event(type, { bubbles: true, cancelable: false }));
}

/**
 * Sets a field's value through the prototype's own setter, not the element's property: frameworks that
 * control inputs (React's value tracker) override `value` on the element, and would otherwise not see
 * the change as the person's.
 */
export function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const win = windowOf(el);
  const proto =
    el.localName === 'textarea' ? win.HTMLTextAreaElement.prototype : win.HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
}
