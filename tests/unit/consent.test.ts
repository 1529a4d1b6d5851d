import type { CallToolResult } from '@modelcontextprotocol/client';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { type AuditLog, argsDigest } from '../../src/audit/audit-log';
import { decide, type ToolFacts } from '../../src/consent/approval-policy';
import type { Consent } from '../../src/consent/consent';
import { ConsentQueue } from '../../src/consent/consent-queue';
import type { Host } from '../../src/host/host';
import type { ApprovalView } from '../../src/messages/contract';
import type { ApprovalDecision } from '../../src/messages/decisions';
import type { PageToolDescriptor } from '../../src/messages/page-types';
import type { RemoteServerConfig } from '../../src/messages/server-config';
import type { Grants } from '../../src/permissions/grants';
import { DEFAULT_PREFERENCES } from '../../src/settings/preferences';
import { HostError } from '../../src/shared/errors';
import { silentLogger } from '../../src/shared/logger';
import {
  MemoryAuditStore,
  MemoryGrantStore,
  MemoryPreferenceStore,
  MemorySessionApprovalStore,
  MemoryStandingStore,
} from '../../src/storage/memory-stores';
import { makeHost, nextPending, openAssistant, openTab, remoteConfig, resultText, tick } from './helpers';
import { useEverything } from './use-everything';

const SHOP = 'https://shop.example';
/** The id the host gives the helpers' assistant Client ('unit-assistant'); it keys remembered decisions. */
const ASSISTANT = 'extension:unit-assistant';

interface Stores {
  standing: MemoryStandingStore;
  session: MemorySessionApprovalStore;
  audit: MemoryAuditStore;
  preferences: MemoryPreferenceStore;
}

const memoryStores = (): Stores => ({
  standing: new MemoryStandingStore(),
  session: new MemorySessionApprovalStore(),
  audit: new MemoryAuditStore(),
  preferences: new MemoryPreferenceStore(),
});

/**
 * A Host whose Consent is built on `stores`, as the worker builds it: building a second one on the same
 * stores is what a worker restart looks like. `approvalTimeoutSeconds` is written to the store directly,
 * below the 10 s minimum the options page enforces, so timeouts happen within a test.
 */
async function build(
  options: {
    stores?: Stores;
    grantStore?: MemoryGrantStore;
    approvalTimeoutSeconds?: number;
    fetch?: typeof fetch;
  } = {},
) {
  const stores = options.stores ?? memoryStores();
  if (options.approvalTimeoutSeconds !== undefined) {
    stores.preferences.value = {
      ...DEFAULT_PREFERENCES,
      ...stores.preferences.value,
      approvalTimeoutSeconds: options.approvalTimeoutSeconds,
    };
  }
  const services = await makeHost(options.grantStore ?? new MemoryGrantStore(), {
    stores,
    ...(options.fetch ? { remote: { fetch: options.fetch } } : {}),
  });
  return { ...services, stores };
}

/** A tab of SHOP with one granted tool, and an assistant connected to the host. */
async function siteWithTool(
  host: Host,
  grants: Grants,
  tool: string,
  annotations: PageToolDescriptor['annotations'] = {},
  tabId = 1,
) {
  const tab = await openTab(host, tabId, SHOP);
  tab.tools.add(tool, (input) => ({ done: tool, input }), { annotations });
  await grants.set(SHOP, { kind: 'tool', tool }, true);
  await tick(10);
  const { client } = await openAssistant(host);
  return { tab, client, name: `shop.example__${tool}` };
}

/** Every request that was ever put to the user, in order. */
function watchAsks(consent: Consent): ApprovalView[] {
  const seen: ApprovalView[] = [];
  consent.queue.events.on('changed', () => {
    for (const view of consent.queue.pending()) if (!seen.some((s) => s.id === view.id)) seen.push(view);
  });
  return seen;
}

