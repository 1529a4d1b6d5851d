import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { connectAssistant } from '../../src/host/assistant-endpoint';
import { DesktopAssistants } from '../../src/host/desktop-assistants';
import { BUILT_IN_ASSISTANT, BUILT_IN_ASSISTANT_ID } from '../../src/messages/names';
import { silentLogger } from '../../src/shared/logger';
import { MemoryDesktopAssistantStore } from '../../src/storage/memory-stores';
import { answerEveryApproval, makeHost, openAssistant, openTab, tick } from './helpers';

const SITE = 'https://shop.example';
const TOOL = 'shop.example__search';

/** The host with a granted read-only site tool, and the desktop side of it. */
async function setup() {
  const services = await makeHost();
  const tab = await openTab(services.host, 1, SITE);
  tab.tools.add('search', ({ q }) => `Found 3 results for ${String(q)}.`, {
    annotations: { readOnlyHint: true },
    inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
  });
  await tick(10);
  await services.grants.set(SITE, { kind: 'tool', tool: 'search' }, true);
  const store = new MemoryDesktopAssistantStore();
  const desktop = new DesktopAssistants({
    host: services.host,
    queue: services.consent.queue,
    store,
    logger: silentLogger,
    version: 'test',
    connect: connectAssistant,
  });
  await desktop.load();
  return { ...services, desktop, store };
}

/** One relay's session, as the bridge link would hand it over, and the assistant (an SDK Client) on it. */
async function connectDesktop(desktop: DesktopAssistants, name: string, program = 'claude') {
  const [assistantSide, hostSide] = InMemoryTransport.createLinkedPair();
  const closed: string[] = [];
  await desktop.serve({
    id: `${name}-session`,
    program,
    transport: hostSide,
    close: (reason) => {
      closed.push(reason);
      void hostSide.close();
    },
  });
  const changes: string[] = [];
  const client = new Client({ name, version: '1' }, { capabilities: {} });
  client.fallbackNotificationHandler = async (n) => void changes.push(n.method);
  await client.connect(assistantSide);
  return { client, changes, closed };
}

/** Answers the pending connection question for `name`. */
async function answerConnection(
  consent: Awaited<ReturnType<typeof setup>>['consent'],
  name: string,
  decision: 'allow' | 'deny',
) {
  for (let i = 0; i < 50; i++) {
    const view = consent.queue.pending().find((p) => p.request.kind === 'connection');
    if (view?.request.kind === 'connection') {
      expect(view.request.name).toBe(name);
      consent.queue.answer(view.id, { kind: 'connection', decision });
      await tick(5);
      return view;
    }
    await tick(5);
  }
  throw new Error(`No connection question for ${name}`);
}

