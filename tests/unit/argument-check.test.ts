import type { Tool } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { ArgumentChecker } from '../../src/host/argument-check';
import { makeHost, openAssistant, openTab, tick } from './helpers';

const tool = (inputSchema: Record<string, unknown>, name = 'add_to_cart'): Tool => ({
  name,
  inputSchema: inputSchema as Tool['inputSchema'],
});

const CART = tool({
  type: 'object',
  properties: {
    quantity: { type: 'integer', minimum: 1, maximum: 10 },
    color: { type: 'string', enum: ['brass', 'black'] },
    giftNote: { type: 'string', maxLength: 20 },
  },
  required: ['quantity'],
  additionalProperties: false,
});

const ORDER = tool(
  {
    type: 'object',
    $defs: {
      address: {
        type: 'object',
        properties: { street: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } },
        required: ['street', 'zip'],
      },
      line: {
        type: 'object',
        properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
        required: ['sku', 'qty'],
      },
    },
    properties: {
      shipTo: { $ref: '#/$defs/address' },
      lines: { type: 'array', items: { $ref: '#/$defs/line' }, minItems: 1 },
    },
    required: ['shipTo', 'lines'],
  },
  'place_order',
);

function refusal(checker: ArgumentChecker, t: Tool, args: Record<string, unknown>): string {
  const check = checker.check(t, args);
  if (check.ok) throw new Error('expected the arguments to be refused');
  expect(check.outcome).toBe('invalid-arguments');
  return check.message;
}

describe('argument check against the tool’s inputSchema', () => {
  const checker = new ArgumentChecker();

  it('lets valid arguments through', () => {
    expect(checker.check(CART, { quantity: 2, color: 'brass' })).toEqual({ ok: true });
    expect(
      checker.check(ORDER, {
        shipTo: { street: '1 Main St', zip: '02139' },
        lines: [{ sku: 'L-1', qty: 1 }],
      }),
    ).toEqual({ ok: true });
  });

  it('names a wrong-typed field, what the schema expects there, and what it got', () => {
    const message = refusal(checker, CART, { quantity: '2' });
    expect(message).toContain(
      'Invalid arguments for "add_to_cart", so it did not run and the user was not asked',
    );
    expect(message).toContain('- quantity: must be integer, but got string "2".');
    expect(message).toContain('Expected: {"type":"integer","minimum":1,"maximum":10}');
    expect(message).toMatch(/Call it again with arguments that match its input schema\.$/);
  });

  it('says which required field is missing', () => {
    expect(refusal(checker, CART, {})).toContain('- arguments: the required property "quantity" is missing.');
  });

  it('explains an enum, a bound, a length and a property the tool does not accept', () => {
    expect(refusal(checker, CART, { quantity: 1, color: 'red' })).toContain(
      '- color: the value does not match any of ["brass","black"].',
    );
    expect(refusal(checker, CART, { quantity: 11 })).toContain('- quantity: 11 is greater than 10.');
    expect(refusal(checker, CART, { quantity: 1, giftNote: 'x'.repeat(21) })).toContain(
      '- giftNote: the text is too long (21 > 20).',
    );
    expect(refusal(checker, CART, { quantity: 1, coupon: 'FREE' })).toContain(
      '"coupon" is not a property this tool accepts.',
    );
  });

  it('follows $ref to $defs into nested objects and array items', () => {
    const zip = refusal(checker, ORDER, {
      shipTo: { street: '1 Main St', zip: '2139' },
      lines: [{ sku: 'L-1', qty: 1 }],
    });
    expect(zip).toContain('- shipTo.zip: the text does not match pattern.');
    expect(zip).toContain('Expected: {"type":"string","pattern":"^[0-9]{5}$"}');
    const qty = refusal(checker, ORDER, {
      shipTo: { street: '1 Main St', zip: '02139' },
      lines: [
        { sku: 'L-1', qty: 1 },
        { sku: 'L-2', qty: 'two' },
      ],
    });
    expect(qty).toContain('- lines[1].qty: must be integer, but got string "two".');
    expect(refusal(checker, ORDER, { shipTo: { zip: '02139' }, lines: [] })).toContain(
      '- shipTo: the required property "street" is missing.',
    );
  });

  it('checks draft-07 and draft-04 schemas by their own dialect', () => {
    const draft7 = tool({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { n: { type: 'number' } },
    });
    expect(refusal(checker, draft7, { n: 'x' })).toContain('- n: must be number, but got string "x".');
    const draft4 = tool({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { n: { type: 'number', minimum: 0, exclusiveMinimum: true } },
    });
    expect(checker.check(draft4, { n: 1 })).toEqual({ ok: true });
    expect(refusal(checker, draft4, { n: 0 })).toContain('- n: 0 is less than or equal to 0.');
  });

  it('makes a tool whose schema cannot be used unavailable, and never fetches a network $ref', () => {
    const unknownDialect = tool({ $schema: 'https://example.com/my-dialect', type: 'object' });
    const networkRef = tool({
      type: 'object',
      properties: { a: { $ref: 'https://schemas.example/a.json' } },
    });
    for (const t of [unknownDialect, networkRef]) {
      const check = checker.check(t, { a: 1 });
      expect(check).toMatchObject({ ok: false, outcome: 'unavailable' });
      expect(!check.ok && check.message).toMatch(/cannot be called: its input schema cannot be used/);
    }
  });

  it('compiles a relisted tool anew: a changed schema is never checked against the old one', () => {
    const before = tool({ type: 'object', properties: { q: { type: 'string' } } }, 'search');
    const after = tool({ type: 'object', properties: { q: { type: 'number' } } }, 'search');
    expect(checker.check(before, { q: 'a' })).toEqual({ ok: true });
    expect(checker.check(after, { q: 'a' })).toMatchObject({ ok: false });
  });
});