/** Waits for the tool approval, answers it with `decision`, and returns what the assistant got. */
async function answerTool(consent: Consent, call: Promise<unknown>, decision: ApprovalDecision) {
  const view = await Promise.race([
    nextPending(consent, 'tool'),
    call.then(() => Promise.reject(new Error('The call finished without asking the user.'))),
  ]);
  expect(consent.queue.answer(view.id, { kind: 'tool', decision })).toBe(true);
  return (await call) as CallToolResult;
}

const calls = async (audit: AuditLog) => (await audit.all()).filter((e) => e.kind === 'call');

/**
 * A remote server in this process (2026-07-28, stateless), reached through a fake fetch: one tool with no
 * hints and one marked destructive. `ran` records which of them really ran.
 */
function toolServer() {
  const ran: string[] = [];
  const handler = createMcpHandler(() => {
    const server = new McpServer({ name: 'tools', version: '1' });
    server.registerTool('plain', { description: 'No hints at all' }, async () => {
      ran.push('plain');
      return { content: [{ type: 'text', text: 'plain ran' }] };
    });
    server.registerTool(
      'wipe',
      { description: 'Deletes things', annotations: { destructiveHint: true } },
      async () => {
        ran.push('wipe');
        return { content: [{ type: 'text', text: 'wiped' }] };
      },
    );
    return server;
  });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    handler.fetch(new Request(input, init))) as typeof globalThis.fetch;
  return { ran, fetch };
}

async function withToolServer(allowAllTools: boolean, trustedContent = true) {
  const server = toolServer();
  const built = await build({ fetch: server.fetch });
  const config: RemoteServerConfig = {
    ...remoteConfig('t', 'Tools', 'https://tools.invalid/mcp'),
    allowAllTools,
    // By default the policy alone: what it returns does not make the next calls ask again (taint.test.ts).
    trustedContent,
  };
  built.remotes.set([config]);
  await built.host.settled();
  expect(built.remotes.status().t?.state).toBe('connected');
  const { client } = await openAssistant(built.host);
  return { ...built, client, ran: server.ran };
}

describe('approval policy: decide()', () => {
  const site = (hints: Partial<ToolFacts> = {}): ToolFacts => ({
    kind: 'site',
    trustsAllTools: false,
    readOnly: false,
    risky: false,
    ...hints,
  });
  const server = (hints: Partial<ToolFacts> = {}): ToolFacts => ({ ...site(hints), kind: 'server' });
  const ALL = ['allow-once', 'allow-session', 'allow-always', 'deny'];
  const NO_SESSION = ['allow-once', 'allow-always', 'deny'];

  it.each([
    ['read-only site tool', site({ readOnly: true }), undefined, 'run', 'policy'],
    ['unannotated site tool', site(), undefined, ALL, undefined],
    ['unannotated site tool, session allowed', site(), 'allow-session', 'run', 'remembered'],
    ['consequential site tool', site({ risky: true }), undefined, NO_SESSION, undefined],
    ['consequential, session allowed', site({ risky: true }), 'allow-session', NO_SESSION, undefined],
    ['consequential, always allowed', site({ risky: true }), 'allow-always', 'run', 'remembered'],
    ['read-only and consequential', site({ readOnly: true, risky: true }), undefined, NO_SESSION, undefined],
    ['unannotated server tool', server(), undefined, ALL, undefined],
    ['read-only server tool, first use', server({ readOnly: true }), undefined, ALL, undefined],
    ['server tool, always allowed', server(), 'allow-always', 'run', 'remembered'],
    ['destructive server tool', server({ risky: true }), undefined, NO_SESSION, undefined],
    [
      'server trusted with all tools',
      server({ trustsAllTools: true, risky: true }),
      undefined,
      'run',
      'server-setting',
    ],
  ] as const)('%s', (_label, facts, standing, expected, decidedBy) => {
    const verdict = decide(facts, standing);
    if (expected === 'run') {
      expect(verdict).toMatchObject({ run: true, decidedBy });
    } else {
      expect(verdict.run).toBe(false);
      expect(verdict.run === false && verdict.choices).toEqual(expected);
    }
  });
});