describe('desktop assistants', () => {
  it('see nothing until the user allows them, and are told why', async () => {
    const { desktop, consent } = await setup();
    const { client, changes } = await connectDesktop(desktop, 'claude-code');
    expect((await client.listTools()).tools).toEqual([]);
    expect((await client.listResources()).resources).toEqual([]);
    const early = await client.callTool({ name: TOOL, arguments: { q: 'lamp' } });
    expect(early.isError).toBe(true);
    expect(JSON.stringify(early.content)).toMatch(/waiting for the user to allow this assistant/);

    const asked = await answerConnection(consent, 'claude-code', 'allow');
    expect(asked.request).toMatchObject({ kind: 'connection', program: 'claude' });
    expect(changes).toContain('notifications/tools/list_changed');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual([TOOL]);
    const result = await client.callTool({ name: TOOL, arguments: { q: 'lamp' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Found 3 results for lamp.' }]);
    expect(desktop.views()).toMatchObject([
      { name: 'claude-code', program: 'claude', decision: 'allow', connected: 1 },
    ]);
  });

  it('ask once for sessions that wait together, and keep an answer given after the asking session left', async () => {
    const { desktop, consent } = await setup();
    // An assistant's health check connects and leaves before the user answers; the real session follows.
    const check = await connectDesktop(desktop, 'Claude Code');
    await tick(10);
    const real = await connectDesktop(desktop, 'Claude Code');
    await tick(10);
    expect(consent.queue.pending().filter((p) => p.request.kind === 'connection')).toHaveLength(1);
    await check.client.close();
    await tick(10);
    await answerConnection(consent, 'Claude Code', 'allow');
    expect((await real.client.listTools()).tools).toHaveLength(1);
    expect(desktop.views()[0]?.decision).toBe('allow');
    // And the next session is let straight in.
    const next = await connectDesktop(desktop, 'Claude Code');
    await tick(10);
    expect(consent.queue.pending()).toEqual([]);
    expect((await next.client.listTools()).tools).toHaveLength(1);
  });

  it('let an allowed assistant see its tools in the first list after initialize, however slow the store', async () => {
    const { desktop, consent, store } = await setup();
    const first = await connectDesktop(desktop, 'Claude Code');
    await answerConnection(consent, 'Claude Code', 'allow');
    await first.client.close();
    // Writing "last seen" takes a while; the assistant lists at once (Claude Code's -p mode does).
    const put = store.put.bind(store);
    store.put = async (record) => {
      await tick(50);
      await put(record);
    };
    const { client } = await connectDesktop(desktop, 'Claude Code');
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual([TOOL]);
  });

  it('remember the answer: an allowed assistant is not asked again, a denied one stays out', async () => {
    const { desktop, consent } = await setup();
    const first = await connectDesktop(desktop, 'cursor');
    await answerConnection(consent, 'cursor', 'deny');
    expect((await first.client.listTools()).tools).toEqual([]);
    const refused = await first.client.callTool({ name: TOOL, arguments: {} });
    expect(JSON.stringify(refused.content)).toMatch(/did not allow cursor to use Switchboard/);

    // The same assistant again (a new session): no question, still out.
    const again = await connectDesktop(desktop, 'cursor');
    await tick(20);
    expect(consent.queue.pending()).toEqual([]);
    expect((await again.client.listTools()).tools).toEqual([]);

    // Another program calling itself the same is another assistant: asked on its own.
    const other = await connectDesktop(desktop, 'cursor', 'Cursor Helper');
    await answerConnection(consent, 'cursor', 'allow');
    expect((await other.client.listTools()).tools).toHaveLength(1);
    expect((await again.client.listTools()).tools).toEqual([]);
  });

  it('Disconnect revokes at once and ends the sessions; Allow lets it back; Forget asks again', async () => {
    const { desktop, consent, store } = await setup();
    const { client, closed } = await connectDesktop(desktop, 'vscode');
    await answerConnection(consent, 'vscode', 'allow');
    const id = desktop.views()[0]!.id;

    await desktop.disconnect(id);
    expect(closed).toEqual(['Disconnected in Switchboard’s settings.']);
    expect(store.rows.get(id)?.decision).toBe('deny');
    const back = await connectDesktop(desktop, 'vscode');
    await tick(20);
    expect(consent.queue.pending()).toEqual([]); // a revoked assistant is not asked again
    expect((await back.client.listTools()).tools).toEqual([]);

    await desktop.allow(id);
    expect((await back.client.listTools()).tools).toHaveLength(1);

    await desktop.forget(id);
    expect(store.rows.has(id)).toBe(false);
    expect(desktop.views()).toEqual([]);
    const fresh = await connectDesktop(desktop, 'vscode');
    await answerConnection(consent, 'vscode', 'allow'); // asked again
    expect((await fresh.client.listTools()).tools).toHaveLength(1);
    await expect(client.listTools()).rejects.toThrow(); // the first session ended with Disconnect
  });

  it('meet the same approvals as the side panel, each its own', async () => {
    const { desktop, consent, host, grants } = await setup();
    const tab = await openTab(host, 2, 'https://mail.example');
    tab.tools.add('send', () => 'Sent.', { annotations: { readOnlyHint: false } });
    await tick(10);
    await grants.set('https://mail.example', { kind: 'tool', tool: 'send' }, true);
    const a = await connectDesktop(desktop, 'claude-code');
    await answerConnection(consent, 'claude-code', 'allow');
    const b = await connectDesktop(desktop, 'cursor');
    await answerConnection(consent, 'cursor', 'allow');

    // A's "Always allow" is A's alone: B is asked.
    const stop = consent.queue.events.on('changed', () => {
      for (const view of consent.queue.pending()) {
        if (view.request.kind === 'tool' && view.assistant === 'claude-code')
          consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-always' });
      }
    });
    expect((await a.client.callTool({ name: 'mail.example__send', arguments: {} })).isError).toBeFalsy();
    stop();
    const bCall = b.client.callTool({ name: 'mail.example__send', arguments: {} });
    await expect.poll(() => consent.queue.pending().map((p) => p.assistant)).toEqual(['cursor']);
    const pending = consent.queue.pending()[0]!;
    consent.queue.answer(pending.id, { kind: 'tool', decision: 'deny' });
    const denied = await bCall;
    expect(denied.isError).toBe(true);
    expect(JSON.stringify(denied.content)).toMatch(/The user denied the call/);
    // A again: no question.
    expect((await a.client.callTool({ name: 'mail.example__send', arguments: {} })).isError).toBeFalsy();
  });
});

describe('grants limited to chosen assistants', () => {
  it('hide the site from the others, refuse their calls and reads, and tell each assistant', async () => {
    const { desktop, consent, grants, host } = await setup();
    await grants.set(SITE, { kind: 'page' }, true);
    const panel = await openAssistant(host); // the built-in assistant's id comes from its clientInfo name
    const desktopOne = await connectDesktop(desktop, 'claude-code');
    await answerConnection(consent, 'claude-code', 'allow');
    const stop = answerEveryApproval(consent);
    const desktopId = desktop.views()[0]!.id;
    expect((await panel.client.listTools()).tools).toHaveLength(1);
    const pageUri = (await panel.client.listResources()).resources[0]!.uri;

    await grants.setAssistants(SITE, [desktopId]);
    await tick(5);
    expect(panel.notifications).toContain('notifications/tools/list_changed');
    expect((await panel.client.listTools()).tools).toEqual([]);
    expect((await panel.client.listResources()).resources).toEqual([]);
    await expect(panel.client.callTool({ name: TOOL, arguments: { q: 'x' } })).rejects.toThrow(/not granted/);
    await expect(panel.client.readResource({ uri: pageUri })).rejects.toThrow(/Unknown resource/);
    // The chosen one keeps it all.
    expect((await desktopOne.client.listTools()).tools).toHaveLength(1);
    expect((await desktopOne.client.readResource({ uri: pageUri })).contents.length).toBeGreaterThan(0);
    expect(grants.assistantsOf(SITE)).toEqual([desktopId]);

    // Back to all assistants.
    await grants.setAssistants(SITE, undefined);
    expect((await panel.client.listTools()).tools).toHaveLength(1);
    expect(grants.assistantsOf(SITE)).toBeUndefined();
    stop();
  });

  it('persist, and survive a settings export and import', async () => {
    const { grants, settings } = await setup();
    await grants.setAssistants(SITE, [BUILT_IN_ASSISTANT_ID]);
    const exported = await settings.exportSettings();
    expect(exported).toContain('"assistants"');
    await grants.setAssistants(SITE, undefined);
    await settings.importSettings(exported);
    expect(grants.assistantsOf(SITE)).toEqual([BUILT_IN_ASSISTANT_ID]);
    expect(BUILT_IN_ASSISTANT.name).toBe('switchboard-assistant');
  });
});
