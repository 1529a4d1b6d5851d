import { beforeAll, describe, expect, it } from 'vitest';
import { collectAnswers, initialValues } from '../../src/ui/elicitation/answers';
import { fieldsOf } from '../../src/ui/elicitation/fields';
import type { Field } from '../../src/ui/elicitation/types';

interface ElicitParams {
  message: string;
  requestedSchema: unknown;
}
type Handler = (
  args: object,
  extra: { sendRequest(req: { params: ElicitParams }): Promise<object> },
) => unknown;
interface EverythingTool {
  registerTriggerElicitationRequestTool(server: object): void;
}

/** The reference server's own request, captured by running its tool against a fake, not a copy of it. */
async function everythingRequest(): Promise<ElicitParams> {
  // A variable specifier: the package ships no types, and this test only needs the params it sends.
  const path = '@modelcontextprotocol/server-everything/dist/tools/trigger-elicitation-request.js';
  const tool = (await import(path)) as EverythingTool;
  let handler: Handler | undefined;
  tool.registerTriggerElicitationRequestTool({
    server: { getClientCapabilities: () => ({ elicitation: {} }) },
    registerTool: (_name: string, _config: object, h: Handler) => {
      handler = h;
    },
  });
  let sent: ElicitParams | undefined;
  await handler?.(
    {},
    {
      sendRequest: async (req) => {
        sent = req.params;
        return { action: 'cancel' };
      },
    },
  );
  if (!sent) throw new Error('server-everything did not send an elicitation request');
  return sent;
}

const byKey = (fields: Field[], key: string) => fields.find((f) => f.key === key);

describe('elicitation form fields from the reference schema', () => {
  let fields: Field[];
  beforeAll(async () => {
    fields = fieldsOf((await everythingRequest()).requestedSchema);
  });

  it('gives each property the control a person would expect', () => {
    expect(Object.fromEntries(fields.map((f) => [f.key, f.kind]))).toEqual({
      name: 'text',
      check: 'boolean',
      firstLine: 'text',
      email: 'email',
      homepage: 'uri',
      birthdate: 'date',
      integer: 'integer',
      number: 'number',
      untitledSingleSelectEnum: 'select',
      untitledMultipleSelectEnum: 'multi-select',
      titledSingleSelectEnum: 'select',
      titledMultipleSelectEnum: 'multi-select',
      legacyTitledEnum: 'select',
    });
    expect(byKey(fields, 'name')).toEqual({
      key: 'name',
      label: 'String',
      description: 'Your full, legal name',
      required: true,
      kind: 'text',
    });
    expect(fields.filter((f) => f.required).map((f) => f.key)).toEqual(['name']);
    expect(byKey(fields, 'integer')).toMatchObject({ min: 1, max: 100, default: 42 });
  });

  it('labels choices with their titles: oneOf, anyOf and legacy enumNames', () => {
    expect(byKey(fields, 'titledSingleSelectEnum')?.options?.[1]).toEqual({
      value: 'hero-2',
      label: 'Green Lantern',
    });
    expect(byKey(fields, 'titledMultipleSelectEnum')?.options?.map((o) => o.label)).toEqual([
      'Tuna',
      'Salmon',
      'Trout',
    ]);
    expect(byKey(fields, 'legacyTitledEnum')?.options?.[4]).toEqual({ value: 'pet-5', label: 'Reptiles' });
    expect(byKey(fields, 'untitledSingleSelectEnum')?.options?.[0]).toEqual({
      value: 'Monica',
      label: 'Monica',
    });
    expect(byKey(fields, 'untitledMultipleSelectEnum')).toMatchObject({ minItems: 1, maxItems: 3 });
  });

  it('starts from the defaults, and an untouched optional checkbox is not a "no"', () => {
    const start = initialValues(fields);
    expect(start).toMatchObject({
      name: '',
      firstLine: 'It was a dark and stormy night.',
      integer: '42',
      number: '3.14',
      untitledSingleSelectEnum: 'Monica',
      untitledMultipleSelectEnum: ['Guitar'],
      titledMultipleSelectEnum: ['fish-1'],
      legacyTitledEnum: 'pet-1',
    });
    expect(start.check).toBeUndefined();
    // Only the required name is missing from a form submitted as it first appears.
    expect(collectAnswers(fields, start)).toEqual({ ok: false, errors: { name: 'Fill in this field.' } });
  });

  it('converts a filled-in form into typed content, leaving out empty optional fields', () => {
    const result = collectAnswers(fields, {
      ...initialValues(fields),
      name: 'Ada Lovelace',
      check: false,
      email: ' ada@example.com ',
      birthdate: '1815-12-10',
      integer: '7',
      number: '.5',
      titledMultipleSelectEnum: ['fish-3', 'fish-1'],
    });
    expect(result).toEqual({
      ok: true,
      content: {
        name: 'Ada Lovelace',
        check: false,
        firstLine: 'It was a dark and stormy night.',
        email: 'ada@example.com',
        birthdate: '1815-12-10',
        integer: 7,
        number: 0.5,
        untitledSingleSelectEnum: 'Monica',
        untitledMultipleSelectEnum: ['Guitar'],
        titledSingleSelectEnum: 'hero-1',
        titledMultipleSelectEnum: ['fish-1', 'fish-3'],
        legacyTitledEnum: 'pet-1',
      },
    });
  });

  it('says what to fix in each wrong field', () => {
    const result = collectAnswers(fields, {
      ...initialValues(fields),
      name: '   ',
      email: 'ada@',
      homepage: 'example.com',
      birthdate: '2023-02-29',
      integer: '101',
      number: '1e',
      untitledSingleSelectEnum: 'Gunther',
      untitledMultipleSelectEnum: ['Guitar', 'Piano', 'Violin', 'Drums'],
      titledMultipleSelectEnum: [],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Fill in this field.',
        email: 'Enter an email address, like name@example.com.',
        homepage: 'Enter a full address, starting with https:// or similar.',
        birthdate: 'Enter a date as YYYY-MM-DD.',
        integer: 'Enter a whole number between 1 and 100.',
        number: 'Enter a number between 0 and 1000.',
        untitledSingleSelectEnum: 'Choose one of the listed options.',
        untitledMultipleSelectEnum: 'Choose between 1 and 3 options.',
      },
    });
    const fractional = collectAnswers(fields, { ...initialValues(fields), name: 'x', integer: '2.5' });
    expect(fractional.ok ? undefined : fractional.errors).toEqual({
      integer: 'Enter a whole number between 1 and 100.',
    });
  });
});

