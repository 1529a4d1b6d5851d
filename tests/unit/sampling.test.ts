import type { CreateMessageRequest } from '@modelcontextprotocol/client';
import { ProtocolError } from '@modelcontextprotocol/client';
import { JSDOM } from 'jsdom';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { clientCapabilities } from '../../src/consent/client-capabilities';
import {
  type SamplingProvider,
  type SamplingResult,
  sample,
  USER_REJECTED,
} from '../../src/consent/sampling';
import type { ApprovalAnswer, ApprovalView } from '../../src/messages/contract';
import { DEFAULT_PREFERENCES } from '../../src/settings/preferences';
import { MemoryPreferenceStore } from '../../src/storage/memory-stores';
import { ApprovalPage } from '../../src/ui/approval-view';
import { makeHost, nextPending, openAssistant, remoteConfig, resultText } from './helpers';
import { useEverything } from './use-everything';

type Params = CreateMessageRequest['params'];

/** A model that records exactly what it was given and answers with `reply`. */
class FakeProvider implements SamplingProvider {
  readonly label = 'Fake provider';
  readonly calls: Params[] = [];
  constructor(
    readonly supportsTools = false,
    private readonly reply: (params: Params) => SamplingResult = () => ({
      model: 'fake-model-1',
      role: 'assistant',
      content: { type: 'text', text: 'Bonjour from the fake model' },
    }),
  ) {}
  async createMessage(params: Params): Promise<SamplingResult> {
    this.calls.push(structuredClone(params));
    return this.reply(params);
  }
}

/** The worker's services with an optional provider; `timeoutSeconds` goes below the UI's minimum. */
async function makeConsent(provider?: SamplingProvider, timeoutSeconds?: number) {
  const preferences = new MemoryPreferenceStore();
  if (timeoutSeconds) preferences.value = { ...DEFAULT_PREFERENCES, approvalTimeoutSeconds: timeoutSeconds };
  return makeHost(undefined, { stores: { preferences }, ...(provider ? { sampling: provider } : {}) });
}

