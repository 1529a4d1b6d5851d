import { readableName } from '../../shared/readable-name';
/**
 * Values as a person reads them, not JSON: labelled values, nested values indented, long text folded. A
 * tool call's arguments (approval window, side panel) and a result's fields (side panel). The values are an
 * assistant's or a site's and may be anything, so this never trusts their shape.
 */
export type ArgValue =
  | { kind: 'text'; text: string; long: boolean }
  | { kind: 'number' | 'yes-no'; text: string }
  | { kind: 'none'; text: string }
  | { kind: 'group'; list: boolean; entries: ArgEntry[] }
  /** Nested deeper than the window lists: shown as the assistant's text, folded. */
  | { kind: 'raw'; text: string; long: true };

export interface ArgEntry {
  label: string;
  /** The argument's own name, when the label differs from it. */
  key?: string;
  value: ArgValue;
}

export type ParsedArgs =
  | { ok: true; entries: ArgEntry[] }
  /** The host shortens very large arguments, and the shortened text is no longer an object. */
  | { ok: false; text: string };

/** Past this many characters or lines a value is folded behind "Show all". */
export const LONG_CHARS = 160;
export const LONG_LINES = 4;
const MAX_DEPTH = 4;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isLong = (text: string): boolean =>
  text.length > LONG_CHARS || text.split('\n').length > LONG_LINES;

/** The start of a long value, cut at a word where one is near. */
export function preview(text: string): string {
  const lines = text.split('\n').slice(0, LONG_LINES).join('\n');
  if (lines.length <= LONG_CHARS && lines.length < text.length) return `${lines}…`;
  const cut = lines.slice(0, LONG_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > LONG_CHARS * 0.6 ? cut.slice(0, space) : cut}…`;
}

function labels(keys: string[]): ArgEntry['label'][] {
  const human = keys.map(readableName);
  // Two arguments must never look like one ("a_b" and "aB"): then the object keeps its own names.
  return new Set(human.map((l) => l.toLowerCase())).size === human.length ? human : keys;
}

function argValue(value: unknown, depth: number): ArgValue {
  if (value === null || value === undefined) return { kind: 'none', text: 'Nothing (empty)' };
  if (typeof value === 'string') {
    return value === ''
      ? { kind: 'none', text: 'Empty text' }
      : { kind: 'text', text: value, long: isLong(value) };
  }
  if (typeof value === 'number') return { kind: 'number', text: String(value) };
  if (typeof value === 'boolean') return { kind: 'yes-no', text: value ? 'Yes' : 'No' };
  if (Array.isArray(value) || isRecord(value)) {
    if (depth >= MAX_DEPTH) return { kind: 'raw', text: JSON.stringify(value, null, 2) ?? '', long: true };
    const entries = Array.isArray(value) ? listEntries(value, depth + 1) : objectEntries(value, depth + 1);
    if (entries.length === 0) {
      return { kind: 'none', text: Array.isArray(value) ? 'Empty list' : 'Nothing (empty)' };
    }
    return { kind: 'group', list: Array.isArray(value), entries };
  }
  return { kind: 'text', text: String(value), long: false };
}

function listEntries(values: unknown[], depth: number): ArgEntry[] {
  return values.map((v, i) => ({ label: String(i + 1), value: argValue(v, depth) }));
}

/** An object's fields as labelled values. */
export function objectEntries(record: Record<string, unknown>, depth = 0): ArgEntry[] {
  const keys = Object.keys(record);
  const shown = labels(keys);
  return keys.map((key, i) => {
    const label = shown[i] ?? key;
    return { label, ...(label !== key ? { key } : {}), value: argValue(record[key], depth) };
  });
}

/** Reads the host's `argumentsJson` (pretty JSON of an object, or a shortened copy of it). */
export function parseArguments(argumentsJson: string): ParsedArgs {
  let value: unknown;
  try {
    value = JSON.parse(argumentsJson);
  } catch {
    return { ok: false, text: argumentsJson };
  }
  return isRecord(value)
    ? { ok: true, entries: objectEntries(value, 0) }
    : { ok: false, text: argumentsJson };
}

/**
 * The fields a tool result is shown as, if it has some: its structured content when it has no text, else
 * a text that is itself a JSON object (page tools hand objects over as JSON). Undefined for ordinary text,
 * which is shown as it is.
 */
export function resultRecord(
  text: string | undefined,
  structured: unknown,
): Record<string, unknown> | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '')
    return isRecord(structured) && Object.keys(structured).length > 0 ? structured : undefined;
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return isRecord(parsed) && Object.keys(parsed).length > 0 ? parsed : undefined;
  } catch {
    return undefined;
  }
}
