import type { ChatItem } from '../messages/chat-types';

/** Providers do not count tokens for us; ~4 characters per token is the usual estimate for English text. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** What a tool result or an attached page may take at most, as a share of the window. */
const MAX_SHARE_PER_BLOCK = 0.4;
/**
 * What all tool results of one turn (the steps after one user message) may take together. Results are
 * pages' and servers' words: a turn of many calls must not fill the window with them, however small each.
 */
const MAX_SHARE_PER_TURN = 0.5;

export interface Fitted {
  items: ChatItem[];
  /** Set when something was left out or shortened: the chat tells the user. */
  notice?: string;
}

/**
 * Fits a conversation into the model's window, leaving room for the answer and the tool list: long
 * blocks (pages, tool results) are cut first, then the oldest exchanges are dropped. The last user
 * message is always kept. The stored conversation is not changed; only what is sent is.
 */
export function fitToContext(items: ChatItem[], contextTokens: number, reservedTokens: number): Fitted {
  const budget = Math.max(256, contextTokens - reservedTokens);
  const maxBlock = Math.max(200, Math.floor(budget * MAX_SHARE_PER_BLOCK));
  const changed = new Set<number>();
  const perBlock = items.map((item, index) => {
    const [next, cutHere] = shortenBlocks(item, maxBlock);
    if (cutHere) changed.add(index);
    return next;
  });
  const turnCap = capTurns(perBlock, Math.max(400, Math.floor(budget * MAX_SHARE_PER_TURN)));
  for (const index of turnCap.changed) changed.add(index);
  const cut = changed.size;
  const shortened = turnCap.items;
  // Mid-turn the conversation ends with the model's tool steps: the user's question before them must stay.
  const lastUser = shortened.findLastIndex((item) => item.kind === 'user');
  let start = 0;
  while (start < lastUser && total(shortened.slice(start)) > budget) start++;
  // A conversation must start with the user: drop leading assistant items left by the cut.
  while (start < lastUser && shortened[start]?.kind !== 'user') start++;
  const kept = shortened.slice(start);
  // Notices are never sent, so leaving one out is not leaving out a message.
  const dropped = shortened.slice(0, start).filter((item) => item.kind !== 'notice').length;
  const parts: string[] = [];
  if (cut > 0)
    parts.push(
      `${cut} long page${cut === 1 ? '' : 's'} or tool result${cut === 1 ? ' was' : 's were'} shortened`,
    );
  if (dropped > 0) parts.push(`${dropped} earlier message${dropped === 1 ? ' was' : 's were'} left out`);
  return parts.length
    ? { items: kept, notice: `To fit the model's context window, ${parts.join(' and ')}.` }
    : { items: kept };
}

/**
 * Caps the sum of tool results per turn: once a turn's results reach `maxTokens`, each later result of
 * that turn keeps only what is left of the share (at least a line saying it was cut).
 */
function capTurns(items: ChatItem[], maxTokens: number): { items: ChatItem[]; changed: number[] } {
  let used = 0;
  const cutItems: number[] = [];
  const out = items.map((item, index) => {
    if (item.kind === 'user') used = 0;
    if (item.kind !== 'assistant') return item;
    let changed = false;
    const toolCalls = item.toolCalls.map((call) => {
      const text = call.result ?? '';
      const tokens = estimateTokens(text);
      const left = Math.max(0, maxTokens - used);
      used += Math.min(tokens, left);
      if (tokens <= left) return call;
      changed = true;
      const keep = left * 4;
      return {
        ...call,
        result: `${text.slice(0, keep)}\n… [left out: ${text.length - keep} more characters; this turn's tool results already fill their share of the model's context]`,
      };
    });
    if (changed) cutItems.push(index);
    return changed ? { ...item, toolCalls } : item;
  });
  return { items: out, changed: cutItems };
}

function total(items: ChatItem[]): number {
  let tokens = 0;
  for (const item of items) {
    if (item.kind === 'notice') continue;
    tokens += estimateTokens(item.text) + 4;
    if (item.kind === 'user') for (const a of item.attachments ?? []) tokens += estimateTokens(a.text) + 8;
    if (item.kind === 'assistant') {
      for (const call of item.toolCalls) {
        tokens += estimateTokens(JSON.stringify(call.args)) + estimateTokens(call.result ?? '') + 8;
      }
    }
  }
  return tokens;
}

function shortenBlocks(item: ChatItem, maxTokens: number): [ChatItem, boolean] {
  const maxChars = maxTokens * 4;
  const cutText = (text: string) =>
    text.length > maxChars
      ? `${text.slice(0, maxChars)}\n… [shortened: ${text.length - maxChars} more characters]`
      : text;
  if (item.kind === 'user' && item.attachments?.some((a) => a.text.length > maxChars)) {
    return [
      {
        ...item,
        attachments: item.attachments.map((a) =>
          a.text.length > maxChars ? { ...a, text: cutText(a.text), truncated: true } : a,
        ),
      },
      true,
    ];
  }
  if (item.kind === 'assistant' && item.toolCalls.some((c) => (c.result?.length ?? 0) > maxChars)) {
    return [
      { ...item, toolCalls: item.toolCalls.map((c) => (c.result ? { ...c, result: cutText(c.result) } : c)) },
      true,
    ];
  }
  return [item, false];
}
