import type { Progress } from '@modelcontextprotocol/server';
import type { AssistantRef } from './decisions';

/** What a caller passes along with a tools/call to any server the host holds a client for. */
export interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: Progress) => void;
  /** Who calls: a page shows it on its "… is acting on this page" overlay; the built-in tabs server filters by it. */
  assistant?: AssistantRef;
}