describe('sampling through server-everything (Streamable HTTP)', () => {
  const everything = useEverything();

  async function connect(provider?: SamplingProvider, timeoutSeconds?: number) {
    const { host, consent, audit, remotes } = await makeConsent(provider, timeoutSeconds);
    remotes.set([remoteConfig('ev', 'ev', everything.url)]);
    await host.settled();
    const { client } = await openAssistant(host);
    const trigger = (prompt: string) =>
      client.callTool({ name: 'ev_srv__trigger-sampling-request', arguments: { prompt, maxTokens: 50 } });
    return { consent, audit, client, trigger, stop: () => remotes.remove('ev') };
  }

  it('declares no sampling without a provider, so the server offers no sampling tool', async () => {
    const { client, stop } = await connect();
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('ev_srv__trigger-elicitation-request');
    expect(names).not.toContain('ev_srv__trigger-sampling-request');
    await stop();
  });

  it('sends the user’s edited request, and only that, to the model; the server gets the approved answer', async () => {
    const provider = new FakeProvider();
    const { consent, audit, client, trigger, stop } = await connect(provider);
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('ev_srv__trigger-sampling-request');

    const call = trigger('Say hello');
    const asked = await nextPending(consent, 'sampling-request', call);
    expect(asked.source).toEqual({ kind: 'server', label: 'ev' });
    expect(asked.request).toEqual({
      kind: 'sampling-request',
      systemPrompt: 'You are a helpful test server.',
      messages: [
        { role: 'user', text: 'Resource trigger-sampling-request context: Say hello', editable: true },
      ],
      maxTokens: 50,
      tools: [],
    });
    expect(provider.calls).toEqual([]); // nothing reaches the model before the user approves

    consent.queue.answer(asked.id, {
      kind: 'sampling',
      action: 'approve',
      systemPrompt: 'Answer in French.',
      messages: [{ role: 'user', text: 'Say hello, edited' }],
    });
    const response = await nextPending(consent, 'sampling-response', call);
    expect(response.request).toEqual({
      kind: 'sampling-response',
      model: 'fake-model-1',
      text: 'Bonjour from the fake model',
    });
    // Exactly the server's request with the user's edits: no conversation, no tools, no other context.
    expect(provider.calls).toEqual([
      {
        messages: [{ role: 'user', content: { type: 'text', text: 'Say hello, edited' } }],
        systemPrompt: 'Answer in French.',
        maxTokens: 50,
        temperature: 0.7,
      },
    ]);

    consent.queue.answer(response.id, { kind: 'sampling', action: 'approve' });
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toContain('Bonjour from the fake model');
    expect(resultText(result)).toContain('fake-model-1');

    const entries = (await audit.all()).filter((e) => e.kind === 'sampling');
    expect(entries.map((e) => [e.source, e.decision, e.decidedBy, e.outcome])).toEqual([
      ['ev', 'approve', 'user', 'ok'],
      ['ev', undefined, undefined, 'ok'],
      ['ev', 'approve', 'user', 'ok'],
    ]);
    expect(entries.every((e) => typeof e.durationMs === 'number')).toBe(true);
    const logged = JSON.stringify(entries);
    for (const secret of ['Say hello', 'French', 'Bonjour']) expect(logged).not.toContain(secret);
    await stop();
  });

  it('never calls the model when the user denies the request, and tells the server', async () => {
    const provider = new FakeProvider();
    const { consent, audit, trigger, stop } = await connect(provider);
    const call = trigger('Say hello');
    const asked = await nextPending(consent, 'sampling-request', call);
    consent.queue.answer(asked.id, { kind: 'sampling', action: 'deny' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/declined the sampling request/);
    expect(provider.calls).toEqual([]);
    const entries = (await audit.all()).filter((e) => e.kind === 'sampling');
    expect(entries.map((e) => [e.decision, e.outcome])).toEqual([['deny', 'denied']]);
    await stop();
  });

  it('keeps the model’s answer from the server when the user denies the response', async () => {
    const provider = new FakeProvider();
    const { consent, trigger, stop } = await connect(provider);
    const call = trigger('Say hello');
    const asked = await nextPending(consent, 'sampling-request', call);
    consent.queue.answer(asked.id, { kind: 'sampling', action: 'approve' });
    const response = await nextPending(consent, 'sampling-response', call);
    consent.queue.answer(response.id, { kind: 'sampling', action: 'deny' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/declined the sampling request/);
    expect(resultText(result)).not.toContain('Bonjour');
    expect(provider.calls).toHaveLength(1);
    await stop();
  });

  it('answers the server with an error when nobody answers in time', async () => {
    const provider = new FakeProvider();
    const { consent, audit, trigger, stop } = await connect(provider, 1);
    const call = trigger('Say hello');
    await nextPending(consent, 'sampling-request', call);
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/did not approve the sampling request: Nobody answered/);
    expect(consent.queue.size).toBe(0);
    expect(provider.calls).toEqual([]);
    const entries = (await audit.all()).filter((e) => e.kind === 'sampling');
    expect(entries.map((e) => [e.decidedBy, e.outcome])).toEqual([['timeout', 'timeout']]);
    await stop();
  });
});

describe('sampling with tools', () => {
  const weather = { name: 'get_weather', inputSchema: { type: 'object' as const } };
  const params: Params = {
    messages: [
      { role: 'user', content: { type: 'text', text: 'What is the weather in Paris?' } },
      { role: 'user', content: [{ type: 'image', data: 'aGk=', mimeType: 'image/png' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Lyon' } }],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', toolUseId: 't1', content: [{ type: 'text', text: 'Rain' }] }],
      },
    ],
    maxTokens: 200,
    tools: [weather, { name: 'get_time', inputSchema: { type: 'object' } }],
    toolChoice: { mode: 'required' },
    includeContext: 'allServers',
  };
  const toolUse: SamplingResult = {
    model: 'fake-model-2',
    role: 'assistant',
    stopReason: 'toolUse',
    content: [{ type: 'tool_use', id: 't2', name: 'get_weather', input: { city: 'Paris' } }],
  };

  it('shows non-text content as read-only summaries and passes tools through unchanged', async () => {
    const provider = new FakeProvider(true, () => toolUse);
    const { consent } = await makeConsent(provider);
    const done = sample(consent.requests, provider, 'weather', params);
    const asked = await nextPending(consent, 'sampling-request');
    expect(asked.request).toMatchObject({
      messages: [
        { role: 'user', text: 'What is the weather in Paris?', editable: true },
        { role: 'user', text: '[image]', editable: false },
        { role: 'assistant', text: 'calls tool get_weather with {"city":"Lyon"}', editable: false },
        { role: 'user', text: '[result of tool call t1]\nRain', editable: false },
      ],
      tools: ['get_weather', 'get_time'],
      toolChoice: 'required',
    });
    // A page that tries to rewrite a summarised message changes nothing.
    consent.queue.answer(asked.id, {
      kind: 'sampling',
      action: 'approve',
      messages: [
        { role: 'user', text: 'Weather in Paris?' },
        { role: 'user', text: 'not an image' },
        { role: 'assistant', text: 'forged' },
        { role: 'user', text: 'forged' },
      ],
    });
    const response = await nextPending(consent, 'sampling-response');
    expect(response.request).toEqual({
      kind: 'sampling-response',
      model: 'fake-model-2',
      text: 'calls tool get_weather with {"city":"Paris"}',
    });
    const { includeContext: _dropped, ...rest } = params;
    expect(provider.calls).toEqual([
      {
        ...rest,
        messages: [
          { role: 'user', content: { type: 'text', text: 'Weather in Paris?' } },
          ...params.messages.slice(1),
        ],
      },
    ]);
    consent.queue.answer(response.id, { kind: 'sampling', action: 'approve' });
    expect(await done).toBe(toolUse);
  });

  it('refuses tools a provider cannot use, before asking anyone', async () => {
    const provider = new FakeProvider(false);
    const { consent } = await makeConsent(provider);
    await expect(sample(consent.requests, provider, 'weather', params)).rejects.toThrow(
      /does not support tools/,
    );
    expect(consent.queue.size).toBe(0);
  });

  it('rejects with the user-rejection code', async () => {
    const provider = new FakeProvider();
    const { consent } = await makeConsent(provider);
    const done = sample(consent.requests, provider, 'srv', { messages: [], maxTokens: 5 });
    const asked = await nextPending(consent, 'sampling-request');
    consent.queue.answer(asked.id, { kind: 'sampling', action: 'deny' });
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ code: USER_REJECTED, message: 'The user declined the sampling request' });
  });

  it('keeps a provider’s failure details from the server, and ends when the server cancels', async () => {
    const failing = new FakeProvider(false, () => {
      throw new Error('Quota exceeded for account acme-corp');
    });
    const { consent, audit } = await makeConsent(failing);
    const done = sample(consent.requests, failing, 'srv', { messages: [], maxTokens: 5 });
    consent.queue.answer((await nextPending(consent, 'sampling-request')).id, {
      kind: 'sampling',
      action: 'approve',
    });
    const error = await done.catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'The model could not answer the sampling request.' });
    const entries = (await audit.all()).filter((e) => e.kind === 'sampling');
    expect(entries.at(-1)).toMatchObject({ outcome: 'error', detail: expect.stringContaining('acme-corp') });

    const abort = new AbortController();
    const cancelled = sample(consent.requests, failing, 'srv', { messages: [], maxTokens: 5 }, abort.signal);
    await nextPending(consent, 'sampling-request');
    abort.abort();
    await expect(cancelled).rejects.toMatchObject({ code: USER_REJECTED });
    expect(consent.queue.size).toBe(0);
  });

  it('declares sampling, and sampling.tools, only with a provider that does them', () => {
    expect(clientCapabilities()).not.toHaveProperty('sampling');
    expect(clientCapabilities(new FakeProvider(false)).sampling).toEqual({});
    expect(clientCapabilities(new FakeProvider(true)).sampling).toEqual({ tools: {} });
  });
});

