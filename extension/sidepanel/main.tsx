import '../../src/shared/zod';
import type { Client, TextResourceContents } from '@modelcontextprotocol/client';
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { type ConversationSummary, IdbConversationStore } from '../../src/assistant/conversations';
import { toolTitle } from '../../src/assistant/tool-display';
import type { Attachment, ChatItem, ProviderConfig, ToolCallItem } from '../../src/messages/chat-types';
import {
  type ApprovalView,
  envelope,
  type TabStateView,
  type WaitingView,
} from '../../src/messages/contract';
import { modelTools } from '../../src/messages/mcp-apps';
import { catalogNameOf, PAGE_URIS, tabContentUri, tabResourceUri } from '../../src/messages/names';
import { openSwitchboardDb } from '../../src/storage/db';
import { AppFrame } from '../../src/ui/chat/app-frame';
import { ChatView } from '../../src/ui/chat/chat-view';
import { HistoryList } from '../../src/ui/chat/history-list';
import { countPageTools, PageToolsSheet } from '../../src/ui/chat/page-tools-sheet';
import { providerStore } from '../shared/secrets';
import { openSettings } from '../shared/settings-link';
import { tabGrantActions } from '../shared/tab-grant-actions';
import { useWorkerPort } from '../shared/use-worker-port';
import { appHostFor } from './app-host';
import { useActiveTab } from './use-active-tab';
import { useConversation } from './use-conversation';
import { ASSISTANT_INFO, useHostClient } from './use-host-client';
import { usePanelFacts } from './use-panel-facts';

const SANDBOX_URL = browser.runtime.getURL('extension/app-sandbox/index.html');

const conversations = openSwitchboardDb().then((db) => new IdbConversationStore(db));
const providers = providerStore();