describe('approval policy through the host', () => {
  it('runs a granted read-only site tool without asking', async () => {
    const { host, grants, consent, audit } = await build();
    const asks = watchAsks(consent);
    const { tab, client, name } = await siteWithTool(host, grants, 'search', { readOnlyHint: true });
    const result = await client.callTool({ name, arguments: { q: 'cord' } });
    expect(result.isError).toBeFalsy();
    expect(tab.tools.calls).toEqual([{ name: 'search', input: { q: 'cord' } }]);
    expect(asks).toEqual([]);
    expect(await calls(audit)).toMatchObject([{ decision: 'allow', decidedBy: 'policy', outcome: 'ok' }]);
  });

  it('asks before a consequential site tool, without offering "for this session"', async () => {
    const { host, grants, consent } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'buy', { consequentialHint: true });
    const call = client.callTool({ name, arguments: { item: 'lamp' } });
    const view = await nextPending(consent, 'tool');
    expect(tab.tools.calls).toEqual([]); // nothing runs while the user decides
    expect(view).toMatchObject({
      assistant: 'unit-assistant',
      source: { kind: 'site', label: SHOP },
      request: { kind: 'tool', tool: 'buy', choices: ['allow-once', 'allow-always', 'deny'] },
    });
    expect(view.request.kind === 'tool' && view.request.reason).toMatch(/consequential/);
    expect(view.request.kind === 'tool' && view.request.argumentsJson).toContain('lamp');
    expect(() => consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-session' })).toThrow(
      /not offered/,
    );
    expect(consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-once' })).toBe(true);
    expect((await call).isError).toBeFalsy();
    expect(tab.tools.calls).toEqual([{ name: 'buy', input: { item: 'lamp' } }]);
  });

  it('still asks for a consequential tool allowed for the session, but not once it is always allowed', async () => {
    const { host, grants, consent, audit } = await build();
    const asks = watchAsks(consent);
    const { tab, client, name } = await siteWithTool(host, grants, 'buy', { consequentialHint: true });
    await consent.standing.remember({
      assistant: ASSISTANT,
      source: SHOP,
      tool: 'buy',
      decision: 'allow-session',
      at: 1,
    });
    await answerTool(consent, client.callTool({ name, arguments: {} }), 'allow-always');
    expect(asks).toHaveLength(1);
    await client.callTool({ name, arguments: {} });
    expect(asks).toHaveLength(1);
    expect(tab.tools.calls).toHaveLength(2);
    expect((await calls(audit)).map((e) => e.decidedBy)).toEqual(['user', 'remembered']);
  });

  it('asks when a site tool is marked both read-only and consequential', async () => {
    const { host, grants, consent } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'odd', {
      readOnlyHint: true,
      consequentialHint: true,
    });
    const result = await answerTool(consent, client.callTool({ name, arguments: {} }), 'deny');
    expect(result.isError).toBe(true);
    expect(tab.tools.calls).toEqual([]);
  });

  it('asks on the first use of an unannotated server tool, every time for a destructive one', async () => {
    const { consent, client, ran } = await withToolServer(false);
    const names = (await client.listTools()).tools.map((t) => t.name);
    const plain = names.find((n) => n.endsWith('__plain'));
    const wipe = names.find((n) => n.endsWith('__wipe'));
    expect(plain && wipe).toBeTruthy();

    const call = client.callTool({ name: plain!, arguments: {} });
    const view = await nextPending(consent, 'tool');
    expect(view.source).toEqual({ kind: 'server', label: 'Tools' });
    expect(view.request).toMatchObject({ choices: ['allow-once', 'allow-session', 'allow-always', 'deny'] });
    expect(view.request.kind === 'tool' && view.request.reason).toMatch(/first use/);
    consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-session' });
    expect(resultText(await call)).toBe('plain ran');
    await client.callTool({ name: plain!, arguments: {} }); // remembered for the session: no ask
    expect(consent.queue.size).toBe(0);

    const wiped = client.callTool({ name: wipe!, arguments: {} });
    const risky = await nextPending(consent, 'tool');
    expect(risky.request).toMatchObject({ choices: ['allow-once', 'allow-always', 'deny'] });
    expect(risky.request.kind === 'tool' && risky.request.reason).toMatch(/destructive/);
    consent.queue.answer(risky.id, { kind: 'tool', decision: 'deny' });
    expect(resultText(await wiped)).toMatch(/denied/);
    expect(ran).toEqual(['plain', 'plain']);
  });

  it('counts what an untrusted server returns as untrusted: the next call asks again, even if always allowed', async () => {
    const { consent, client, ran } = await withToolServer(false, false);
    const plain = (await client.listTools()).tools.find((t) => t.name.endsWith('__plain'))!.name;
    expect(
      resultText(await answerTool(consent, client.callTool({ name: plain, arguments: {} }), 'allow-always')),
    ).toBe('plain ran');
    const again = client.callTool({ name: plain, arguments: {} });
    const view = await nextPending(consent, 'tool');
    expect(view.request).toMatchObject({ taintedBy: 'Tools', choices: ['allow-once', 'deny'] });
    consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-once' });
    expect(resultText(await again)).toBe('plain ran');
    expect(ran).toEqual(['plain', 'plain']);
  });

  it('keeps "Allow all tools without asking" for that server’s tools, tainted or not', async () => {
    const { consent, client, ran } = await withToolServer(true, false);
    const asks = watchAsks(consent);
    const wipe = (await client.listTools()).tools.find((t) => t.name.endsWith('__wipe'))!.name;
    await client.callTool({ name: wipe, arguments: {} });
    await client.callTool({ name: wipe, arguments: {} });
    expect(ran).toEqual(['wipe', 'wipe']);
    expect(asks).toEqual([]);
  });

  it('runs every tool of a server the user trusts with all tools, even a destructive one', async () => {
    const { consent, audit, client, ran } = await withToolServer(true);
    const asks = watchAsks(consent);
    const wipe = (await client.listTools()).tools.find((t) => t.name.endsWith('__wipe'))!.name;
    expect(resultText(await client.callTool({ name: wipe, arguments: {} }))).toBe('wiped');
    expect(ran).toEqual(['wipe']);
    expect(asks).toEqual([]);
    expect(await calls(audit)).toMatchObject([{ decidedBy: 'server-setting', outcome: 'ok' }]);
  });
});

