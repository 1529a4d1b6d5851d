import {
  type CallToolResult,
  type Client,
  ProtocolError,
  ProtocolErrorCode,
  specTypeSchemas,
  type Tool,
  type Transport,
} from '@modelcontextprotocol/client';
import { lazySchema, z } from '../shared/zod';
import type { InputAnswer } from './remote-types';
import { MAX_FOLLOW_MS, type TaskView, type TaskWire } from './task-follow';

/** The 2026-07-28 Tasks extension (SEP-2663), declared in every request's client capabilities. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/*
 * Two generations of one idea (task-follow.ts follows either):
 *
 * 2025-11-25 (experimental, in core). The server declares `tasks.requests.tools.call`; a tool says
 * `execution.taskSupport` forbidden | optional | required. The client asks for a task by adding
 * `task: {ttl}` to tools/call and gets `{task: {taskId, status, ttl, pollInterval, statusMessage, …}}`;
 * it polls `tasks/get`, then `tasks/result` gives the CallToolResult (it blocks while the task is
 * `input_required`, and the server's elicitation arrives meanwhile through the ordinary handlers);
 * `tasks/cancel` ends it. The SDK has the schemas (specTypeSchemas) but no runtime.
 *
 * 2026-07-28 (the `io.modelcontextprotocol/tasks` extension). The client declares the extension in its
 * per-request capabilities and the server decides, so every tools/call may come back as a flat
 * `{resultType: "task", taskId, status, ttlMs, pollIntervalMs, …}`. `tasks/get` carries the `result` (or
 * the JSON-RPC `error`, or `inputRequests`) itself; there is no tasks/result; `tasks/update` answers
 * input; `tasks/cancel` acks with an empty result. The SDK's 2026 codec refuses `resultType: "task"`
 * outright and drops the answer, hence interceptTaskHandles below.
 */

// Built at the first task (lazySchema), not at every worker start.
const taskSchemas = lazySchema(() => {
  const fields = {
    taskId: z.string(),
    status: z.enum(['working', 'input_required', 'completed', 'failed', 'cancelled']),
    statusMessage: z.string().optional(),
    ttlMs: z.number().int().nullable().optional(),
    pollIntervalMs: z.number().int().optional(),
  };
  return {
    handle: z.looseObject({ ...fields, resultType: z.literal('task') }),
    /** tasks/get's answer; the SDK has already taken off its `resultType: "complete"`. */
    detailed: z.looseObject({
      ...fields,
      /** While `input_required`: what the server asks, keyed by the names the answers go back under. */
      inputRequests: z
        .record(z.string(), z.looseObject({ method: z.string(), params: z.unknown().optional() }))
        .optional(),
      result: z.record(z.string(), z.unknown()).optional(),
      error: z
        .object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() })
        .optional(),
    }),
    empty: z.looseObject({}),
  };
});
type DetailedTask2026 = z.infer<ReturnType<typeof taskSchemas>['detailed']>;

/** Where a rewritten handle travels inside the local error (never on the wire). */
const HANDLE_KEY = 'dev.switchboard/task-handle';

/**
 * Lets a 2026-07-28 task handle reach RemoteConnection.callTool. Protocol.connect keeps a transport's
 * onmessage set before it and calls it first, with the very message it then dispatches; this one turns a
 * `resultType: "task"` result into a JSON-RPC error carrying the handle, so the pending call rejects with a
 * ProtocolError whose data has it, instead of the SDK's UnsupportedResultType without it. Any request
 * other than tools/call that got such an answer fails too, which is what the extension asks of clients
 * ("an invalid response"). Set it before client.connect(transport).
 */
