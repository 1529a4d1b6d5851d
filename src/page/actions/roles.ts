/**
 * What kind of thing an element is to a person using the page: the ARIA-ish role the outline names it by
 * (`button`, `link`, `textbox` …), or null for what is not interactive. An explicit interactive role wins
 * (a `<div role="button">` is a button); otherwise the element's own kind.
 */

/** Roles a person can act on: every element with one gets a ref. */
export const INTERACTIVE_ROLES: ReadonlySet<string> = new Set([
  'button',
  'link',
  'checkbox',
  'radio',
  'switch',
  'tab',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'slider',
  'spinbutton',
  'treeitem',
]);

const INPUT_ROLES: Record<string, string> = {
  checkbox: 'checkbox',
  radio: 'radio',
  submit: 'button',
  button: 'button',
  reset: 'button',
  image: 'button',
  file: 'button',
  range: 'slider',
  number: 'spinbutton',
  search: 'searchbox',
};

/** The interactive role of an element, or null. */
export function interactiveRole(el: Element): string | null {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit && INTERACTIVE_ROLES.has(explicit)) return explicit;
  switch (el.localName) {
    case 'a':
    case 'area':
      return el.hasAttribute('href') ? 'link' : null;
    case 'button':
      return 'button';
    case 'input': {
      const type = inputType(el);
      return type === 'hidden' ? null : (INPUT_ROLES[type] ?? 'textbox');
    }
    case 'select':
      return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1
        ? 'listbox'
        : 'combobox';
    case 'textarea':
      return 'textbox';
    case 'summary':
      return el.parentElement?.localName === 'details' ? 'button' : null;
  }
  return isEditableHost(el) ? 'textbox' : null;
}

/** The input's type as the browser reads it (unknown types are text). */
export function inputType(el: Element): string {
  return el.localName === 'input' ? (el as HTMLInputElement).type.toLowerCase() : '';
}

/** Whether an element is editable by its own contenteditable attribute (jsdom has no isContentEditable). */
export function isEditable(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  if (value === null) return false;
  return value === '' || value.toLowerCase() === 'true' || value.toLowerCase() === 'plaintext-only';
}

/** The outermost element of an editable region: the one a person types into (children are its content). */
export function isEditableHost(el: Element): boolean {
  if (!isEditable(el)) return false;
  const parent = el.parentElement?.closest('[contenteditable]');
  return !parent || !isEditable(parent);
}

/** Disabled as a person sees it: the control itself, its fieldset, or aria-disabled. */
export function isDisabled(el: Element): boolean {
  if (el.getAttribute('aria-disabled') === 'true') return true;
  try {
    return el.matches(':disabled');
  } catch {
    return false;
  }
}
