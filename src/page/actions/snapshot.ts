/**
 * page_snapshot: the outline (outline.ts) in parts that fit an assistant's context, with a cursor to read
 * on. Every part is cut at a line boundary; the cursor names the next line by its index and a hash of its
 * text, so reading on from an unchanged page gives exactly the following lines, and a page that changed
 * in between is resynchronised on that line where it can be found (and the part says so where not).
 */

import { outlineLines } from './outline';
import type { RefRegistry } from './refs';
import { cut } from './text';

/** Characters per part (~2,000 tokens), header and footer included. */
export const SNAPSHOT_BUDGET = 8000;
/** Room kept for the footer, so the part with it still fits the budget. */
const FOOTER_ROOM = 200;
const CURSOR = /^(\d{1,9})\.([0-9a-z]{1,7})$/;

export interface SnapshotOptions {
  /** Characters per part; SNAPSHOT_BUDGET by default. */
  budget?: number;
  /** From the previous part's `nextCursor`. */
  cursor?: string;
}

export interface Snapshot {
  text: string;
  /** Set when there is more: pass it as `cursor` to read on. Opaque, under 64 characters. */
  nextCursor?: string;
  /** Outline lines in this part. */
  elements: number;
  /** Refs in this part. */
  refs: number;
}

export class SnapshotCursorError extends Error {
  override name = 'SnapshotCursorError';
}

/** One part of the document's outline; throws SnapshotCursorError for a cursor this did not give. */
export function snapshot(doc: Document, refs: RefRegistry, options: SnapshotOptions = {}): Snapshot {
  const budget = Math.max(1000, options.budget ?? SNAPSHOT_BUDGET);
  const lines = outlineLines(doc, refs);
  let start = 0;
  let note = '';
  if (options.cursor !== undefined) {
    const found = resume(lines, options.cursor);
    start = found.start;
    note = found.note;
  }
  const header = [
    `Page: ${cut(doc.title.trim() || '(untitled)', 200)}${start > 0 ? ' (continued)' : ''}`,
    `URL: ${cut(doc.URL, 300)}`,
  ];
  if (note) header.push(note);
  let size = header.reduce((n, l) => n + l.length + 1, 0);
  let end = start;
  // At least one line per part, so reading on always moves forward.
  while (end < lines.length && (end === start || size + lines[end]!.length + 1 <= budget - FOOTER_ROOM)) {
    size += lines[end]!.length + 1;
    end++;
  }
  const body = lines.slice(start, end);
  const out = [...header, ...body];
  let nextCursor: string | undefined;
  if (end < lines.length) {
    nextCursor = `${end}.${hash(lines[end]!)}`;
    out.push(
      `… more below (lines ${start + 1}–${end} of ${lines.length} shown): call page_snapshot with cursor "${nextCursor}" to read on.`,
    );
  } else if (start > 0) {
    out.push(`(End of the page: lines ${start + 1}–${end} of ${lines.length}.)`);
  } else if (lines.length === 0) {
    out.push('(Nothing on the page is shown.)');
  }
  const refCount = body.reduce((n, l) => n + (l.includes('[ref=e') ? 1 : 0), 0);
  return {
    text: out.join('\n'),
    ...(nextCursor ? { nextCursor } : {}),
    elements: body.length,
    refs: refCount,
  };
}

function resume(lines: string[], cursor: string): { start: number; note: string } {
  const match = CURSOR.exec(cursor);
  if (!match) {
    throw new SnapshotCursorError(
      `"${cut(cursor, 64)}" is not a cursor page_snapshot gave. Call page_snapshot without a cursor to start again.`,
    );
  }
  const index = Number(match[1]);
  const want = match[2];
  if (index < lines.length && hash(lines[index]!) === want) return { start: index, note: '' };
  // The page changed: find the same line (the nearest one with that text) and go on from there.
  let best = -1;
  for (let i = 0; i < lines.length; i++) {
    if (hash(lines[i]!) === want && (best < 0 || Math.abs(i - index) < Math.abs(best - index))) best = i;
  }
  if (best >= 0)
    return {
      start: best,
      note: '(The page changed since the previous part; reading on from the same line.)',
    };
  return {
    start: Math.min(index, lines.length),
    note: '(The page changed since the previous part: some lines may repeat or be missing. A new page_snapshot without a cursor reads it afresh.)',
  };
}

/** FNV-1a, 32 bits, base 36: short, and plenty to tell one line from its neighbours. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
