import { describe, expect, it } from 'vitest';
import { readableName as humanize } from '../../src/shared/readable-name';
import { actionKind, alwaysAllowText, displaySource, toolTitle } from '../../src/ui/approval/tool-summary';
import { isLong, parseArguments, preview, resultRecord } from '../../src/ui/values/format-values';

const site = { kind: 'site' as const, label: 'https://shop.example' };
const server = { kind: 'server' as const, label: 'Everything' };

describe('the arguments as the approval window lists them', () => {
  it('labels each argument and shows its real value, not JSON', () => {
    const parsed = parseArguments(
      JSON.stringify({ quantity: 3, gift_wrap: true, note: '', coupon: null }, null, 2),
    );
    expect(parsed).toEqual({
      ok: true,
      entries: [
        { label: 'Quantity', key: 'quantity', value: { kind: 'number', text: '3' } },
        { label: 'Gift wrap', key: 'gift_wrap', value: { kind: 'yes-no', text: 'Yes' } },
        { label: 'Note', key: 'note', value: { kind: 'none', text: 'Empty text' } },
        { label: 'Coupon', key: 'coupon', value: { kind: 'none', text: 'Nothing (empty)' } },
      ],
    });
  });

  it('nests objects and lists under their label, and numbers list items', () => {
    const parsed = parseArguments(JSON.stringify({ to: { city: 'Lyon' }, tags: ['a', 'b'], none: [] }));
    expect(parsed.ok && parsed.entries).toEqual([
      {
        label: 'To',
        key: 'to',
        value: {
          kind: 'group',
          list: false,
          entries: [{ label: 'City', key: 'city', value: expect.anything() }],
        },
      },
      {
        label: 'Tags',
        key: 'tags',
        value: {
          kind: 'group',
          list: true,
          entries: [
            { label: '1', value: { kind: 'text', text: 'a', long: false } },
            { label: '2', value: { kind: 'text', text: 'b', long: false } },
          ],
        },
      },
      { label: 'None', key: 'none', value: { kind: 'none', text: 'Empty list' } },
    ]);
  });

  it('keeps the arguments’ own names when readable labels would make two look alike', () => {
    const parsed = parseArguments(JSON.stringify({ max_tokens: 1, maxTokens: 2 }));
    expect(parsed.ok && parsed.entries.map((e) => e.label)).toEqual(['max_tokens', 'maxTokens']);
  });

  it('folds long text, and shows values nested too deep as the assistant’s text', () => {
    const long = 'word '.repeat(100);
    const parsed = parseArguments(JSON.stringify({ body: long, deep: { a: { b: { c: { d: { e: 1 } } } } } }));
    if (!parsed.ok) throw new Error('should parse');
    expect(parsed.entries[0]?.value).toEqual({ kind: 'text', text: long, long: true });
    const level = (v: unknown, n: number): unknown =>
      n === 0 ? v : level((v as { entries: { value: unknown }[] }).entries[0]?.value, n - 1);
    expect(level(parsed.entries[1]?.value, 4)).toEqual({ kind: 'raw', text: '{\n  "e": 1\n}', long: true });
  });

  it('says so when the host shortened arguments too large to list', () => {
    const cut = `${JSON.stringify({ body: 'x'.repeat(100) }).slice(0, 40)}\n… (70 more characters not shown)`;
    expect(parseArguments(cut)).toEqual({ ok: false, text: cut });
    expect(parseArguments('[1, 2]')).toEqual({ ok: false, text: '[1, 2]' });
  });

  it('reads keys as words', () => {
    expect(humanize('maxTokens')).toBe('Max tokens');
    expect(humanize('flight-date')).toBe('Flight date');
    expect(humanize('URL')).toBe('URL');
    expect(humanize('userID')).toBe('User ID');
    expect(humanize('___')).toBe('___');
  });

  it('cuts a preview at a word, and counts lines as well as characters', () => {
    expect(isLong('a\nb\nc\nd\ne')).toBe(true);
    expect(isLong('short')).toBe(false);
    expect(preview('a\nb\nc\nd\ne')).toBe('a\nb\nc\nd…');
    const text = `${'lorem ipsum '.repeat(20)}`;
    const shown = preview(text);
    expect(shown.endsWith('ipsum…') || shown.endsWith('lorem…')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(161);
  });
});

describe('the summary of a tool request', () => {
  it('names the tool by its title, or its name made readable', () => {
    expect(toolTitle({ tool: 'add_to_cart', title: 'Add to cart' })).toBe('Add to cart');
    expect(toolTitle({ tool: 'add_to_cart' })).toBe('Add to cart');
    expect(toolTitle({ tool: 'searchFlights', title: '  ' })).toBe('Search flights');
  });

  it('says what kind of action it is, from the declared hints', () => {
    expect(actionKind({ readOnlyHint: true }, site)).toMatchObject({ tone: 'ok', label: 'Reads only' });
    expect(actionKind({ readOnlyHint: false, consequentialHint: true }, site)).toMatchObject({
      tone: 'warn',
      label: 'Can change things',
      detail: expect.stringMatching(/^The site says this tool acts for you/),
    });
    expect(actionKind({ destructiveHint: true }, server)).toMatchObject({
      tone: 'err',
      detail: 'The server says this tool can delete or overwrite things.',
    });
    // A destructive hint outweighs a contradicting read-only one.
    expect(actionKind({ readOnlyHint: true, destructiveHint: true }, server).tone).toBe('err');
    expect(actionKind({}, server)).toMatchObject({
      tone: 'warn',
      detail: 'The server does not say this tool only reads, so it may change things.',
    });
  });

  it('shows a site without https://, but keeps a plain http:// in sight', () => {
    expect(displaySource(site)).toBe('shop.example');
    expect(displaySource({ kind: 'site', label: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(displaySource(server)).toBe('Everything');
  });

  it('says what Always allow covers: this tool, this site or server, this assistant', () => {
    const request = { kind: 'tool' as const, tool: 'add_to_cart', title: 'Add to cart' };
    const full = {
      ...request,
      description: '',
      annotations: {},
      argumentsJson: '{}',
      choices: [],
      reason: '',
    };
    expect(alwaysAllowText({ assistant: 'Claude', source: site }, full)).toBe(
      'Always allow lets Claude use “Add to cart” on the site shop.example without asking again. Only this tool, on this site, for this assistant.',
    );
    expect(alwaysAllowText({ source: server }, full)).toMatch(
      /^Always allow lets this assistant use “Add to cart” on the server Everything .* on this server, for this assistant\.$/,
    );
  });
});

describe('a tool result as fields (side panel)', () => {
  it('is its structured content when it has no text, or a text that is a JSON object; else plain text', () => {
    expect(resultRecord('3 articles found', { count: 3 })).toBeUndefined();
    expect(resultRecord('{"query":"op","matches":["a","b"]}', undefined)).toEqual({
      query: 'op',
      matches: ['a', 'b'],
    });
    expect(resultRecord('', { count: 3 })).toEqual({ count: 3 });
    expect(resultRecord('', {})).toBeUndefined();
    expect(resultRecord('{not json', undefined)).toBeUndefined();
    expect(resultRecord('[1, 2]', undefined)).toBeUndefined();
    expect(resultRecord(undefined, undefined)).toBeUndefined();
  });
});
