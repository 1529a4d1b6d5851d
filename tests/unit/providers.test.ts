import '../../src/shared/zod';
import { readFileSync } from 'node:fs';
import {
  type JSONSchema7,
  jsonSchema,
  type ModelMessage,
  streamText,
  type TextStreamPart,
  type ToolSet,
  tool,
} from 'ai';
import { describe, expect, it } from 'vitest';
import { createModel } from '../../src/assistant/model';
import { describeProviderError } from '../../src/assistant/provider-errors';
import type { ProviderConfig, ProviderKind } from '../../src/messages/chat-types';

// The provider adapters against streams recorded in each provider's wire format (tests/fixtures/recorded):
// what the user sees (text, tool calls) must come out of them intact, and what leaves the browser (URL, key
// header, tools) must be what that provider expects.

const TOOL_NAME = 'localhost_http_p5173__search_article';
const SEARCH_SCHEMA: JSONSchema7 = {
  type: 'object',
  properties: { query: { type: 'string' }, limit: { type: 'integer' } },
  required: ['query'],
  additionalProperties: false,
};
const TOOLS: ToolSet = {
  [TOOL_NAME]: tool({
    description: 'Search the articles on this site',
    inputSchema: jsonSchema(SEARCH_SCHEMA),
  }),
};
const INSTRUCTIONS = 'You are Switchboard, a careful assistant.';
const ASK = 'Find articles about operators';

const CONFIGS: Record<ProviderKind, ProviderConfig> = {
  'openai-compatible': {
    id: 'p-openai',
    kind: 'openai-compatible',
    name: 'Local',
    baseURL: 'http://127.0.0.1:11434/v1',
    model: 'fake-model',
    apiKey: 'sk-test',
    contextTokens: 32_000,
    supportsTools: true,
  },
  anthropic: {
    id: 'p-anthropic',
    kind: 'anthropic',
    name: 'Claude',
    baseURL: 'https://api.anthropic.com/v1',
    model: 'claude-sonnet-4-5',
    apiKey: 'sk-ant-test',
    contextTokens: 200_000,
    supportsTools: true,
  },
};

