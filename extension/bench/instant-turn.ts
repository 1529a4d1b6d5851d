import type { CallToolResult, Client, Tool } from '@modelcontextprotocol/client';
import { runTurn } from '../../src/assistant/chat-engine';
import { createModel } from '../../src/assistant/model';
import { ToolNames } from '../../src/assistant/tool-names';
import type { ChatItem } from '../../src/messages/chat-types';

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'b', object: 'chat.completion.chunk', created: 0, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

/**
 * An assistant turn against a model that answers at once from memory (OpenAI's stream format, through the
 * real provider adapter): first a call of the bench tool, then a short answer. What is left of the turn's
 * time after the model and the tool round trip is the assistant's and the host's own work.
 */
export function instantTurn(client: Client, tools: Tool[], catalogName: string) {
  const providerName = new ToolNames(tools.map((t) => t.name)).provider(catalogName) ?? catalogName;
  const toolCall = [
    chunk({
      role: 'assistant',
      tool_calls: [
        { index: 0, id: 'call_1', type: 'function', function: { name: providerName, arguments: '' } },
      ],
    }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: '{"n":1}' } }] }),
    chunk({}, 'tool_calls'),
    'data: [DONE]\n\n',
  ].join('');
  const answer = [chunk({ role: 'assistant', content: 'Done.' }), chunk({}, 'stop'), 'data: [DONE]\n\n'].join(
    '',
  );
  const modelMs: number[] = [];
  const toolMs: number[] = [];
  let model = 0;
  let tool = 0;

  const fetchImpl: typeof fetch = async (_url, init) => {
    const t = performance.now();
    const body = JSON.parse(String(init?.body)) as { messages: { role: string }[] };
    const text = body.messages.at(-1)?.role === 'tool' ? answer : toolCall;
    const response = new Response(text, { headers: { 'content-type': 'text/event-stream' } });
    model += performance.now() - t;
    return response;
  };
  const llm = createModel(
    {
      id: 'bench',
      kind: 'openai-compatible',
      name: 'bench',
      baseURL: 'http://bench.invalid/v1',
      model: 'bench',
      contextTokens: 8192,
      supportsTools: true,
    },
    fetchImpl,
  );
  const history: ChatItem[] = [{ kind: 'user', id: 'u', text: 'run the bench tool', at: 0 }];

  const run = async () => {
    model = 0;
    tool = 0;
    await runTurn(history, {
      model: llm,
      tools,
      contextTokens: 8192,
      supportsTools: true,
      callTool: async (name, args, signal) => {
        const t = performance.now();
        const result = (await client.callTool({ name, arguments: args }, { signal })) as CallToolResult;
        tool += performance.now() - t;
        if (result.isError) throw new Error(JSON.stringify(result.content));
        return result;
      },
      signal: new AbortController().signal,
      onItem: () => {},
      newId: () => crypto.randomUUID(),
      now: Date.now,
    });
    modelMs.push(model);
    toolMs.push(tool);
  };
  return {
    run,
    modelMs,
    toolMs,
    reset: () => {
      modelMs.length = 0;
      toolMs.length = 0;
    },
  };
}
