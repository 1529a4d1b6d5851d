import { APICallError } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { JSDOM } from 'jsdom';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { generateSampling } from '../../src/assistant/sampling-generate';
import { WindowSamplingProvider } from '../../src/consent/window-sampling-provider';
import type { ApprovalAnswer, ApprovalView, SamplingGenerateRequest } from '../../src/messages/contract';
import { parseUiMessage } from '../../src/messages/validate';
import { ApprovalPage } from '../../src/ui/approval-view';
import type { SamplingGenerate } from '../../src/ui/sampling-generate';
import { makeHost, nextPending, openAssistant, remoteConfig, resultText } from './helpers';
import { useEverything } from './use-everything';

const MODEL = { name: 'OpenAI', model: 'gpt-test' };
const TRIGGER = 'ev_srv__trigger-sampling-request';

describe('sampling answered by the approval window (server-everything, Streamable HTTP)', () => {
  const everything = useEverything();

  async function connect(withModel: boolean) {
    const { host, consent, audit, remotes } = await makeHost();
    if (withModel) consent.setSamplingProvider(new WindowSamplingProvider(consent.queue, MODEL));
    remotes.set([remoteConfig('ev', 'ev', everything.url)]);
    await host.settled();
    const { client } = await openAssistant(host);
    const tools = async () => (await client.listTools()).tools.map((t) => t.name);
    const trigger = () => client.callTool({ name: TRIGGER, arguments: { prompt: 'Say hi', maxTokens: 40 } });
    return { host, consent, audit, remotes, tools, trigger, stop: () => remotes.remove('ev') };
  }

  it('puts the approved request to the window’s model and gives the server its reviewed answer', async () => {
    const { consent, trigger, stop } = await connect(true);
    const call = trigger();
    const asked = await nextPending(consent, 'sampling-request', call);
    consent.queue.answer(asked.id, {
      kind: 'sampling',
      action: 'approve',
      systemPrompt: 'Be brief.',
      messages: [{ role: 'user', text: 'Say hi, edited' }],
    });

    const generating = await nextPending(consent, 'sampling-generate', call);
    expect(generating.source).toEqual({ kind: 'server', label: 'ev' });
    expect(generating.request).toEqual({
      kind: 'sampling-generate',
      model: 'gpt-test (OpenAI)',
      systemPrompt: 'Be brief.',
      messages: [{ role: 'user', text: 'Say hi, edited' }],
      maxTokens: 40,
      temperature: 0.7,
    });
    consent.queue.answer(generating.id, {
      kind: 'sampling-result',
      result: { model: 'gpt-test-2025', text: 'Hi from the window', stopReason: 'stop' },
    });

    const response = await nextPending(consent, 'sampling-response', call);
    expect(response.request).toEqual({
      kind: 'sampling-response',
      model: 'gpt-test-2025',
      text: 'Hi from the window',
    });
    consent.queue.answer(response.id, { kind: 'sampling', action: 'approve' });
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(resultText(result)).toContain('Hi from the window');
    expect(resultText(result)).toContain('"stopReason": "endTurn"');
    await stop();
  });

  it('tells the server only that the model failed, and keeps the reason for the user', async () => {
    const { consent, audit, trigger, stop } = await connect(true);
    const call = trigger();
    const asked = await nextPending(consent, 'sampling-request', call);
    consent.queue.answer(asked.id, { kind: 'sampling', action: 'approve' });
    const generating = await nextPending(consent, 'sampling-generate', call);
    consent.queue.answer(generating.id, { kind: 'sampling-result', error: 'Stopped by the user' });
    const result = await call;
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/could not answer the sampling request/);
    expect(resultText(result)).not.toContain('Stopped by the user');
    const entries = (await audit.all()).filter((e) => e.kind === 'sampling');
    expect(entries.at(-1)).toMatchObject({
      outcome: 'error',
      detail: 'gpt-test (OpenAI): Stopped by the user',
    });
    await stop();
  });

  it('declares sampling once a model is set up, and stops when it is removed, after a reconnect', async () => {
    const { host, consent, remotes, tools, stop } = await connect(false);
    expect(await tools()).not.toContain(TRIGGER);

    expect(consent.setSamplingProvider(new WindowSamplingProvider(consent.queue, MODEL))).toBe(true);
    remotes.restartAll();
    await host.settled();
    expect(remotes.status().ev?.state).toBe('connected');
    expect(await tools()).toContain(TRIGGER);

    // Another model declares the same: nothing to reconnect for.
    const other = new WindowSamplingProvider(consent.queue, { name: 'Local', model: 'llama' });
    expect(consent.setSamplingProvider(other)).toBe(false);

    expect(consent.setSamplingProvider(undefined)).toBe(true);
    remotes.restartAll();
    await host.settled();
    expect(await tools()).not.toContain(TRIGGER);
    await stop();
  });

  it('ends with one live connection that declares sampling when the model arrives mid-connect', async () => {
    const { host, consent, remotes } = await makeHost();
    remotes.set([remoteConfig('ev', 'ev', everything.url)]);
    consent.setSamplingProvider(new WindowSamplingProvider(consent.queue, MODEL));
    remotes.restartAll(); // the first connect is still in flight
    await host.settled();
    const { client } = await openAssistant(host);
    expect(remotes.status().ev?.state).toBe('connected');
    expect((await client.listTools()).tools.map((t) => t.name)).toContain(TRIGGER);
    await remotes.remove('ev');
  });
});

