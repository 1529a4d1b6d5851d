import { describe, expect, it } from 'vitest';
import { estimateTokens, fitToContext } from '../../src/assistant/context-budget';
import type { ChatItem, ToolCallItem } from '../../src/messages/chat-types';

// What is sent to the model when a conversation outgrows its window, and what the user is told about it.

const user = (id: string, text: string): ChatItem => ({ kind: 'user', id, text, at: 1 });
const assistant = (id: string, text: string, toolCalls: ToolCallItem[] = []): ChatItem => ({
  kind: 'assistant',
  id,
  text,
  at: 2,
  toolCalls,
});
const search = (id: string, result: string): ToolCallItem => ({
  id,
  tool: 'example.com__search',
  args: { query: 'operators' },
  status: 'done',
  result,
});

/** user, assistant, user, … ending with a user message: `count` items of ~500 tokens each. */
function exchanges(count: number): ChatItem[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? user(`u${i}`, `${i} ${'q'.repeat(1_995)}`)
      : assistant(`a${i}`, `${i} ${'a'.repeat(1_995)}`),
  );
}

describe('estimateTokens', () => {
  it('counts about four characters a token, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(4_000))).toBe(1_000);
  });
});

describe('fitToContext', () => {
  it('sends everything, and says nothing, when the conversation fits', () => {
    const items = [
      user('u1', 'hello'),
      assistant('a1', 'Hi!', [search('c1', 'Found 3')]),
      user('u2', 'thanks'),
    ];
    const fitted = fitToContext(items, 8_000, 1_000);
    expect(fitted.items).toEqual(items);
    expect(fitted.notice).toBeUndefined();
  });

  it('shortens a huge attached page, marks it, and says so', () => {
    const page = 'p'.repeat(100_000);
    const items: ChatItem[] = [
      {
        kind: 'user',
        id: 'u1',
        text: 'summarise this',
        at: 1,
        attachments: [
          { uri: 'https://example.com/long', title: 'Long', text: page },
          { uri: 'https://example.com/short', title: 'Short', text: 'A short page.' },
        ],
      },
    ];
    const fitted = fitToContext(items, 4_000, 1_000);

    const [sent] = fitted.items;
    const [long, short] = sent?.kind === 'user' ? (sent.attachments ?? []) : [];
    expect(long?.truncated).toBe(true);
    expect(long?.text.length).toBeLessThan(page.length / 10);
    expect(long?.text).toMatch(/^p+\n… \[shortened: \d+ more characters\]$/);
    expect(short).toEqual({ uri: 'https://example.com/short', title: 'Short', text: 'A short page.' });
    expect(sent?.text).toBe('summarise this');
    expect(fitted.notice).toBe(
      "To fit the model's context window, 1 long page or tool result was shortened.",
    );
    // The stored conversation keeps the whole page.
    expect(items[0]?.kind === 'user' && items[0].attachments?.[0]?.text).toBe(page);
  });

  it('shortens a huge tool result', () => {
    const items = [
      user('u1', 'find it'),
      assistant('a1', '', [search('c1', 'r'.repeat(50_000)), search('c2', 'Found 3')]),
      assistant('a2', 'Here it is.', [search('c3', 's'.repeat(50_000))]),
    ];
    const fitted = fitToContext(items, 8_000, 1_000);

    const results = fitted.items
      .flatMap((i) => (i.kind === 'assistant' ? i.toolCalls : []))
      .map((c) => c.result);
    expect(results[0]).toMatch(/^r+\n… \[shortened: \d+ more characters\]$/);
    expect(results[1]).toBe('Found 3');
    // The same turn: what is left of the turn's share, then a line saying the rest was left out.
    expect(results[2]).toMatch(
      /^s+\n… \[left out: \d+ more characters; this turn's tool results already fill/,
    );
    expect(fitted.notice).toBe(
      "To fit the model's context window, 2 long pages or tool results were shortened.",
    );
  });

  it('leaves out the oldest exchanges, keeping the last user message and starting with the user', () => {
    const items = exchanges(11); // ~5,500 tokens
    // 2,500 tokens: the last four items would fit, but they start with an assistant message.
    const fitted = fitToContext(items, 3_500, 1_000);

    expect(fitted.items.map((i) => i.id)).toEqual(['u8', 'a9', 'u10']);
    expect(fitted.notice).toBe("To fit the model's context window, 8 earlier messages were left out.");
  });

  it('says so in the singular when one message was left out', () => {
    const items = [user('u0', 'hi'), ...exchanges(5).map((i) => ({ ...i, id: `x${i.id}` }))];
    const fitted = fitToContext(items, 3_520, 1_000);
    expect(fitted.items[0]?.kind).toBe('user');
    expect(fitted.notice).toBe("To fit the model's context window, 1 earlier message was left out.");
  });

  it('names both when it shortened and left out', () => {
    const items = [
      ...exchanges(10),
      user('last', 'read this'),
      assistant('a', '', [search('c', 'r'.repeat(50_000))]),
    ];
    const fitted = fitToContext(items, 3_500, 1_000);
    expect(fitted.notice).toMatch(
      /^To fit the model's context window, 1 long page or tool result was shortened and \d+ earlier messages were left out\.$/,
    );
  });

  it('keeps the last user message even when it alone is too long', () => {
    const items = [...exchanges(4), user('last', 'x'.repeat(40_000))];
    const fitted = fitToContext(items, 4_000, 1_000);
    expect(fitted.items.map((i) => i.id)).toEqual(['last']);
  });

  it('keeps the user’s question while a turn’s tool results pile up', () => {
    // Mid-turn, the conversation ends with the model's tool steps, each result within its own cap.
    const items = [
      ...exchanges(4),
      user('question', 'compare these three pages'),
      assistant('s1', '', [search('c1', 'r'.repeat(5_000))]),
      assistant('s2', '', [search('c2', 's'.repeat(5_000))]),
      assistant('s3', '', [search('c3', 't'.repeat(5_000))]),
    ];
    const fitted = fitToContext(items, 4_000, 1_000);
    expect(fitted.items.map((i) => i.id)).toContain('question');
    expect(fitted.items.at(-1)?.id).toBe('s3');
  });

  it('caps the sum of a turn’s tool results, not only each one, and starts again with the next question', () => {
    // Eight small results, each far below the per-result cap: together they would fill the window.
    const turn = (id: string) => [
      user(id, 'compare them all'),
      ...Array.from({ length: 8 }, (_, i) =>
        assistant(`${id}-s${i}`, '', [search(`${id}-c${i}`, 'w'.repeat(2_000))]),
      ),
    ];
    const items = [...turn('q1'), ...turn('q2')];
    const fitted = fitToContext(items, 4_000, 1_000); // budget 3,000 tokens: a turn's results get 1,500
    const resultsOf = (prefix: string) =>
      fitted.items
        .filter((i) => i.id.startsWith(`${prefix}-`))
        .flatMap((i) => (i.kind === 'assistant' ? i.toolCalls.map((c) => c.result ?? '') : []));
    const q2 = resultsOf('q2');
    expect(q2).toHaveLength(8);
    expect(q2.slice(0, 3)).toEqual(['w'.repeat(2_000), 'w'.repeat(2_000), 'w'.repeat(2_000)]);
    expect(q2[3]).toMatch(/^w{0,2000}\n… \[left out: /);
    expect(q2.at(-1)).toMatch(/^\n… \[left out: 2000 more characters/);
    const kept = q2.reduce((sum, r) => sum + (r.match(/^w*/)?.[0].length ?? 0), 0);
    expect(kept).toBe(1_500 * 4);
    expect(fitted.notice).toMatch(/shortened/);
  });

  it('does not count a notice left out as a message', () => {
    const notice: ChatItem = { kind: 'notice', id: 'n', text: 'The provider failed.', at: 1, tone: 'error' };
    const fitted = fitToContext([notice, ...exchanges(11)], 3_500, 1_000);
    expect(fitted.items.map((i) => i.id)).toEqual(['u8', 'a9', 'u10']);
    expect(fitted.notice).toBe("To fit the model's context window, 8 earlier messages were left out.");
  });
});