function recorded(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/recorded/${name}`, import.meta.url));
}

/**
 * The body as a network delivers it: in small reads that cut events, lines and multi-byte characters apart.
 * With `hangAfter`, it stops after that many bytes and waits until the request's signal aborts.
 */
function streamOf(bytes: Uint8Array, signal?: AbortSignal | null, hangAfter = Number.POSITIVE_INFINITY) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const end = Math.min(bytes.length, hangAfter);
      for (let i = 0; i < end; i += 7) controller.enqueue(bytes.slice(i, Math.min(i + 7, end)));
      if (end === bytes.length) return controller.close();
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
  });
}

interface SentRequest {
  url: string;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A fetch that records what the adapter sent and answers with `respond`. */
function fakeFetch(respond: (signal: AbortSignal | null | undefined) => Response | Promise<Response>) {
  const sent: SentRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    init?.signal?.throwIfAborted();
    sent.push({
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    });
    return respond(init?.signal);
  };
  return { fetch: fetchImpl as typeof fetch, sent };
}

function sse(file: string) {
  return fakeFetch(
    (signal) =>
      new Response(streamOf(recorded(file), signal), {
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
      }),
  );
}

/** One model turn as the chat runs it: no `execute`, the host runs tools itself. */
async function turn(
  config: ProviderConfig,
  fetchImpl: typeof fetch,
  messages: ModelMessage[],
  options: { maxRetries?: number; abortSignal?: AbortSignal } = {},
) {
  const result = streamText({
    model: createModel(config, fetchImpl),
    instructions: INSTRUCTIONS,
    messages,
    tools: TOOLS,
    maxRetries: options.maxRetries ?? 0,
    ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    onError: () => {},
  });
  const deltas: string[] = [];
  const calls: Extract<TextStreamPart<ToolSet>, { type: 'tool-call' }>[] = [];
  const errors: unknown[] = [];
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') deltas.push(part.text);
    if (part.type === 'tool-call') calls.push(part);
    if (part.type === 'error') errors.push(part.error);
  }
  return { result, deltas, text: deltas.join(''), calls, errors };
}

/** The conversation after the model asked for the search and the host ran it. */
function afterToolRun(toolCallId: string): ModelMessage[] {
  return [
    { role: 'user', content: ASK },
    {
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId, toolName: TOOL_NAME, input: { query: 'operator' } }],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId,
          toolName: TOOL_NAME,
          output: { type: 'text', value: 'Operator (computer programming): a construct…' },
        },
      ],
    },
  ];
}

describe('openai-compatible adapter', () => {
  const config = CONFIGS['openai-compatible'];

  it('turns a streamed tool call into one call with parsed arguments', async () => {
    const { fetch } = sse('openai-tool-call.sse');
    const { calls, deltas, errors, result } = await turn(config, fetch, [{ role: 'user', content: ASK }]);

    expect(errors).toEqual([]);
    expect(deltas).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolCallId: 'call_fake_1',
      toolName: TOOL_NAME,
      input: { query: 'operator' },
    });
    expect(calls[0]?.invalid).toBeFalsy();
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('sends the key as a Bearer token to <baseURL>/chat/completions, offering the tools', async () => {
    const { fetch, sent } = sse('openai-tool-call.sse');
    await turn(config, fetch, [{ role: 'user', content: ASK }]);

    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect(request.url).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(request.headers.get('authorization')).toBe('Bearer sk-test');
    expect(request.headers.get('x-api-key')).toBeNull();
    expect(request.body).toMatchObject({
      model: 'fake-model',
      stream: true,
      // Without it OpenAI sends no usage while streaming.
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: INSTRUCTIONS },
        { role: 'user', content: ASK },
      ],
    });
    expect(request.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: TOOL_NAME,
          description: 'Search the articles on this site',
          parameters: SEARCH_SCHEMA,
        },
      },
    ]);
  });

  it('streams the answer after a tool result, piece by piece, and reads usage', async () => {
    const { fetch, sent } = sse('openai-text.sse');
    const { deltas, text, calls, errors, result } = await turn(config, fetch, afterToolRun('call_fake_1'));

    expect(errors).toEqual([]);
    expect(calls).toEqual([]);
    expect(deltas.length).toBeGreaterThan(3);
    expect(text).toBe(
      'Here is what I found: Operator (computer programming): a construct that behaves like a function but differs in syntax.',
    );
    expect(await result.finishReason).toBe('stop');
    const promptTokens = Number(
      /"prompt_tokens":(\d+)/.exec(new TextDecoder().decode(recorded('openai-text.sse')))?.[1],
    );
    expect((await result.usage).inputTokens).toBe(promptTokens);
    // The tool's result went back tied to the call it answers.
    expect(sent[0]?.body.messages).toContainEqual({
      role: 'tool',
      tool_call_id: 'call_fake_1',
      content: 'Operator (computer programming): a construct…',
    });
  });

  it('sends no Authorization header when no key is configured (a local server)', async () => {
    const { fetch, sent } = sse('openai-text.sse');
    const { apiKey: _unused, ...keyless } = config;
    await turn(keyless, fetch, [{ role: 'user', content: 'hello' }]);
    expect(sent[0]?.headers.get('authorization')).toBeNull();
  });
});

describe('anthropic adapter', () => {
  const config = CONFIGS.anthropic;

  it('turns a streamed tool_use block into one call with parsed input, after its text', async () => {
    const { fetch } = sse('anthropic-tool-call.sse');
    const { calls, text, deltas, errors, result } = await turn(config, fetch, [
      { role: 'user', content: ASK },
    ]);

    expect(errors).toEqual([]);
    expect(deltas).toHaveLength(2);
    expect(text).toBe("I'll search the articles for that.");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolCallId: 'toolu_01FakeSearchArticle0001',
      toolName: TOOL_NAME,
      input: { query: 'operator', limit: 3 },
    });
    expect(calls[0]?.invalid).toBeFalsy();
    expect(await result.finishReason).toBe('tool-calls');
  });

  it('sends the key as x-api-key with the browser opt-in to <baseURL>/messages, offering the tools', async () => {
    const { fetch, sent } = sse('anthropic-tool-call.sse');
    await turn(config, fetch, [{ role: 'user', content: ASK }]);

    expect(sent).toHaveLength(1);
    const request = sent[0]!;
    expect(request.url).toBe('https://api.anthropic.com/v1/messages');
    expect(request.headers.get('x-api-key')).toBe('sk-ant-test');
    expect(request.headers.get('anthropic-dangerous-direct-browser-access')).toBe('true');
    expect(request.headers.get('anthropic-version')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.headers.get('authorization')).toBeNull();
    expect(request.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      stream: true,
      system: [{ type: 'text', text: INSTRUCTIONS }],
      messages: [{ role: 'user', content: [{ type: 'text', text: ASK }] }],
    });
    expect(request.body.tools).toEqual([
      expect.objectContaining({
        name: TOOL_NAME,
        description: 'Search the articles on this site',
        input_schema: SEARCH_SCHEMA,
      }),
    ]);
  });

  it('streams a text answer intact, multi-byte characters included, and reads usage', async () => {
    const { fetch, sent } = sse('anthropic-text.sse');
    const { deltas, text, calls, errors, result } = await turn(
      config,
      fetch,
      afterToolRun('toolu_01FakeSearchArticle0001'),
    );

    expect(errors).toEqual([]);
    expect(calls).toEqual([]);
    expect(deltas).toHaveLength(3);
    expect(text).toBe(
      'An operator is a construct that behaves like a function but differs in syntax — “a + b” rather than add(a, b).',
    );
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).inputTokens).toBe(538);
    expect((await result.usage).outputTokens).toBe(34);
    // Anthropic takes a tool's result as a tool_result block in the user's turn.
    expect(sent[0]?.body.messages).toContainEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_01FakeSearchArticle0001',
          content: 'Operator (computer programming): a construct…',
        },
      ],
    });
  });
});

describe('describeProviderError', () => {
  /** Each provider's own error body for a status, as its API sends it. */
  const bodies: Record<ProviderKind, Record<401 | 404 | 429, { json: unknown; said: string }>> = {
    'openai-compatible': {
      401: {
        json: {
          error: {
            message: 'Incorrect API key provided: sk-test.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        },
        said: 'Incorrect API key provided',
      },
      404: {
        json: {
          error: {
            message: 'The model `fake-model` does not exist',
            type: 'invalid_request_error',
            code: 'model_not_found',
          },
        },
        said: 'does not exist',
      },
      429: {
        json: {
          error: {
            message: 'Rate limit reached for requests',
            type: 'requests',
            code: 'rate_limit_exceeded',
          },
        },
        said: 'Rate limit reached',
      },
    },
    anthropic: {
      401: {
        json: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
        said: 'invalid x-api-key',
      },
      404: {
        json: { type: 'error', error: { type: 'not_found_error', message: 'model: claude-sonnet-4-5' } },
        said: 'model: claude-sonnet-4-5',
      },
      429: {
        json: {
          type: 'error',
          error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' },
        },
        said: 'exceeded your rate limit',
      },
    },
  };
  const expectedKind = { 401: 'auth', 404: 'model', 429: 'rate-limit' } as const;

  function failing(status: number, json: unknown, headers: Record<string, string> = {}) {
    return fakeFetch(
      () =>
        new Response(JSON.stringify(json), {
          status,
          headers: { 'content-type': 'application/json', ...headers },
        }),
    );
  }

  async function errorOf(
    config: ProviderConfig,
    fetchImpl: typeof fetch,
    options: { maxRetries?: number; abortSignal?: AbortSignal } = {},
  ) {
    const { errors } = await turn(config, fetchImpl, [{ role: 'user', content: ASK }], options);
    expect(errors).toHaveLength(1);
    return errors[0];
  }

  for (const kind of ['openai-compatible', 'anthropic'] as const) {
    for (const status of [401, 404, 429] as const) {
      it(`${kind}: HTTP ${status} is '${expectedKind[status]}' and passes on what the provider said`, async () => {
        const { json, said } = bodies[kind][status];
        const error = await errorOf(CONFIGS[kind], failing(status, json).fetch);
        const described = describeProviderError(error);
        expect(described.kind).toBe(expectedKind[status]);
        expect(described.message).toContain(said);
      });
    }
  }

  it('sees through the SDK retrying a 429 (RetryError) to the rate limit', async () => {
    const { json } = bodies['openai-compatible'][429];
    const { fetch, sent } = failing(429, json, { 'retry-after-ms': '0' });
    const error = await errorOf(CONFIGS['openai-compatible'], fetch, { maxRetries: 1 });
    expect(sent).toHaveLength(2);
    expect(describeProviderError(error).kind).toBe('rate-limit');
  });

  it("reports a refused connection as 'network' (a browser's TypeError and Node's wrapped one)", async () => {
    const browser = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(describeProviderError(await errorOf(CONFIGS['openai-compatible'], browser.fetch)).kind).toBe(
      'network',
    );

    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), {
      code: 'ECONNREFUSED',
    });
    const node = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause: refused })));
    expect(describeProviderError(await errorOf(CONFIGS.anthropic, node.fetch)).kind).toBe('network');
  });

  it("reports Stop during a stream as 'cancelled', not as a failure", async () => {
    const stop = new AbortController();
    const bytes = recorded('openai-text.sse');
    const { fetch } = fakeFetch(
      (signal) =>
        new Response(streamOf(bytes, signal, 1200), {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
        }),
    );
    const result = streamText({
      model: createModel(CONFIGS['openai-compatible'], fetch),
      messages: [{ role: 'user', content: ASK }],
      abortSignal: stop.signal,
      maxRetries: 0,
      onError: () => {},
    });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'text-delta') stop.abort();
    }
    expect(types).toContain('abort');
    expect(types).not.toContain('error');
    const error = await result.text.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeProviderError(error).kind).toBe('cancelled');
  });

  it("reports a signal aborted before the request as 'cancelled'", async () => {
    const { fetch, sent } = sse('openai-text.sse');
    const stop = new AbortController();
    stop.abort();
    const result = streamText({
      model: createModel(CONFIGS.anthropic, fetch),
      messages: [{ role: 'user', content: ASK }],
      abortSignal: stop.signal,
      maxRetries: 0,
      onError: () => {},
    });
    const error = await result.text.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(sent).toEqual([]);
    expect(describeProviderError(error).kind).toBe('cancelled');
  });

  it("keeps other HTTP failures apart ('other') with their status", async () => {
    const json = { error: { message: 'The server had an error', type: 'server_error', code: null } };
    const described = describeProviderError(
      await errorOf(CONFIGS['openai-compatible'], failing(500, json).fetch),
    );
    expect(described.kind).toBe('other');
    expect(described.message).toContain('500');
  });
});
