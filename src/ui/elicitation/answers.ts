import type { ElicitValue } from '../../messages/contract';
import type { CollectResult, Field, RawAnswers, RawValue } from './types';

/**
 * The form's starting state. A boolean with no default starts unset when optional (so an untouched
 * checkbox is not reported as a "no" the person never gave) and false when required (an unchecked box
 * is then the answer, as nothing else could be).
 */
export function initialValues(fields: readonly Field[]): RawAnswers {
  return Object.fromEntries(
    fields.map((f): [string, RawValue] => {
      const d = f.default;
      if (f.kind === 'boolean') return [f.key, typeof d === 'boolean' ? d : f.required ? false : undefined];
      if (f.kind === 'multi-select') return [f.key, Array.isArray(d) ? [...d] : []];
      if (f.kind === 'date-time') return [f.key, typeof d === 'string' ? toLocalInput(d) : ''];
      return [f.key, d === undefined || Array.isArray(d) ? '' : String(d)];
    }),
  );
}

/** Checks and converts the form's values into `elicitation/create` result content. */
export function collectAnswers(fields: readonly Field[], raw: RawAnswers): CollectResult {
  const content: [string, ElicitValue][] = [];
  const errors: [string, string][] = [];
  for (const f of fields) {
    // hasOwn: a key such as "constructor" must not read Object.prototype.
    const r = answer(f, Object.hasOwn(raw, f.key) ? raw[f.key] : undefined);
    if ('error' in r) errors.push([f.key, r.error]);
    else if (r.value !== undefined) content.push([f.key, r.value]);
  }
  // fromEntries defines own properties, so a "__proto__" key stays data.
  return errors.length
    ? { ok: false, errors: Object.fromEntries(errors) }
    : { ok: true, content: Object.fromEntries(content) };
}

type Outcome = { value?: ElicitValue } | { error: string };

function answer(f: Field, v: RawValue): Outcome {
  if (f.kind === 'boolean') return typeof v === 'boolean' ? { value: v } : f.required ? { value: false } : {};
  if (f.kind === 'multi-select') return picks(f, Array.isArray(v) ? v : []);
  const s = typeof v === 'string' ? (f.kind === 'text' ? v : v.trim()) : '';
  if (!s.trim())
    return f.required ? { error: f.kind === 'select' ? 'Choose an option.' : 'Fill in this field.' } : {};
  switch (f.kind) {
    case 'text': {
      const n = [...s].length; // code points, as JSON Schema counts them
      const { minLength: lo, maxLength: hi } = f;
      return (lo !== undefined && n < lo) || (hi !== undefined && n > hi)
        ? { error: `Enter ${span(lo, hi, 'character')}.` }
        : { value: s };
    }
    case 'email':
      return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/.test(s)
        ? { value: s }
        : { error: 'Enter an email address, like name@example.com.' };
    case 'uri':
      return parsesAsUrl(s)
        ? { value: s }
        : { error: 'Enter a full address, starting with https:// or similar.' };
    case 'date':
      return isCalendarDate(s) ? { value: s } : { error: 'Enter a date as YYYY-MM-DD.' };
    case 'date-time': {
      const out = toRfc3339(s);
      return out ? { value: out } : { error: 'Enter a date and time, like 2025-01-31T14:30.' };
    }
    case 'number':
    case 'integer': {
      const n = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
      const whole = f.kind === 'integer';
      const bad = !Number.isFinite(n) || (whole && !Number.isInteger(n));
      return bad || (f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)
        ? { error: `Enter ${whole ? 'a whole number' : 'a number'}${range(f.min, f.max)}.` }
        : { value: n };
    }
    default: {
      return f.options?.some((o) => o.value === s)
        ? { value: s }
        : { error: 'Choose one of the listed options.' };
    }
  }
}

function picks(f: Field, picked: readonly string[]): Outcome {
  const options = f.options ?? [];
  if (picked.some((p) => !options.some((o) => o.value === p)))
    return { error: 'Choose only the listed options.' };
  // In the server's order, whatever order they were ticked in.
  const values = options.filter((o) => picked.includes(o.value)).map((o) => o.value);
  if (!values.length && !f.required) return {};
  const lo = f.minItems ?? (f.required ? 1 : undefined);
  const hi = f.maxItems;
  if ((lo !== undefined && values.length < lo) || (hi !== undefined && values.length > hi))
    return { error: `Choose ${span(lo, hi, 'option')}.` };
  return { value: values };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
function span(lo: number | undefined, hi: number | undefined, unit: string): string {
  if (lo !== undefined && hi !== undefined)
    return lo === hi ? `exactly ${plural(lo, unit)}` : `between ${lo} and ${plural(hi, unit)}`;
  return lo !== undefined ? `at least ${plural(lo, unit)}` : `at most ${plural(hi ?? 0, unit)}`;
}
function range(lo: number | undefined, hi: number | undefined): string {
  if (lo !== undefined && hi !== undefined) return ` between ${lo} and ${hi}`;
  return lo !== undefined ? ` of ${lo} or more` : hi !== undefined ? ` of ${hi} or less` : '';
}

function parsesAsUrl(s: string): boolean {
  try {
    return Boolean(new URL(s).protocol);
  } catch {
    return false;
  }
}

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  // Date.parse rolls 2024-02-31 over to March; a round trip catches it.
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:\d{2})?$/i;
const pad = (n: number) => String(n).padStart(2, '0');
const localParts = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/**
 * A datetime-local input gives wall-clock time with no zone; RFC 3339 needs one, so the person's own
 * offset is added (it is what they meant). ISO forms without an offset parse as local time in ES.
 */
function toRfc3339(s: string): string | undefined {
  const m = DATE_TIME.exec(s);
  const ms = m ? Date.parse(s) : Number.NaN;
  if (!m?.[1] || !Number.isFinite(ms) || !isCalendarDate(m[1])) return undefined;
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const zone = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${localParts(d)}:${pad(d.getSeconds())}${zone}`;
}

/** A server's date-time default, as a datetime-local input's value (local wall-clock time). */
function toLocalInput(s: string): string {
  const ms = DATE_TIME.test(s) ? Date.parse(s) : Number.NaN;
  return Number.isFinite(ms) ? localParts(new Date(ms)) : '';
}