describe('the user’s answer', () => {
  it('Deny: the assistant is told it was denied, and nothing ran in the page', async () => {
    const { host, grants, consent } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'post');
    const result = await answerTool(consent, client.callTool({ name, arguments: {} }), 'deny');
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/denied/);
    expect(resultText(result)).toMatch(/did not run/);
    expect(tab.tools.calls).toEqual([]);
  });

  it('Allow once: runs that call, and the next call asks again', async () => {
    const { host, grants, consent } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'post');
    const first = await answerTool(consent, client.callTool({ name, arguments: { n: 1 } }), 'allow-once');
    expect(JSON.parse(resultText(first))).toEqual({ done: 'post', input: { n: 1 } });
    expect(tab.tools.calls).toHaveLength(1);

    const second = client.callTool({ name, arguments: { n: 2 } });
    await nextPending(consent, 'tool');
    expect(tab.tools.calls).toHaveLength(1);
    await answerTool(consent, second, 'allow-once');
    expect(tab.tools.calls).toHaveLength(2);
    expect(consent.standing.list()).toEqual([]);
  });

  it('Always allow: no more asking, even after the worker restarts', async () => {
    const stores = memoryStores();
    const grantStore = new MemoryGrantStore();
    const first = await build({ stores, grantStore });
    const asks = watchAsks(first.consent);
    const site = await siteWithTool(first.host, first.grants, 'post');
    await answerTool(first.consent, site.client.callTool({ name: site.name, arguments: {} }), 'allow-always');
    await site.client.callTool({ name: site.name, arguments: {} });
    expect(asks).toHaveLength(1);
    expect(site.tab.tools.calls).toHaveLength(2);
    expect([...stores.standing.rows.values()]).toMatchObject([
      { assistant: ASSISTANT, source: SHOP, tool: 'post', decision: 'allow-always' },
    ]);

    // A new worker: everything rebuilt from the same stores, the page reconnects.
    const second = await build({ stores, grantStore });
    const secondAsks = watchAsks(second.consent);
    const tab = await openTab(second.host, 1, SHOP);
    tab.tools.add('post', () => ({ ok: true }));
    await tick(10);
    const { client } = await openAssistant(second.host);
    const result = await client.callTool({ name: site.name, arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(tab.tools.calls).toHaveLength(1);
    expect(secondAsks).toEqual([]);
    expect((await calls(second.audit)).at(-1)).toMatchObject({
      decision: 'allow-always',
      decidedBy: 'remembered',
    });
  });

  it('Allow for this session: kept in the session store only, so it outlives the worker but not the browser', async () => {
    const stores = memoryStores();
    const grantStore = new MemoryGrantStore();
    const first = await build({ stores, grantStore });
    const site = await siteWithTool(first.host, first.grants, 'post');
    await answerTool(
      first.consent,
      site.client.callTool({ name: site.name, arguments: {} }),
      'allow-session',
    );
    expect(stores.session.rows).toMatchObject([
      { assistant: ASSISTANT, tool: 'post', decision: 'allow-session' },
    ]);
    expect(stores.standing.rows.size).toBe(0);

    const restarted = await build({ stores, grantStore });
    const asks = watchAsks(restarted.consent);
    const tab = await openTab(restarted.host, 1, SHOP);
    tab.tools.add('post', () => ({ ok: true }));
    await tick(10);
    const { client } = await openAssistant(restarted.host);
    expect((await client.callTool({ name: site.name, arguments: {} })).isError).toBeFalsy();
    expect(tab.tools.calls).toHaveLength(1);
    expect(asks).toEqual([]);

    // A new browser session: the session store starts empty, so it asks again.
    const nextSession = await build({
      stores: { ...stores, session: new MemorySessionApprovalStore() },
      grantStore,
    });
    const again = await openTab(nextSession.host, 1, SHOP);
    again.tools.add('post', () => ({ ok: true }));
    await tick(10);
    const assistant = await openAssistant(nextSession.host);
    const call = assistant.client.callTool({ name: site.name, arguments: {} });
    await nextPending(nextSession.consent, 'tool');
    expect(again.tools.calls).toEqual([]);
    await answerTool(nextSession.consent, call, 'deny');
  });
});