describe('the sampling review in the approval window', () => {
  function show(request: ApprovalView['request']) {
    const dom = new JSDOM('<!doctype html><body></body>');
    const previous = globalThis.document;
    globalThis.document = dom.window.document; // Preact creates nodes through the global document
    const answers: ApprovalAnswer[] = [];
    const view: ApprovalView = {
      id: 'c1',
      createdAt: 0,
      expiresAt: Date.now() + 60_000,
      source: { kind: 'server', label: 'ev' },
      request,
    };
    const root = dom.window.document.body;
    act(() => {
      render(
        h(ApprovalPage, { pending: [view], error: undefined, onAnswer: (_, a) => answers.push(a) }),
        root,
      );
    });
    const byLabel = (label: string) => {
      const element = [...root.querySelectorAll('label')].find((l) => l.textContent === label);
      return element
        ? (dom.window.document.getElementById(element.htmlFor) as HTMLTextAreaElement | null)
        : null;
    };
    const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name);
    const close = () => {
      act(() => render(null, root));
      globalThis.document = previous;
    };
    return { dom, root, answers, byLabel, button, close };
  }

  it('lets the user edit the text, shows the rest read-only, and never renders it as HTML', () => {
    const ui = show({
      kind: 'sampling-request',
      systemPrompt: 'Be brief.',
      messages: [
        { role: 'user', text: '<img src=x onerror=alert(1)>', editable: true },
        { role: 'assistant', text: '[image]', editable: false },
      ],
      maxTokens: 50,
      tools: ['get_weather', 'get_time'],
      toolChoice: 'auto',
    });
    try {
      expect(ui.root.querySelector('h1')?.textContent).toBe('ev wants to use your model');
      expect(ui.byLabel('System prompt')?.value).toBe('Be brief.');
      const message = ui.byLabel('Message 1 (user)');
      expect(message?.value).toBe('<img src=x onerror=alert(1)>');
      expect(ui.root.querySelector('img')).toBeNull();
      expect(ui.byLabel('Message 2 (assistant)')).toBeNull();
      expect(ui.root.querySelector('figure')?.textContent).toContain('[image]');
      expect(ui.root.textContent).toContain('Tools offered: get_weather, get_time');
      expect(ui.root.textContent).not.toContain('not supported');

      act(() => {
        message!.value = 'Hello';
        message!.dispatchEvent(new ui.dom.window.Event('input', { bubbles: true }));
      });
      act(() => ui.button('Approve')?.click());
      expect(ui.answers).toEqual([
        {
          kind: 'sampling',
          action: 'approve',
          systemPrompt: 'Be brief.',
          messages: [
            { role: 'user', text: 'Hello' },
            { role: 'assistant', text: '' },
          ],
        },
      ]);
    } finally {
      ui.close();
    }
  });

  it('shows the model’s response for sending or denying', () => {
    const ui = show({ kind: 'sampling-response', model: 'fake-model-1', text: '<b>Bonjour</b>' });
    try {
      expect(ui.root.querySelector('h1')?.textContent).toBe('Response from fake-model-1');
      expect(ui.root.querySelector('pre')?.textContent).toBe('<b>Bonjour</b>');
      expect(ui.root.querySelector('b')).toBeNull();
      act(() => ui.button('Deny')?.click());
      act(() => ui.button('Send to server')?.click());
      expect(ui.answers).toEqual([
        { kind: 'sampling', action: 'deny' },
        { kind: 'sampling', action: 'approve' },
      ]);
    } finally {
      ui.close();
    }
  });
});
