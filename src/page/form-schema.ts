/**
 * A declarative WebMCP tool (`<form toolname tooldescription [toolautosubmit]>`) as the polyfill lists it:
 * its input schema synthesised from the form's fields exactly as Chromium 156 does natively (captured in
 * tests/fixtures/webmcp/native-declarative-tools.json; docs/research/webmcp-declarative.md).
 */

export interface FormTool {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, FieldSchema>; required?: string[] };
  autosubmit: boolean;
}

type Option = { type: 'string'; const: string; title?: string };
export type FieldSchema = {
  type: 'string' | 'number' | 'boolean' | 'array';
  description?: string;
  format?: 'date';
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  anyOf?: Option[];
  enum?: string[];
  items?: FieldSchema;
  uniqueItems?: true;
};

const DATE_NOTE = "Dates MUST be provided in 'YYYY-MM-DD' format.";
const SKIPPED = new Set(['submit', 'reset', 'button', 'image', 'hidden', 'file']);
const CONTROLS = 'input, select, textarea, button';

/** The form's tool, or undefined when it does not declare one (no toolname or no tooldescription). */
export function formTool(form: HTMLFormElement): FormTool | undefined {
  const name = form.getAttribute('toolname')?.trim();
  const description = form.getAttribute('tooldescription')?.trim();
  if (!name || !description) return undefined;
  const properties: Record<string, FieldSchema> = {};
  const required: string[] = [];
  const radios = new Map<string, HTMLInputElement[]>();
  for (const element of Array.from(form.elements)) {
    const field = element as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const key = field.name;
    if (!key || field.tagName === 'BUTTON' || field.tagName === 'FIELDSET' || field.tagName === 'OUTPUT')
      continue;
    const type = field.tagName === 'INPUT' ? (field as HTMLInputElement).type : field.tagName.toLowerCase();
    if (SKIPPED.has(type)) continue;
    if (type === 'radio') {
      const group = radios.get(key);
      if (group) group.push(field as HTMLInputElement);
      else {
        radios.set(key, [field as HTMLInputElement]);
        properties[key] = { type: 'string' }; // filled in below, at the group's first position
      }
    } else if (!(key in properties)) {
      properties[key] = fieldSchema(field, type);
    }
    if (field.hasAttribute('required') && !required.includes(key)) required.push(key);
  }
  for (const [key, group] of radios) properties[key] = radioSchema(group);
  return {
    name,
    description,
    inputSchema: { type: 'object', properties, ...(required.length ? { required } : {}) },
    autosubmit: form.hasAttribute('toolautosubmit'),
  };
}

function fieldSchema(
  field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  type: string,
): FieldSchema {
  const described = (schema: FieldSchema, text = describe(field)): FieldSchema =>
    text ? { ...schema, description: text } : schema;
  if (type === 'select-one' || type === 'select-multiple' || type === 'select') {
    const select = field as HTMLSelectElement;
    const options = Array.from(select.options).map((o) => ({ value: o.value, title: o.text.trim() }));
    const choice: FieldSchema = {
      type: 'string',
      anyOf: options.map((o) => ({ type: 'string', const: o.value, title: o.title })),
      enum: options.map((o) => o.value),
    };
    return described(select.multiple ? { type: 'array', items: choice, uniqueItems: true } : choice);
  }
  if (type === 'checkbox') return described({ type: 'boolean' });
  if (type === 'number' || type === 'range') {
    const input = field as HTMLInputElement;
    const number = (attr: string) => {
      const value = input.getAttribute(attr);
      return value !== null && value.trim() !== '' && Number.isFinite(Number(value))
        ? Number(value)
        : undefined;
    };
    const step = input.getAttribute('step');
    const multipleOf = step === 'any' ? undefined : (number('step') ?? 1);
    const min = number('min');
    const max = number('max');
    return described({
      type: 'number',
      ...(min !== undefined ? { minimum: min } : {}),
      ...(max !== undefined ? { maximum: max } : {}),
      ...(multipleOf !== undefined ? { multipleOf } : {}),
    });
  }
  if (type === 'date') {
    const text = describe(field);
    return { type: 'string', format: 'date', description: text ? `${text} (${DATE_NOTE})` : DATE_NOTE };
  }
  return described({ type: 'string' });
}

function radioSchema(group: HTMLInputElement[]): FieldSchema {
  const options = group.map((radio) => {
    const title = labelText(radio);
    return { type: 'string' as const, const: radio.value, ...(title ? { title } : {}) };
  });
  return { type: 'string', anyOf: options, enum: options.map((o) => o.const) };
}

/** `toolparamdescription`, else the field's label. */
function describe(field: Element): string | undefined {
  return field.getAttribute('toolparamdescription')?.trim() || labelText(field);
}

/** A label's own words: the text of the controls inside it (a select's options) is not part of them. */
function labelText(field: Element): string | undefined {
  const label = (field as HTMLInputElement).labels?.[0];
  if (!label) return undefined;
  const copy = label.cloneNode(true) as HTMLElement;
  for (const control of Array.from(copy.querySelectorAll(CONTROLS))) control.remove();
  const text = (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text || undefined;
}