describe('timeouts, cancellation and revocation while waiting', () => {
  it('fails with a clear error when nobody answers in time, and nothing runs', async () => {
    const { host, grants, consent, audit } = await build({ approvalTimeoutSeconds: 0.05 });
    const { tab, client, name } = await siteWithTool(host, grants, 'post');
    const result = await client.callTool({ name, arguments: {} });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/Nobody answered the approval.*nothing ran/);
    expect(tab.tools.calls).toEqual([]);
    expect(consent.queue.size).toBe(0);
    expect(await calls(audit)).toMatchObject([{ decidedBy: 'timeout', outcome: 'timeout' }]);
  });

  it('times a queued request out on its own and drops it from the queue', async () => {
    const queue = new ConsentQueue({ timeoutMs: () => 50, logger: silentLogger, now: () => 1000 });
    const asked = queue.ask(
      { source: { kind: 'site', label: SHOP } },
      { kind: 'elicitation-form', message: 'Name?', requestedSchema: {} },
    );
    expect(queue.pending()).toMatchObject([{ createdAt: 1000, expiresAt: 1050 }]);
    await expect(asked).rejects.toMatchObject({ code: 'approval-timeout', message: /Nobody answered/ });
    expect(queue.size).toBe(0);
  });

  it('drops the request when the assistant cancels the call while the user is deciding', async () => {
    const { host, grants, consent, audit } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'post');
    const controller = new AbortController();
    const call = client.callTool({ name, arguments: {} }, { signal: controller.signal });
    const view = await nextPending(consent, 'tool');
    controller.abort('assistant gave up');
    await expect(call).rejects.toThrow();
    await expect.poll(() => consent.queue.size).toBe(0);
    // The approval window's late answer finds nothing to answer.
    expect(consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-once' })).toBe(false);
    await tick(10);
    expect(tab.tools.calls).toEqual([]);
    expect(await calls(audit)).toMatchObject([{ outcome: 'cancelled' }]);
  });

  it('refuses to queue a request whose asker has already given up', async () => {
    const queue = new ConsentQueue({ timeoutMs: () => 10_000, logger: silentLogger });
    const asked = queue.ask(
      { source: { kind: 'site', label: SHOP } },
      { kind: 'elicitation-url', message: 'Sign in', url: 'https://example.com/', host: 'example.com' },
      AbortSignal.abort(),
    );
    await expect(asked).rejects.toMatchObject({ code: 'cancelled' });
    expect(queue.size).toBe(0);
  });

  it('does not run a call whose grant was revoked while the approval was pending, even after "Allow once"', async () => {
    const { host, grants, consent, audit } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'post');
    const call = client.callTool({ name, arguments: {} });
    const view = await nextPending(consent, 'tool');
    await grants.set(SHOP, { kind: 'tool', tool: 'post' }, false);
    consent.queue.answer(view.id, { kind: 'tool', decision: 'allow-once' });
    await expect(call).rejects.toThrow(/not granted/);
    expect(tab.tools.calls).toEqual([]);
    // The log must not leave "allowed once" looking like the call ran.
    expect(await calls(audit)).toMatchObject([
      {
        decision: 'allow-once',
        decidedBy: 'user',
        outcome: 'error',
        detail: expect.stringMatching(/not granted/),
      },
    ]);
  });
});

