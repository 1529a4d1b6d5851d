import { readableName } from '../../shared/readable-name';

/** One line of a key/value list: a tool's arguments, or the fields of a result. */
export interface ReadableEntry {
  label: string;
  value: string;
}

/**
 * How much of a value a list line shows: a summary cuts nested strings and long lists ("Show all" lifts
 * it); `full` shows every part.
 */
export type Detail = 'summary' | 'full';

const NESTED_CHARS = 160;
const LINE_CHARS = 400;
/** List items longer than this go one a line, as bullets; shorter ones share a line. */
const SHORT_ITEM = 40;

const cut = (text: string, max: number, detail: Detail) =>
  detail === 'summary' && text.length > max ? `${text.slice(0, max - 1)}…` : text;

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * A value as a phrase, not JSON: strings as they are, yes/no, lists joined, objects as "key: value"
 * pairs one level down and counted below that.
 */
export function readableValue(value: unknown, detail: Detail = 'summary', depth = 0): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return depth === 0 ? value : cut(value, NESTED_CHARS, detail);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' || typeof value === 'bigint') return value.toLocaleString();
  if (Array.isArray(value)) {
    if (value.length === 0) return 'None';
    const simple = value.every((v) => v === null || typeof v !== 'object');
    if (!simple || depth >= 2) return plural(value.length, 'item', 'items');
    const parts = value.map((v) => readableValue(v, detail, depth + 1));
    const short = parts.every((p) => p.length <= SHORT_ITEM);
    return cut(short ? parts.join(', ') : parts.map((p) => `• ${p}`).join('\n'), LINE_CHARS, detail);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return 'None';
    if (depth >= 1) return plural(entries.length, 'field', 'fields');
    const pairs = entries.map(([k, v]) => `${readableName(k)}: ${readableValue(v, detail, depth + 1)}`);
    return cut(pairs.join('; '), LINE_CHARS, detail);
  }
  return typeof value === 'symbol' ? value.toString() : String(value);
}

/** An object's fields as a key/value list, labels made readable ("max_results" → "Max results"). */
export function readableEntries(
  record: Record<string, unknown>,
  detail: Detail = 'summary',
): ReadableEntry[] {
  return Object.entries(record).map(([key, value]) => ({
    label: readableName(key),
    value: readableValue(value, detail),
  }));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a result's fields are, when it has any: its structured content when it has no text, else a text
 * that is itself a JSON object (page tools hand objects over as JSON). Undefined for ordinary text, which
 * is shown as it is.
 */
export function resultFields(
  text: string | undefined,
  structured: unknown,
  detail: Detail = 'summary',
): ReadableEntry[] | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return isRecord(structured) ? readableEntries(structured, detail) : undefined;
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return isRecord(parsed) && Object.keys(parsed).length > 0 ? readableEntries(parsed, detail) : undefined;
  } catch {
    return undefined;
  }
}
