import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

/** Page size of the host's lists: an assistant with 10,000 tools gets them in requests it can afford. */
export const PAGE_SIZE = 500;

/**
 * MCP cursor pagination over an already-built list. The cursor is opaque to assistants; it is the offset
 * with a tag, so a cursor from another server or a stale list is refused clearly rather than misread.
 */
export function paginate<T>(
  items: T[],
  cursor: string | undefined,
  size = PAGE_SIZE,
): { page: T[]; nextCursor?: string } {
  let offset = 0;
  if (cursor !== undefined) {
    const match = /^sb1:(\d+)$/.exec(cursor);
    if (!match)
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'Invalid cursor: list again from the start.');
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextCursor: `sb1:${next}` } : { page };
}
