import type { Progress } from '@modelcontextprotocol/server';

/** What a caller passes along with a tools/call to any server the host holds a client for. */
export interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: Progress) => void;
}
