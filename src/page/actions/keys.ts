/**
 * Keys as KeyboardEvents carry them: `key`, `code` and the legacy `keyCode` many sites still read, from
 * a name like "Enter", "ArrowDown", "a" or "Shift+Tab".
 */
export interface KeySpec {
  key: string;
  code: string;
  keyCode: number;
  /** Types a character (no Control, Alt or Meta held). */
  printable: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

const NAMED: Record<string, [key: string, keyCode: number]> = {
  enter: ['Enter', 13],
  return: ['Enter', 13],
  tab: ['Tab', 9],
  escape: ['Escape', 27],
  esc: ['Escape', 27],
  backspace: ['Backspace', 8],
  delete: ['Delete', 46],
  space: [' ', 32],
  arrowup: ['ArrowUp', 38],
  arrowdown: ['ArrowDown', 40],
  arrowleft: ['ArrowLeft', 37],
  arrowright: ['ArrowRight', 39],
  home: ['Home', 36],
  end: ['End', 35],
  pageup: ['PageUp', 33],
  pagedown: ['PageDown', 34],
  insert: ['Insert', 45],
};
const PUNCTUATION: Record<string, string> = {
  '-': 'Minus',
  '=': 'Equal',
  '[': 'BracketLeft',
  ']': 'BracketRight',
  '\\': 'Backslash',
  ';': 'Semicolon',
  "'": 'Quote',
  ',': 'Comma',
  '.': 'Period',
  '/': 'Slash',
  '`': 'Backquote',
  ' ': 'Space',
};
const MODIFIERS: Record<string, 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'> = {
  shift: 'shiftKey',
  control: 'ctrlKey',
  ctrl: 'ctrlKey',
  alt: 'altKey',
  option: 'altKey',
  meta: 'metaKey',
  cmd: 'metaKey',
  command: 'metaKey',
};

/** A key by name or character, with modifiers ("Control+a"). */
export function parseKey(input: string): KeySpec {
  const parts = input.length > 1 && input.includes('+') ? input.split('+') : [input];
  // "Shift++" names the + key: an empty last part is the "+" itself.
  let last = parts.pop() ?? '';
  if (last === '' && parts.length > 0) {
    parts.pop();
    last = '+';
  }
  const spec = charKey(last);
  for (const part of parts) {
    const flag = MODIFIERS[part.toLowerCase()];
    if (flag) spec[flag] = true;
  }
  spec.printable = spec.printable && !spec.ctrlKey && !spec.altKey && !spec.metaKey;
  return spec;
}

/** The key for one typed character. */
export function charKey(name: string): KeySpec {
  const base = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
  const named = NAMED[name.toLowerCase()];
  if (named && name.length > 1) {
    const [key, keyCode] = named;
    return { ...base, key, code: key === ' ' ? 'Space' : key, keyCode, printable: key === ' ' };
  }
  if (Array.from(name).length !== 1) {
    // F5, MediaPlayPause …: passed on as named, with no code we could be sure of.
    return { ...base, key: name, code: /^F\d{1,2}$/.test(name) ? name : '', keyCode: 0, printable: false };
  }
  const upper = name.toUpperCase();
  if (/^[a-z]$/i.test(name)) {
    return {
      ...base,
      key: name,
      code: `Key${upper}`,
      keyCode: upper.charCodeAt(0),
      printable: true,
      shiftKey: name === upper,
    };
  }
  if (/^[0-9]$/.test(name))
    return { ...base, key: name, code: `Digit${name}`, keyCode: name.charCodeAt(0), printable: true };
  return {
    ...base,
    key: name,
    code: PUNCTUATION[name] ?? '',
    keyCode: name === ' ' ? 32 : 0,
    printable: true,
  };
}