describe('the consent queue', () => {
  const site = { source: { kind: 'site' as const, label: SHOP } };
  const toolRequest = (tool: string) => ({
    kind: 'tool' as const,
    tool,
    description: '',
    annotations: {},
    argumentsJson: '{}',
    choices: ['allow-once', 'deny'] as ApprovalDecision[],
    reason: 'test',
  });

  it('lists pending requests oldest first and checks every answer', async () => {
    let clock = 100;
    const queue = new ConsentQueue({ timeoutMs: () => 10_000, logger: silentLogger, now: () => clock++ });
    let changes = 0;
    queue.events.on('changed', () => changes++);
    const first = queue.ask(site, toolRequest('first'));
    const second = queue.ask(site, toolRequest('second'));
    const [a, b] = queue.pending();
    expect([a?.request, b?.request]).toMatchObject([{ tool: 'first' }, { tool: 'second' }]);
    expect(a!.createdAt).toBeLessThan(b!.createdAt);
    expect(a!.id).not.toBe(b!.id);
    expect(changes).toBe(2);

    expect(() => queue.answer(a!.id, { kind: 'elicitation', action: 'accept' })).toThrow(/does not fit/);
    expect(() => queue.answer(a!.id, { kind: 'tool', decision: 'allow-always' })).toThrow(/not offered/);
    expect(queue.answer('c999-nope', { kind: 'tool', decision: 'deny' })).toBe(false);
    expect(queue.size).toBe(2); // a refused answer leaves the request waiting

    expect(queue.answer(b!.id, { kind: 'tool', decision: 'deny' })).toBe(true);
    await expect(second).resolves.toEqual({ kind: 'tool', decision: 'deny' });
    expect(queue.answer(b!.id, { kind: 'tool', decision: 'deny' })).toBe(false); // already settled
    expect(queue.pending().map((v) => v.id)).toEqual([a!.id]);

    queue.withdraw((v) => v.id === a!.id);
    await expect(first).rejects.toBeInstanceOf(HostError);
    expect(queue.size).toBe(0);
  });
});