export function interceptTaskHandles(transport: Transport): void {
  transport.onmessage = (message) => {
    if (!('result' in message) || !('id' in message)) return;
    const result: unknown = message.result;
    if (typeof result !== 'object' || result === null || !('resultType' in result)) return;
    if (result.resultType !== 'task') return;
    const rewritten = message as unknown as Record<string, unknown>;
    delete rewritten.result;
    rewritten.error = {
      code: ProtocolErrorCode.InternalError,
      message: 'The server answered with a task, which is not an answer to this request.',
      data: { [HANDLE_KEY]: result },
    };
  };
}

/** The handle a 2026-07-28 tools/call answered with (see interceptTaskHandles), if this is one. */
export function taskHandleOf(error: unknown): TaskView | undefined {
  if (!(error instanceof ProtocolError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !(HANDLE_KEY in data)) return undefined;
  const parsed = taskSchemas().handle.safeParse((data as Record<string, unknown>)[HANDLE_KEY]);
  if (!parsed.success)
    throw new Error(`The server answered with a task the host cannot read: ${parsed.error.message}`);
  return view(parsed.data);
}

/** 2025-11-25: whether this call must be a task (the tool requires one and the server runs them). */
export function mustRunAsTask(client: Client, tool: Tool | undefined): boolean {
  if (client.getProtocolEra() !== 'legacy' || tool?.execution?.taskSupport !== 'required') return false;
  return client.getServerCapabilities()?.tasks?.requests?.tools?.call !== undefined;
}

/**
 * 2025-11-25: tools/call with `task`. A server may still answer with the result itself; then that is
 * returned as it is.
 */
export async function startLegacyTask(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<TaskView | CallToolResult> {
  const answer = await client.request(
    { method: 'tools/call', params: { name, arguments: args, task: { ttl: MAX_FOLLOW_MS } } },
    specTypeSchemas.GetTaskPayloadResult,
    signal ? { signal } : undefined,
  );
  const handle = await specTypeSchemas.CreateTaskResult['~standard'].validate(answer);
  if (!handle.issues) return view(handle.value.task);
  return validated(specTypeSchemas.CallToolResult, answer, name);
}

/** tasks/get, tasks/result and tasks/cancel of 2025-11-25. */
export function legacyTaskWire(client: Client, tool: string): TaskWire {
  return {
    async get(taskId, signal) {
      const task = await client.request(
        { method: 'tasks/get', params: { taskId } },
        specTypeSchemas.GetTaskResult,
        { signal },
      );
      return view(task);
    },
    async outcome(task, signal) {
      try {
        // It blocks until the task ends, answering the server's questions on the way: no short timeout.
        return await client.request(
          { method: 'tasks/result', params: { taskId: task.taskId } },
          specTypeSchemas.CallToolResult,
          {
            signal,
            timeout: MAX_FOLLOW_MS,
          },
        );
      } catch (error) {
        if (task.status !== 'failed' || signal.aborted) throw error;
        throw new Error(`"${tool}" failed at the server${suffix(task.statusMessage)}.`, { cause: error });
      }
    },
    async cancel(taskId) {
      await client.request({ method: 'tasks/cancel', params: { taskId } }, specTypeSchemas.CancelTaskResult);
    },
  };
}

/** tasks/get and tasks/cancel of the 2026-07-28 extension; the outcome is in the last tasks/get. */
export function extensionTaskWire(client: Client, tool: string, answerer?: InputAnswer): TaskWire {
  const last = new Map<string, DetailedTask2026>();
  const cancel = async (taskId: string) => {
    await client.request({ method: 'tasks/cancel', params: { taskId } }, taskSchemas().empty);
  };
  return {
    async get(taskId, signal) {
      const task = await client.request({ method: 'tasks/get', params: { taskId } }, taskSchemas().detailed, {
        signal,
      });
      last.set(taskId, task);
      return view(task);
    },
    async outcome(task) {
      const detailed = last.get(task.taskId);
      if (task.status === 'completed') {
        if (!detailed?.result) throw new Error(`The server said "${tool}" completed but sent no result.`);
        return validated(specTypeSchemas.CallToolResult, detailed.result, tool);
      }
      if (task.status === 'failed') {
        const error = detailed?.error;
        const why = error?.message ?? task.statusMessage ?? 'no reason given';
        throw new ProtocolError(
          error?.code ?? ProtocolErrorCode.InternalError,
          `"${tool}" failed at the server: ${why}`,
          error?.data,
        );
      }
      // input_required without a way to ask the user (no answerer): the host asks nothing of a user that does
      // not go through consent, so the task is cancelled instead.
      await cancel(task.taskId).catch(() => undefined);
      throw new Error(
        `"${tool}" asked for your input while running as a task, and could not ask you; it was cancelled.`,
      );
    },
    // The questions are in the last tasks/get's inputRequests; each goes to the user through the same
    // consent as a server's request (the SDK has no public way to run them through its handlers), one at a
    // time, and the answers go back together with tasks/update. Declining is an answer like any other.
    ...(answerer
      ? {
          async answer(task: TaskView, signal: AbortSignal) {
            const asked = last.get(task.taskId)?.inputRequests;
            if (!asked || Object.keys(asked).length === 0) {
              throw new Error(`The server said "${tool}" needs input but asked nothing.`);
            }
            const inputResponses: Record<string, unknown> = {};
            for (const [key, request] of Object.entries(asked)) {
              inputResponses[key] = await answerer(request.method, request.params, signal);
            }
            await client.request(
              { method: 'tasks/update', params: { taskId: task.taskId, inputResponses } },
              taskSchemas().empty,
              { signal },
            );
          },
        }
      : {}),
    cancel,
  };
}

const wakers = new WeakMap<Client, Map<string, Set<() => void>>>();

/**
 * Status notifications (2025-11-25 `notifications/tasks/status`, 2026-07-28 `notifications/tasks`) wake
 * the follower for that task at once. They are optional: polling alone gets there. The SDK has no typed
 * handler for them, so they come through the client's fallback notification handler, installed here once.
 */
export function taskWake(client: Client, taskId: string): (listener: () => void) => () => void {
  let byTask = wakers.get(client);
  if (!byTask) {
    const table = new Map<string, Set<() => void>>();
    byTask = table;
    wakers.set(client, table);
    const previous = client.fallbackNotificationHandler;
    client.fallbackNotificationHandler = async (notification) => {
      const id = (notification.params as { taskId?: unknown } | undefined)?.taskId;
      if (/^notifications\/tasks(\/status)?$/.test(notification.method) && typeof id === 'string') {
        for (const listener of table.get(id) ?? []) listener();
        return;
      }
      await previous?.(notification);
    };
  }
  const table = byTask;
  return (listener) => {
    const set = table.get(taskId) ?? new Set();
    set.add(listener);
    table.set(taskId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) table.delete(taskId);
    };
  };
}

function view(task: {
  taskId: string;
  status: TaskView['status'];
  statusMessage?: string | undefined;
  ttl?: number | null | undefined;
  ttlMs?: number | null | undefined;
  pollInterval?: number | undefined;
  pollIntervalMs?: number | undefined;
}): TaskView {
  const ttlMs = task.ttlMs !== undefined ? task.ttlMs : task.ttl;
  const pollIntervalMs = task.pollIntervalMs ?? task.pollInterval;
  return {
    taskId: task.taskId,
    status: task.status,
    ...(task.statusMessage ? { statusMessage: task.statusMessage } : {}),
    ...(ttlMs !== undefined ? { ttlMs } : {}),
    ...(pollIntervalMs !== undefined ? { pollIntervalMs } : {}),
  };
}

async function validated(
  schema: typeof specTypeSchemas.CallToolResult,
  value: unknown,
  tool: string,
): Promise<CallToolResult> {
  const checked = await schema['~standard'].validate(value);
  if (checked.issues) throw new Error(`"${tool}" returned a result that is not a tool result.`);
  return checked.value;
}

const suffix = (message: string | undefined) => (message ? `: ${message}` : '');
