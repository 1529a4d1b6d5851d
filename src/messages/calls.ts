import type { Progress } from '@modelcontextprotocol/server';
import type { AssistantRef } from './decisions';

/** What a caller passes along with a tools/call to any server the host holds a client for. */
export interface CallOptions {
  signal?: AbortSignal;
  onprogress?: (progress: Progress) => void;
  /**
   * Who is calling. Servers the host runs itself (the built-in browser tools) answer per assistant, since
   * grants can be limited to some assistants; connections to other programs ignore it.
   */
  assistant?: AssistantRef;
}