describe('the audit log', () => {
  it('records deny, allow once, always and timeout in order, with digests and never the arguments', async () => {
    const { host, grants, consent, stores, audit, preferences } = await build();
    const { tab, client, name } = await siteWithTool(host, grants, 'post');
    const SECRET = 'correct-horse-battery-staple-7731';
    const args = { note: SECRET, n: 1 };
    await answerTool(consent, client.callTool({ name, arguments: args }), 'deny');
    await answerTool(consent, client.callTool({ name, arguments: args }), 'allow-once');
    await answerTool(consent, client.callTool({ name, arguments: args }), 'allow-always');
    // Another tool (the first is now always allowed), and nobody answers it.
    tab.tools.add('other', () => ({ ok: true }));
    await grants.set(SHOP, { kind: 'tool', tool: 'other' }, true);
    await tick(10);
    stores.preferences.value = { ...DEFAULT_PREFERENCES, approvalTimeoutSeconds: 0.05 };
    await preferences.load();
    const late = await client.callTool({ name: 'shop.example__other', arguments: args });
    expect(late.isError).toBe(true);
    expect(tab.tools.calls).toHaveLength(2);

    const entries = await audit.all();
    expect(entries.map((e) => [e.kind, e.tool, e.decision, e.decidedBy, e.outcome])).toEqual([
      ['approval', 'post', 'deny', 'user', undefined],
      ['call', 'post', 'deny', 'user', 'denied'],
      ['approval', 'post', 'allow-once', 'user', undefined],
      ['call', 'post', 'allow-once', 'user', 'ok'],
      ['approval', 'post', 'allow-always', 'user', undefined],
      ['call', 'post', 'allow-always', 'user', 'ok'],
      ['approval', 'other', undefined, 'timeout', 'timeout'],
      ['call', 'other', undefined, 'timeout', 'timeout'],
    ]);
    const digest = await argsDigest(args);
    for (const entry of entries.filter((e) => e.kind === 'call')) {
      expect(entry).toMatchObject({ assistant: 'unit-assistant', source: SHOP, argsDigest: digest });
    }
    expect(digest).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(JSON.stringify(entries)).not.toContain(SECRET);
    expect(JSON.stringify(entries)).not.toContain('"note"');
  });
});