/** The attached page's origin and title, from its metadata resource beside the content (the model is told it). */
async function pageFacts(client: Client, tabId: number): Promise<{ origin?: string; title?: string }> {
  const uri = tabResourceUri(tabId, 0, PAGE_URIS.metadata);
  if (!uri) return {};
  try {
    const read = await client.readResource({ uri });
    const first = read.contents[0];
    const meta =
      first && 'text' in first ? (JSON.parse(first.text) as { url?: unknown; title?: unknown }) : {};
    return {
      ...(typeof meta.url === 'string' ? { origin: new URL(meta.url).origin } : {}),
      ...(typeof meta.title === 'string' && meta.title.trim() ? { title: meta.title.trim() } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * A running tool call the host is holding for the user shows as such: for their approval, or for them to
 * submit the form it filled (the queue's notices).
 */
function withApprovals(items: ChatItem[], pending: ApprovalView[], waiting: WaitingView[]): ChatItem[] {
  const mine = (assistant: string | undefined) => assistant === ASSISTANT_INFO.title;
  const approving = pending.flatMap((p) =>
    p.request.kind === 'tool' && mine(p.assistant) && p.source.kind !== 'assistant'
      ? [catalogNameOf({ kind: p.source.kind, label: p.source.label }, p.request.tool)]
      : [],
  );
  const forms = new Map(
    waiting.filter((w) => mine(w.assistant)).map((w) => [catalogNameOf(w.source, w.tool), w.message]),
  );
  if (approving.length === 0 && forms.size === 0) return items;
  return items.map((item) =>
    item.kind !== 'assistant'
      ? item
      : {
          ...item,
          toolCalls: item.toolCalls.map((c) => {
            if (c.status !== 'running') return c;
            if (approving.includes(c.tool)) return { ...c, status: 'waiting-approval' as const };
            const note = forms.get(c.tool);
            return note ? { ...c, note } : c;
          }),
        },
  );
}

function SidePanel() {
  const host = useHostClient();
  const tabId = useActiveTab();
  const [provider, setProvider] = useState<ProviderConfig>();
  const [providerLoaded, setProviderLoaded] = useState(false);
  const [pending, setPending] = useState<ApprovalView[]>([]);
  const [waiting, setWaiting] = useState<WaitingView[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [history, setHistory] = useState<ConversationSummary[]>();
  const [tabState, setTabState] = useState<TabStateView>();
  const [tabError, setTabError] = useState<string>();
  const [sheetOpen, setSheetOpen] = useState(false);
  const chat = useConversation(conversations, host, provider);
  const panelFacts = usePanelFacts();
  const [draft, setDraft] = useState<{ text: string }>();
  // Apps ask at any time: they read the client and tools of now, not of the render that made them.
  const latest = useRef(host);
  latest.current = host;
  const appDeps = useMemo(
    () => ({
      current: () => latest.current,
      draft: (text: string) => setDraft({ text }),
      attach: (attachment: Attachment) =>
        setAttachments((list) => [...list.filter((a) => a.uri !== attachment.uri), attachment]),
    }),
    [],
  );
  const renderApp = (call: ToolCallItem) => {
    const tool = host.tools.find((t) => t.name === call.tool);
    const appHost = tool && appHostFor(call, tool, appDeps);
    if (!tool || !appHost) return null;
    return (
      <AppFrame
        call={call}
        tool={tool}
        sandboxUrl={SANDBOX_URL}
        panel={panelFacts}
        host={appHost}
        version={ASSISTANT_INFO.version}
      />
    );
  };
  // What the model may be offered: the app-only tools are for the apps (use-conversation.ts filters the same).
  const offered = modelTools(host.tools);

  useEffect(() => {
    const load = () =>
      // With its key: this page talks to the model, and is the one place that reads the key.
      void providers
        .current()
        .then((p) => (p ? providers.withKey(p) : undefined))
        .then((p) => {
          setProvider(p);
          setProviderLoaded(true);
        });
    load();
    return providers.onChange(load);
  }, []);

  const send = useWorkerPort(
    (message) => {
      if (message.type === 'worker→ui:approvals') {
        setPending(message.payload.pending);
        setWaiting(message.payload.waiting ?? []);
      } else if (message.type === 'worker→ui:tab-state') {
        setTabState(message.payload);
        setTabError(undefined);
      } else if (message.type === 'worker→ui:error') setTabError(message.payload.message);
    },
    (post) => {
      post(envelope('ui→worker:watch-approvals', {}));
      if (tabId !== undefined) post(envelope('ui→worker:watch-tab', { tabId }));
    },
  );
  // The tab's grants, as the popup shows them: the panel offers what the page has and is not shared yet.
  useEffect(() => {
    setTabState(undefined);
    if (tabId !== undefined) send(envelope('ui→worker:watch-tab', { tabId }));
  }, [tabId]);
  const pageTools = countPageTools(tabState);

  const pageUri = tabId === undefined ? undefined : tabContentUri(tabId);
  const pageResource = host.resources.find((r) => r.uri === pageUri);
  const items = useMemo(
    () => withApprovals(chat.conversation.items, pending, waiting),
    [chat.conversation.items, pending, waiting],
  );

  const attachPage = async () => {
    if (!host.client || !pageResource) return;
    const read = await host.client.readResource({ uri: pageResource.uri });
    const text = read.contents
      .filter((c): c is TextResourceContents => 'text' in c)
      .map((c) => c.text)
      .join('\n');
    const facts = tabId === undefined ? {} : await pageFacts(host.client, tabId);
    // Named as the page is (its title, else its host): the chip and the model both read it.
    const title = facts.title ?? (facts.origin ? new URL(facts.origin).host : 'This page');
    setAttachments((list) => [
      ...list.filter((a) => a.uri !== pageResource.uri),
      { uri: pageResource.uri, title, text, ...(facts.origin ? { source: facts.origin } : {}) },
    ]);
  };

  const showHistory = async () => setHistory(await (await conversations).list());

  if (history) {
    return (
      <section class="chat-history" aria-labelledby="history-h">
        <header class="chat-history-head">
          <h1 id="history-h">Conversations</h1>
          <button type="button" onClick={() => setHistory(undefined)}>
            Back to chat
          </button>
        </header>
        <HistoryList
          conversations={history}
          currentId={chat.conversation.id}
          onOpen={(id) => {
            void chat.open(id);
            setHistory(undefined);
          }}
          onDelete={async (id) => {
            await (await conversations).delete(id);
            if (id === chat.conversation.id) chat.startNew();
            await showHistory();
          }}
        />
      </section>
    );
  }

  return (
    <>
      <ChatView
        items={items}
        streaming={chat.streaming}
        {...(provider ? { providerLabel: `${provider.model} on ${provider.name}` } : {})}
        noProvider={providerLoaded && !provider}
        toolCount={provider?.supportsTools === false ? 0 : offered.length}
        sharedTools={provider?.supportsTools === false ? [] : offered.map((t) => ({ title: toolTitle(t) }))}
        renderApp={renderApp}
        {...(draft ? { draft } : {})}
        {...(pageTools ? { pageTools } : {})}
        onChoosePageTools={() => setSheetOpen(true)}
        onRetry={() => void chat.retry()}
        pageAttachable={Boolean(pageResource)}
        attachments={attachments}
        onSend={(text) => {
          const sent = attachments;
          setAttachments([]);
          void chat.send(text, sent);
        }}
        onStop={chat.stop}
        onAttachPage={() => void attachPage()}
        onRemoveAttachment={(uri) => setAttachments((list) => list.filter((a) => a.uri !== uri))}
        onOpenSettings={() => void openSettings('models')}
        onOpenApprovals={() => send(envelope('ui→worker:open-approvals', {}))}
        onNewChat={() => {
          chat.startNew();
          setAttachments([]);
        }}
        onShowHistory={() => void showHistory()}
      />
      <PageToolsSheet
        open={sheetOpen}
        onClose={() => setSheetOpen(false)}
        state={tabState}
        error={tabError}
        {...tabGrantActions(send, tabState)}
        onSettings={(section) => void openSettings(section ?? 'models')}
      />
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<SidePanel />, root);