describe('an invalid call through the host', () => {
  const schema = {
    type: 'object',
    properties: { quantity: { type: 'integer', minimum: 1 } },
    required: ['quantity'],
  } as const;

  it('returns an error result, asks nobody, runs nothing, and is audited as invalid arguments', async () => {
    const { host, grants, consent, audit } = await makeHost();
    const tab = await openTab(host, 1, 'https://shop.example');
    // Consequential: a valid call would ask the user every time.
    tab.tools.add('add_to_cart', ({ quantity }) => `Added ${quantity} × Desk lamp to the cart.`, {
      inputSchema: { ...schema },
      annotations: { consequentialHint: true },
    });
    await grants.set('https://shop.example', { kind: 'tool', tool: 'add_to_cart' }, true);
    await tick(10);
    const { client } = await openAssistant(host);
    let asked = 0;
    consent.queue.events.on('changed', () => {
      asked += consent.queue.pending().length;
    });

    const result = await client.callTool({ name: 'shop.example__add_to_cart', arguments: { quantity: '2' } });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      { type: 'text', text: expect.stringContaining('- quantity: must be integer, but got string "2".') },
    ]);
    expect(asked).toBe(0);
    expect(tab.tools.calls).toEqual([]);
    await tick(10);
    const [entry] = (await audit.all()).filter((e) => e.kind === 'call');
    expect(entry).toMatchObject({
      tool: 'add_to_cart',
      outcome: 'invalid-arguments',
      detail: expect.stringContaining('quantity'),
    });
    expect(entry?.decision).toBeUndefined();
  });

  it('refuses a site tool whose declared schema is unusable before anyone is asked', async () => {
    const { host, grants, consent } = await makeHost();
    const tab = await openTab(host, 1, 'https://shop.example');
    tab.tools.add('bad_schema', () => 'should never run', { inputSchema: { type: 'string' } });
    await grants.set('https://shop.example', { kind: 'tool', tool: 'bad_schema' }, true);
    await tick(10);
    const { client } = await openAssistant(host);
    const result = await client.callTool({ name: 'shop.example__bad_schema', arguments: {} });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      { type: 'text', text: '"bad_schema" cannot be called: The site declared an invalid input schema.' },
    ]);
    expect(consent.queue.pending()).toEqual([]);
    expect(tab.tools.calls).toEqual([]);
    expect(host.tabState(1).tools[0]?.unavailable).toBe('The site declared an invalid input schema.');
  });
});