describe('WindowSamplingProvider', () => {
  it('refuses images rather than answering as if the model had seen them', async () => {
    const { consent } = await makeHost();
    const provider = new WindowSamplingProvider(consent.queue, MODEL);
    const params = {
      messages: [
        { role: 'user' as const, content: { type: 'image' as const, data: 'aGk=', mimeType: 'image/png' } },
      ],
      maxTokens: 5,
    };
    await expect(provider.createMessage(params, undefined, 'srv')).rejects.toThrow(/text only/);
    expect(consent.queue.size).toBe(0);
  });

  it('is answered only by a well-formed, bounded sampling-result', () => {
    const answer = (a: unknown) => () =>
      parseUiMessage({ type: 'ui→worker:answer', payload: { id: 'c1', answer: a } });
    const good = { kind: 'sampling-result', result: { model: 'm', text: 'hi', stopReason: 'stop' } };
    expect(answer(good)()).toEqual({ type: 'ui→worker:answer', payload: { id: 'c1', answer: good } });
    expect(answer({ kind: 'sampling-result', error: 'x'.repeat(2001) })).toThrow(/Malformed/);
    expect(answer({ kind: 'sampling-result', result: { model: 'm' } })).toThrow(/Malformed/);
  });
});

describe('generateSampling', () => {
  const request: SamplingGenerateRequest = {
    kind: 'sampling-generate',
    model: 'gpt-test (OpenAI)',
    systemPrompt: 'Be brief.',
    messages: [
      { role: 'user', text: 'Say hi' },
      { role: 'assistant', text: 'Hi?' },
      { role: 'user', text: 'Again' },
    ],
    maxTokens: 40,
    temperature: 0.7,
  };

  it('sends exactly the approved request, once, and reports text, model and finish reason', async () => {
    const model = new MockLanguageModelV4({
      modelId: 'gpt-test',
      doGenerate: {
        content: [{ type: 'text', text: 'Hello!' }],
        finishReason: { unified: 'length', raw: 'length' },
        usage: {
          inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 2, text: 2, reasoning: undefined },
        },
        response: { modelId: 'gpt-test-2025' },
        warnings: [],
      },
    });
    const output = await generateSampling(model, request, new AbortController().signal);
    expect(output).toEqual({ model: 'gpt-test-2025', text: 'Hello!', stopReason: 'length' });
    expect(model.doGenerateCalls).toHaveLength(1);
    const [call] = model.doGenerateCalls;
    expect(call?.maxOutputTokens).toBe(40);
    expect(call?.temperature).toBe(0.7);
    expect(call?.tools ?? []).toEqual([]);
    expect(call?.prompt).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Say hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hi?' }] },
      { role: 'user', content: [{ type: 'text', text: 'Again' }] },
    ]);
  });

  it('fails with what the user should read', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new APICallError({
          message: 'Unauthorized',
          url: 'https://api.example/v1/chat/completions',
          requestBodyValues: {},
          statusCode: 401,
          isRetryable: false,
        });
      },
    });
    await expect(generateSampling(model, request, new AbortController().signal)).rejects.toThrow(
      /refused the API key/,
    );
  });
});

describe('the approval window while the model answers', () => {
  function show(generate: SamplingGenerate) {
    const dom = new JSDOM('<!doctype html><body></body>');
    const previous = globalThis.document;
    globalThis.document = dom.window.document; // Preact creates nodes through the global document
    const answers: ApprovalAnswer[] = [];
    const view: ApprovalView = {
      id: 'c1',
      createdAt: 0,
      expiresAt: Date.now() + 60_000,
      source: { kind: 'server', label: 'ev' },
      request: {
        kind: 'sampling-generate',
        model: 'gpt-test (OpenAI)',
        systemPrompt: '',
        messages: [{ role: 'user', text: 'Say hi' }],
        maxTokens: 40,
      },
    };
    const root = dom.window.document.body;
    const page = (pending: ApprovalView[]) =>
      h(ApprovalPage, { pending, error: undefined, onAnswer: (_, a) => answers.push(a), generate });
    act(() => render(page([view]), root));
    const close = () => {
      act(() => render(null, root));
      globalThis.document = previous;
    };
    return { root, answers, view, rerender: () => act(() => render(page([view, view]), root)), close };
  }

  it('starts the model once by itself and answers with its result', async () => {
    const calls: AbortSignal[] = [];
    let finish = (_: { model: string; text: string }) => {};
    const ui = show(
      (_request, signal) =>
        new Promise((resolve) => {
          calls.push(signal);
          finish = resolve;
        }),
    );
    try {
      expect(ui.root.querySelector('h1')?.textContent).toBe('Asking gpt-test (OpenAI)…');
      ui.rerender(); // another request arrived behind it: no second call
      expect(calls).toHaveLength(1);
      await act(async () => finish({ model: 'gpt-test', text: 'Hi' }));
      expect(ui.answers).toEqual([{ kind: 'sampling-result', result: { model: 'gpt-test', text: 'Hi' } }]);
    } finally {
      ui.close();
    }
  });

  it('stops the model when the user presses Stop', async () => {
    let signal: AbortSignal | undefined;
    const ui = show((_request, s) => {
      signal = s;
      return new Promise((_, reject) => s.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    try {
      const stop = [...ui.root.querySelectorAll('button')].find((b) => b.textContent === 'Stop');
      await act(async () => stop?.click());
      expect(signal?.aborted).toBe(true);
      expect(ui.answers).toEqual([{ kind: 'sampling-result', error: 'Stopped by the user' }]);
    } finally {
      ui.close();
    }
  });
});
