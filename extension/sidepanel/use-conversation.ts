import type { CallToolResult, Client } from '@modelcontextprotocol/client';
import { useRef, useState } from 'preact/hooks';
import { runTurn } from '../../src/assistant/chat-engine';
import { type ConversationStore, titleFor } from '../../src/assistant/conversations';
import { createModel } from '../../src/assistant/model';
import { describeProviderError } from '../../src/assistant/provider-errors';
import type { Attachment, ChatItem, Conversation, ProviderConfig } from '../../src/messages/chat-types';
import { modelTools } from '../../src/messages/mcp-apps';
import type { HostClient } from './use-host-client';

const newId = () => crypto.randomUUID();

function fresh(): Conversation {
  const now = Date.now();
  return { id: newId(), title: 'New conversation', createdAt: now, updatedAt: now, items: [] };
}

/** The open conversation: sending, streaming, stopping, and keeping it in IndexedDB as it goes. */
export function useConversation(
  store: Promise<ConversationStore>,
  host: HostClient,
  provider: ProviderConfig | undefined,
) {
  const [conversation, setConversation] = useState<Conversation>(fresh);
  const [streaming, setStreaming] = useState(false);
  const current = useRef(conversation);
  current.current = conversation;
  const controller = useRef<AbortController>();
  /** A retry waiting for the host: a second click must not start a second turn. */
  const retrying = useRef(false);

  const update = (change: (c: Conversation) => Conversation, persist: boolean) => {
    const next = change(current.current);
    current.current = next;
    setConversation(next);
    if (persist && next.items.length > 0) void store.then((s) => s.put(next));
  };
  const upsert = (item: ChatItem, persist: boolean) =>
    update((c) => {
      const at = c.items.findIndex((i) => i.id === item.id);
      const items = at === -1 ? [...c.items, item] : c.items.map((i, n) => (n === at ? item : i));
      return { ...c, items, updatedAt: Date.now() };
    }, persist);

  // The worker may be waking up: wait a little for the host rather than fail the message.
  const reachHost = async () => {
    const client = await Promise.race([host.ready(), new Promise<undefined>((r) => setTimeout(r, 5000))]);
    if (!client) {
      const text = 'Switchboard could not reach your browser’s tools; try again in a moment.';
      upsert({ kind: 'notice', id: newId(), at: Date.now(), tone: 'error', text }, false);
    }
    return client;
  };

  /** One turn of the model on the conversation as it stands (which ends with the user's message). */
  const run = async (client: Client, provider: ProviderConfig) => {
    const abort = new AbortController();
    controller.current = abort;
    setStreaming(true);
    try {
      await runTurn(
        current.current.items.filter((i) => i.kind !== 'notice'),
        {
          model: createModel(provider),
          // Listed now, not taken from the last notification: a grant may have changed a moment ago.
          // Without the app-only ones: the host lists them to the panel, which renders apps, for its apps.
          tools: modelTools((await client.listTools()).tools),
          contextTokens: provider.contextTokens,
          supportsTools: provider.supportsTools,
          callTool: (name, args, signal, onprogress) =>
            // Long: the host may wait for the user's approval (2 min by default, up to an hour) before it
            // runs, and a server may run it as a task for as long again.
            client.callTool(
              { name, arguments: args },
              { signal, timeout: 3_600_000, ...(onprogress ? { onprogress } : {}) },
            ) as Promise<CallToolResult>,
          signal: abort.signal,
          // Text deltas only update the view; the store is written when a step or tool call changes.
          onItem: (item, transient) =>
            upsert(item, !transient && (item.kind !== 'assistant' || item.toolCalls.length > 0)),
          newId,
          now: Date.now,
        },
      );
    } catch (error) {
      const { kind, message } = describeProviderError(error);
      if (kind !== 'cancelled')
        upsert({ kind: 'notice', id: newId(), at: Date.now(), tone: 'error', text: message }, true);
    } finally {
      setStreaming(false);
      controller.current = undefined;
      update((c) => c, true);
    }
  };

  const send = async (text: string, attachments: Attachment[]) => {
    if (!provider) return;
    const user: ChatItem = {
      kind: 'user',
      id: newId(),
      text,
      at: Date.now(),
      ...(attachments.length ? { attachments } : {}),
    };
    update(
      (c) => ({
        ...c,
        title: c.items.length === 0 ? titleFor(text) : c.title,
        providerId: provider.id,
        items: [...c.items, user],
        updatedAt: Date.now(),
      }),
      true,
    );
    // Kept even if the host cannot be reached: Retry then sends it.
    const client = await reachHost();
    if (client) await run(client, provider);
  };

  /**
   * The last turn again, after a model error: what followed the user's last message (the error, and any
   * step the model got through) is dropped, and the message itself is kept, not sent a second time.
   */
  const retry = async () => {
    if (!provider || controller.current || retrying.current) return;
    const lastUser = current.current.items.findLastIndex((i) => i.kind === 'user');
    if (lastUser === -1) return;
    update((c) => ({ ...c, providerId: provider.id, items: c.items.slice(0, lastUser + 1) }), true);
    retrying.current = true;
    try {
      const client = await reachHost();
      if (client) await run(client, provider);
    } finally {
      retrying.current = false;
    }
  };

  return {
    conversation,
    streaming,
    send,
    retry,
    stop: () => controller.current?.abort(),
    open: async (id: string) => {
      const found = await (await store).get(id);
      if (found) update(() => found, false);
    },
    startNew: () => update(() => fresh(), false),
  };
}
