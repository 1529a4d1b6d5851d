import type { Field, FieldKind, FieldOption } from './types';

/** The schema comes from a server: these bound what it can make the UI render. */
export const ELICIT_LIMITS = {
  fields: 50,
  options: 200,
  key: 100,
  label: 200,
  description: 1000,
  value: 1000,
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const FORMATS = new Set<FieldKind>(['email', 'uri', 'date', 'date-time']);

/** Turns an untrusted `requestedSchema` into fields; throws an Error naming what a form can't ask. */
export function fieldsOf(schema: unknown): Field[] {
  if (!isObj(schema) || schema.type !== 'object')
    throw new Error('The requested form is not an object schema ({"type": "object", "properties": …}).');
  const props = schema.properties ?? {};
  if (!isObj(props)) throw new Error('The requested form\'s "properties" is not an object.');
  const keys = Object.keys(props);
  if (keys.length > ELICIT_LIMITS.fields)
    throw new Error(
      `The requested form has ${keys.length} fields; Switchboard shows at most ${ELICIT_LIMITS.fields}.`,
    );
  const required = schema.required ?? [];
  if (!Array.isArray(required) || !required.every((r) => typeof r === 'string'))
    throw new Error('The requested form\'s "required" is not a list of field names.');
  // Required names with no property are ignored: nothing could be entered for them anyway.
  const needed = new Set(required);
  return keys.map((key) => fieldOf(key, props[key], needed.has(key)));
}

function fieldOf(key: string, p: unknown, required: boolean): Field {
  if (key.length > ELICIT_LIMITS.key)
    throw new Error(`A field name is longer than ${ELICIT_LIMITS.key} characters.`);
  const name = `"${key}"`;
  if (!isObj(p)) throw new Error(`Field ${name} is not a schema object.`);
  const description = text(p.description);
  const base = {
    key,
    label: clip(text(p.title) ?? key, ELICIT_LIMITS.label),
    required,
    ...(description ? { description: clip(description, ELICIT_LIMITS.description) } : {}),
  };
  let field: Field;
  if (p.type === 'string') field = stringField(base, name, p);
  else if (p.type === 'number' || p.type === 'integer') {
    const kind = p.type;
    const [min, max] = [bound(p, name, 'minimum', false), bound(p, name, 'maximum', false)];
    ordered(name, 'minimum', min, max);
    const d = p.default;
    const ok = typeof d === 'number' && Number.isFinite(d) && (kind === 'number' || Number.isInteger(d));
    field = { ...base, kind, min, max, default: ok ? d : undefined };
  } else if (p.type === 'boolean')
    field = { ...base, kind: 'boolean', default: typeof p.default === 'boolean' ? p.default : undefined };
  else if (p.type === 'array') field = listField(base, name, p);
  else {
    const shown = typeof p.type === 'string' ? `type "${clip(p.type, 40)}"` : 'no usable type';
    throw new Error(
      `Field ${name} has ${shown}; a form can only ask for text, numbers, yes/no, and choices from a list.`,
    );
  }
  // Drop absent optionals so the model stays plain data (it is compared, logged and serialized).
  for (const k of Object.keys(field) as (keyof Field)[]) if (field[k] === undefined) delete field[k];
  return field;
}

type Base = Pick<Field, 'key' | 'label' | 'required' | 'description'>;

function stringField(base: Base, name: string, p: Obj): Field {
  if (p.oneOf !== undefined || p.enum !== undefined) {
    const options = p.oneOf !== undefined ? titled(name, p.oneOf) : untitled(name, p.enum, p.enumNames);
    const d = options.find((o) => o.value === p.default)?.value;
    return { ...base, kind: 'select', options, default: d };
  }
  // An unknown format still takes text; the server checks what it receives.
  const kind =
    typeof p.format === 'string' && FORMATS.has(p.format as FieldKind) ? (p.format as FieldKind) : 'text';
  const [minLength, maxLength] = [bound(p, name, 'minLength', true), bound(p, name, 'maxLength', true)];
  ordered(name, 'minLength', minLength, maxLength);
  const d = typeof p.default === 'string' && p.default.length <= ELICIT_LIMITS.value ? p.default : undefined;
  return { ...base, kind, minLength, maxLength, default: d };
}

function listField(base: Base, name: string, p: Obj): Field {
  const items = p.items;
  let options: FieldOption[];
  if (isObj(items) && items.anyOf !== undefined) options = titled(name, items.anyOf);
  else if (isObj(items) && items.enum !== undefined && (items.type ?? 'string') === 'string')
    options = untitled(name, items.enum, undefined);
  else
    throw new Error(`Field ${name} is a list of something other than choices; only lists of choices work.`);
  const [minItems, maxItems] = [bound(p, name, 'minItems', true), bound(p, name, 'maxItems', true)];
  ordered(name, 'minItems', minItems, maxItems);
  if (minItems !== undefined && minItems > options.length)
    throw new Error(`Field ${name} needs ${minItems} choices but offers only ${options.length}.`);
  const def: unknown = p.default;
  const d = Array.isArray(def) ? options.filter((o) => def.includes(o.value)) : undefined;
  return { ...base, kind: 'multi-select', options, minItems, maxItems, default: d?.map((o) => o.value) };
}

function choices(name: string, list: unknown): unknown[] {
  if (!Array.isArray(list) || list.length === 0) throw new Error(`Field ${name} offers no choices.`);
  if (list.length > ELICIT_LIMITS.options)
    throw new Error(
      `Field ${name} offers ${list.length} choices; Switchboard shows at most ${ELICIT_LIMITS.options}.`,
    );
  return list;
}

function option(name: string, value: unknown, label: unknown, seen: Set<string>): FieldOption {
  // The empty string is what an unanswered <select> holds, so it can't also be a choice.
  if (typeof value !== 'string' || !value || value.length > ELICIT_LIMITS.value)
    throw new Error(`Field ${name} has a choice that is not a short, non-empty text.`);
  if (seen.has(value)) throw new Error(`Field ${name} lists the choice "${clip(value, 40)}" twice.`);
  seen.add(value);
  return { value, label: clip(text(label) ?? value, ELICIT_LIMITS.label) };
}

function titled(name: string, list: unknown): FieldOption[] {
  const seen = new Set<string>();
  return choices(name, list).map((c) =>
    isObj(c) ? option(name, c.const, c.title, seen) : option(name, c, c, seen),
  );
}

/** `enumNames` is the pre-2025-11-25 way to title choices; ignored unless it lines up with `enum`. */
function untitled(name: string, list: unknown, names: unknown): FieldOption[] {
  const seen = new Set<string>();
  const values = choices(name, list);
  const labels = Array.isArray(names) && names.length === values.length ? names : [];
  return values.map((v, i) => option(name, v, labels[i], seen));
}

function bound(p: Obj, name: string, key: string, count: boolean): number | undefined {
  const v = p[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || (count && !(Number.isInteger(v) && v >= 0)))
    throw new Error(`Field ${name} has an invalid ${key}.`);
  return v;
}

function ordered(name: string, what: string, lo: number | undefined, hi: number | undefined) {
  if (lo !== undefined && hi !== undefined && lo > hi)
    throw new Error(`Field ${name} has ${what} ${lo} above its maximum ${hi}, so no answer fits.`);
}
