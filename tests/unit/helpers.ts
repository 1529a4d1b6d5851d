import { type CallToolResult, Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import type { Consent } from '../../src/consent/consent';
import { connectAssistant } from '../../src/host/assistant-endpoint';
import type { Host } from '../../src/host/host';
import { type InMemoryHostOptions, inMemoryHost } from '../../src/host/in-memory-host';
import type { ApprovalView } from '../../src/messages/contract';
import type { ApprovalDecision } from '../../src/messages/decisions';
import type { RemoteServerConfig } from '../../src/messages/server-config';
import { createInPageServer } from '../../src/page/in-page-server';
import type { PageActionRunner } from '../../src/page/sources';
import { silentLogger } from '../../src/shared/logger';
import { MemoryGrantStore } from '../../src/storage/memory-stores';
import type { GrantStore } from '../../src/storage/stores';
import { FakePage, FakeTools } from './fakes/page';

/**
 * The worker's services on in-memory stores, loaded (see src/host/in-memory-host.ts), with a clock that
 * ticks on every read and the URLs opened for the user.
 */
export async function makeHost(
  store: GrantStore = new MemoryGrantStore(),
  options: Partial<Omit<InMemoryHostOptions, 'logger'>> = {},
) {
  let clock = 1_000;
  const opened: string[] = [];
  const services = inMemoryHost({
    logger: silentLogger,
    now: () => ++clock,
    openUrl: async (url) => void opened.push(url),
    ...options,
    stores: { grants: store, ...options.stores },
  });
  await services.load();
  return { ...services, store, opened };
}

/** A real in-page server (SDK Server) on fake page sources, attached to the host over a linked pair. */
export async function openTab(
  host: Host,
  tabId: number,
  origin: string,
  frameId = 0,
  /** Page actions as the content script's runner carries them out (a fake of the DOM work). */
  actions?: PageActionRunner,
) {
  const tools = new FakeTools();
  const page = new FakePage({ url: `${origin}/`, title: `Tab ${tabId}`, description: null, language: 'en' });
  const [hostSide, pageSide] = InMemoryTransport.createLinkedPair();
  // An embedded frame's server offers its tools only, as extension/content/page-server.ts builds it.
  const { connect } = createInPageServer(
    tools,
    frameId === 0 ? page : undefined,
    silentLogger,
    'test',
    frameId === 0 ? actions : undefined,
  );
  await connect(pageSide);
  await host.attachTab({ tabId, frameId, origin }, hostSide);
  return { tools, page, close: () => pageSide.close() };
}

export async function openAssistant(host: Host) {
  const [assistantSide, hostSide] = InMemoryTransport.createLinkedPair();
  await connectAssistant(host, hostSide, silentLogger, 'test');
  const notifications: string[] = [];
  const client = new Client({ name: 'unit-assistant', version: '1' }, { capabilities: {} });
  client.fallbackNotificationHandler = async (n) => {
    notifications.push(n.method);
  };
  await client.connect(assistantSide);
  return { client, notifications };
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** A remote server config as the options page would save it: enabled, all tools allowed. */
export const remoteConfig = (id: string, name: string, url: string): RemoteServerConfig => ({
  id,
  name,
  url,
  headers: {},
  enabled: true,
  allowAllTools: true,
  createdAt: 0,
});

/** Plays a user who answers every tool approval with `decision`, as soon as it is asked. */
export function answerEveryApproval(consent: Consent, decision: ApprovalDecision = 'allow-once'): () => void {
  return consent.queue.events.on('changed', () => {
    for (const view of consent.queue.pending()) {
      if (view.request.kind === 'tool') consent.queue.answer(view.id, { kind: 'tool', decision });
    }
  });
}

/**
 * Resolves with the first pending request (of `kind`) once one is in the queue. With `call`, fails if the
 * call ends first: then nothing was asked.
 */
export function nextPending(
  consent: Consent,
  kind?: ApprovalView['request']['kind'],
  call?: Promise<unknown>,
): Promise<ApprovalView> {
  const asked = new Promise<ApprovalView>((resolve) => {
    const find = () => consent.queue.pending().find((v) => !kind || v.request.kind === kind);
    const now = find();
    if (now) return resolve(now);
    const off = consent.queue.events.on('changed', () => {
      const view = find();
      if (view) {
        off();
        resolve(view);
      }
    });
  });
  if (!call) return asked;
  const ended = call.then(() => Promise.reject(new Error(`The call ended without a ${kind ?? 'request'}.`)));
  return Promise.race([asked, ended]);
}

/** A tool result's text blocks, joined. */
export const resultText = (result: unknown): string =>
  ((result as CallToolResult).content ?? []).map((c) => (c.type === 'text' ? c.text : '')).join('\n');