describe('server requests (server-everything over Streamable HTTP)', () => {
  const everything = useEverything();

  async function connect(prepare?: (built: Awaited<ReturnType<typeof build>>) => Promise<void>) {
    const built = await build();
    await prepare?.(built);
    built.remotes.set([remoteConfig('ev', 'ev', everything.url)]);
    await built.host.settled();
    const { client } = await openAssistant(built.host);
    return { ...built, client, stop: () => built.remotes.remove('ev') };
  }

  it('declares elicitation and roots, so the server offers the tools that use them', async () => {
    const { client, stop } = await connect();
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'ev_srv__trigger-elicitation-request',
        'ev_srv__trigger-url-elicitation',
        'ev_srv__get-roots-list',
      ]),
    );
    await stop();
  });

  it('shows a form elicitation to the user and returns what they submitted, or their refusal', async () => {
    const { consent, client, stop, audit } = await connect();
    const call = client.callTool({ name: 'ev_srv__trigger-elicitation-request', arguments: {} });
    const form = await nextPending(consent, 'elicitation-form');
    expect(form.source).toEqual({ kind: 'server', label: 'ev' });
    expect(form.request).toMatchObject({
      message: expect.stringMatching(/provide inputs/),
      requestedSchema: { required: ['name'], properties: { email: { format: 'email' } } },
    });
    consent.queue.answer(form.id, {
      kind: 'elicitation',
      action: 'accept',
      content: { name: 'Ada Lovelace', check: true, email: 'ada@example.com', integer: 7 },
    });
    const accepted = resultText(await call);
    expect(accepted).toContain('- Name: Ada Lovelace');
    expect(accepted).toContain('- Agreed to terms: true');
    expect(accepted).toContain('- Email: ada@example.com');
    expect(accepted).toContain('- Favorite Integer: 7');

    const again = client.callTool({ name: 'ev_srv__trigger-elicitation-request', arguments: {} });
    const second = await nextPending(consent, 'elicitation-form');
    consent.queue.answer(second.id, { kind: 'elicitation', action: 'decline' });
    expect(resultText(await again)).toMatch(/User declined/);

    const entries = (await audit.all()).filter((e) => e.kind === 'elicitation');
    expect(entries.map((e) => [e.source, e.decision, e.outcome])).toEqual([
      ['ev', 'accept', 'ok'],
      ['ev', 'decline', 'decline'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('Ada Lovelace');
    await stop();
  });

  it('opens a URL elicitation’s page only when the user accepts', async () => {
    const { consent, client, opened, stop } = await connect();
    const url = 'https://example.com/x';
    const declined = client.callTool({ name: 'ev_srv__trigger-url-elicitation', arguments: { url } });
    const first = await nextPending(consent, 'elicitation-url');
    expect(first.request).toMatchObject({ url, host: 'example.com' });
    consent.queue.answer(first.id, { kind: 'elicitation', action: 'decline' });
    expect(resultText(await declined)).toMatch(/declined to open the URL/);
    expect(opened).toEqual([]);

    const accepted = client.callTool({ name: 'ev_srv__trigger-url-elicitation', arguments: { url } });
    const second = await nextPending(consent, 'elicitation-url');
    consent.queue.answer(second.id, { kind: 'elicitation', action: 'accept' });
    expect(resultText(await accepted)).toMatch(/completed the URL elicitation/);
    expect(opened).toEqual([url]);
    await stop();
  });

  it('handles a -32042 error: asks the user about the host, then tells the assistant what happened', async () => {
    const { consent, client, opened, stop } = await connect();
    let settled = false;
    const call = client
      .callTool({
        name: 'ev_srv__trigger-url-elicitation',
        arguments: { url: `https://example.com/${crypto.randomUUID()}`, errorPath: true },
      })
      .finally(() => {
        settled = true;
      });
    const view = await nextPending(consent, 'elicitation-url');
    expect(view.request).toMatchObject({ host: 'modelcontextprotocol.io' });
    await tick(50);
    expect(settled).toBe(false); // the assistant waits for the user
    consent.queue.answer(view.id, { kind: 'elicitation', action: 'accept' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/agreed to open modelcontextprotocol\.io.*Retry/);
    expect(opened).toEqual(['https://modelcontextprotocol.io']);
    await stop();
  });

  it('tells the assistant not to retry when the user declines the -32042 step', async () => {
    const { consent, client, opened, stop } = await connect();
    const call = client.callTool({
      name: 'ev_srv__trigger-url-elicitation',
      arguments: { url: `https://example.com/${crypto.randomUUID()}`, errorPath: true },
    });
    const view = await nextPending(consent, 'elicitation-url');
    consent.queue.answer(view.id, { kind: 'elicitation', action: 'decline' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/modelcontextprotocol\.io.*declined\. Do not retry/);
    expect(opened).toEqual([]);
    await stop();
  });

  it('gives the server the roots from preferences, and tells it when they change', async () => {
    const { client, stop, preferences } = await connect((c) =>
      c.preferences.save({
        ...c.preferences.current,
        roots: [{ uri: 'file:///home/me/project', name: 'Project' }],
      }),
    );
    const listed = resultText(await client.callTool({ name: 'ev_srv__get-roots-list', arguments: {} }));
    expect(listed).toContain('Project');
    expect(listed).toContain('URI: file:///home/me/project');

    await preferences.save({
      ...preferences.current,
      roots: [{ uri: 'file:///srv/other', name: 'Other' }],
    });
    await expect
      .poll(async () => resultText(await client.callTool({ name: 'ev_srv__get-roots-list', arguments: {} })))
      .toContain('URI: file:///srv/other');
    await stop();
  });
});
