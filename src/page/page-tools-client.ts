import { type Envelope, envelope, type MessageKey, type Messages } from '../messages/contract';
import type { PageToolDescriptor } from '../messages/page-types';
import { z } from '../shared/zod';
import { bridgeMessage, isBridgeMessage } from './bridge-protocol';
import { LIMITS } from './page-bridge';
import type { PageToolSource } from './sources';

const annotations = z.object({
  readOnlyHint: z.boolean().optional(),
  consequentialHint: z.boolean().optional(),
  untrustedContentHint: z.boolean().optional(),
});
const tool = z.object({
  name: z.string().min(1).max(512),
  title: z.string().max(200).optional(),
  description: z.string().max(LIMITS.description),
  inputSchema: z.record(z.string(), z.unknown()),
  annotations,
  form: z.object({ autosubmit: z.boolean() }).optional(),
});
const toolsMessage = z.object({
  id: z.string().max(64).nullable(),
  tools: z.array(tool).max(LIMITS.tools),
});
const wireError = z.object({
  name: z.string().max(200),
  message: z.string().max(4000),
  code: z.string().max(64).optional(),
});
const resultMessage = z.union([
  z.object({ id: z.string().max(64), ok: z.literal(true), result: z.string().max(LIMITS.resultChars) }),
  z.object({ id: z.string().max(64), ok: z.literal(false), error: wireError }),
]);

export interface ClientWindow {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown, targetOrigin: string): void;
}

export const LIST_TIMEOUT_MS = 5_000;
export const CALL_TIMEOUT_MS = 120_000;

/**
 * Our isolated world's view of the page's WebMCP tools, through the main-world bridge. Every message from
 * the page is hostile until zod has checked its shape and size; a forged or malformed one is dropped.
 */
export class PageToolsClient implements PageToolSource {
  readonly #pending = new Map<string, (message: { type: string; payload: unknown }) => void>();
  readonly #listeners = new Set<() => void>();
  #counter = 0;

  constructor(private readonly win: ClientWindow) {
    win.addEventListener('message', this.#onMessage);
  }

  dispose(): void {
    this.win.removeEventListener('message', this.#onMessage);
  }

  async list(): Promise<PageToolDescriptor[]> {
    const payload = await this.#request(
      'content→page:list',
      { id: this.#id() },
      'page→content:tools',
      LIST_TIMEOUT_MS,
    );
    const parsed = toolsMessage.safeParse(payload);
    if (!parsed.success) throw new Error('The page sent a malformed tool list.');
    return parsed.data.tools as PageToolDescriptor[];
  }

  async execute(name: string, inputJson: string, signal?: AbortSignal): Promise<string> {
    const payload = await this.#request(
      'content→page:execute',
      { id: this.#id(), name, input: inputJson },
      'page→content:result',
      CALL_TIMEOUT_MS,
      signal,
    );
    const parsed = resultMessage.safeParse(payload);
    if (!parsed.success) throw new Error('The page sent a malformed tool result (or one over 1 MiB).');
    if (!parsed.data.ok) throw new Error(`${parsed.data.error.name}: ${parsed.data.error.message}`);
    return parsed.data.result;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #id(): string {
    this.#counter += 1;
    return `${this.#counter}-${Math.random().toString(36).slice(2, 10)}`;
  }

  #request<K extends MessageKey>(
    type: K,
    payload: Messages[K],
    replyType: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const id = (payload as { id: string }).id;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.#pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        cleanup();
        // The page's tool hears of it too (its AbortSignal), so that it can stop its work.
        this.win.postMessage(bridgeMessage(envelope('content→page:cancel', { id }) as Envelope), '/');
        reject(new Error('Cancelled.'));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`The page did not answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, (message) => {
        if (message.type !== replyType) return;
        cleanup();
        resolve(message.payload);
      });
      this.win.postMessage(bridgeMessage(envelope(type, payload) as Envelope), '/');
    });
  }

  #onMessage = (event: MessageEvent): void => {
    if (event.source !== (this.win as unknown) || !isBridgeMessage(event.data)) return;
    const { type, payload } = event.data;
    if (type === 'page→content:toolchange') {
      for (const listener of this.#listeners) listener();
      return;
    }
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id === 'string') this.#pending.get(id)?.({ type, payload });
  };
}