describe('elicitation answers beyond the reference schema', () => {
  it('checks text length in characters, not UTF-16 units', () => {
    const fields = fieldsOf({
      type: 'object',
      properties: { code: { type: 'string', minLength: 2, maxLength: 3 } },
      required: ['code'],
    });
    expect(collectAnswers(fields, { code: '😀😀😀' })).toEqual({ ok: true, content: { code: '😀😀😀' } });
    expect(collectAnswers(fields, { code: 'abcd' })).toEqual({
      ok: false,
      errors: { code: 'Enter between 2 and 3 characters.' },
    });
  });

  it('sends a datetime-local value as RFC 3339 with the local offset, the same instant', () => {
    const fields = fieldsOf({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } });
    const result = collectAnswers(fields, { at: '2025-06-15T14:30' });
    const at = result.ok ? result.content.at : undefined;
    expect(at).toMatch(/^2025-06-15T14:30:00[+-]\d\d:\d\d$/);
    expect(Date.parse(String(at))).toBe(Date.parse('2025-06-15T14:30'));
    expect(collectAnswers(fields, { at: '2025-02-30T10:00' }).ok).toBe(false);
    expect(collectAnswers(fields, {})).toEqual({ ok: true, content: {} });
  });

  it('keeps a "__proto__" field as data', () => {
    const fields = fieldsOf(JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}'));
    const result = collectAnswers(fields, Object.fromEntries([['__proto__', 'x']]));
    expect(result.ok && Object.getPrototypeOf(result.content)).toBe(Object.prototype);
    expect(result.ok && Object.hasOwn(result.content, '__proto__')).toBe(true);
  });
});

describe('hostile or unsupported schemas', () => {
  it('refuse what is not a flat object schema, naming the field', () => {
    expect(() => fieldsOf('{"type":"object"}')).toThrow(/not an object schema/);
    expect(() => fieldsOf(null)).toThrow(/not an object schema/);
    expect(() => fieldsOf({ type: 'object', properties: [] })).toThrow(/"properties" is not an object/);
    expect(() =>
      fieldsOf({
        type: 'object',
        properties: { address: { type: 'object', properties: { city: { type: 'string' } } } },
      }),
    ).toThrow(/Field "address" has type "object"/);
    expect(() =>
      fieldsOf({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } }),
    ).toThrow(/Field "tags" is a list of something other than choices/);
    expect(() =>
      fieldsOf({ type: 'object', properties: { n: { type: 'integer', minimum: 5, maximum: 1 } } }),
    ).toThrow(/Field "n" has minimum 5 above its maximum 1/);
    expect(() => fieldsOf({ type: 'object', properties: { c: { type: 'string', enum: [] } } })).toThrow(
      /Field "c" offers no choices/,
    );
  });

  it('cap what a server can make the page render', () => {
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, { type: 'string' }]));
    expect(() => fieldsOf({ type: 'object', properties: many })).toThrow(
      'The requested form has 10000 fields; Switchboard shows at most 50.',
    );
    const choices = Array.from({ length: 201 }, (_, i) => `c${i}`);
    expect(() => fieldsOf({ type: 'object', properties: { c: { type: 'string', enum: choices } } })).toThrow(
      /offers 201 choices/,
    );
    const [long] = fieldsOf({
      type: 'object',
      properties: { t: { type: 'string', title: 'x'.repeat(10_000) } },
    });
    expect(long?.label.length).toBe(200);
    expect(() => fieldsOf({ type: 'object', properties: { ['k'.repeat(101)]: { type: 'string' } } })).toThrow(
      /longer than 100/,
    );
  });
});
