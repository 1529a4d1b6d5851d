import { describe, expect, it } from 'vitest';
import { readableEntries, readableValue, resultFields } from '../../src/ui/chat/readable-value';

describe('readable arguments and results', () => {
  it('lists arguments as labels and plain values, not JSON', () => {
    expect(
      readableEntries({ query: 'lamp', max_results: 3, inStock: true, tags: ['a', 'b'], note: null }),
    ).toEqual([
      { label: 'Query', value: 'lamp' },
      { label: 'Max results', value: '3' },
      { label: 'In stock', value: 'Yes' },
      { label: 'Tags', value: 'a, b' },
      { label: 'Note', value: 'None' },
    ]);
  });

  it('summarises nested values one level down and counts deeper ones', () => {
    expect(readableValue({ from: 'LHR', to: 'JFK', passengers: { adults: 2 } })).toBe(
      'From: LHR; To: JFK; Passengers: 1 field',
    );
    expect(readableValue([{ id: 1 }, { id: 2 }])).toBe('2 items');
    expect(readableValue([])).toBe('None');
    expect(readableValue({})).toBe('None');
    expect(readableValue({ text: 'x'.repeat(500) })).toMatch(/^Text: x+…$/);
    expect(readableValue({ text: 'x'.repeat(500) }).length).toBeLessThanOrEqual(400);
    // Long list items go one a line; a summary cuts them, the full view does not.
    const long = ['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(300)];
    expect(readableValue(long)).toMatch(/^• a+\n• b+\n• c+…$/);
    expect(readableValue(long).length).toBeLessThanOrEqual(400);
    expect(readableValue(long, 'full')).toBe(long.map((l) => `• ${l}`).join('\n'));
    // A top-level string is shown whole: it is what the model sent.
    expect(readableValue('y'.repeat(1000))).toHaveLength(1000);
  });

  it('shows a result’s fields when it is an object, and its text otherwise', () => {
    expect(resultFields('3 articles found', { count: 3 })).toBeUndefined();
    expect(resultFields('{"query":"op","matches":["a","b"]}', undefined)).toEqual([
      { label: 'Query', value: 'op' },
      { label: 'Matches', value: 'a, b' },
    ]);
    expect(resultFields('', { count: 3 })).toEqual([{ label: 'Count', value: '3' }]);
    expect(resultFields('{not json', undefined)).toBeUndefined();
    expect(resultFields(undefined, undefined)).toBeUndefined();
  });
});
