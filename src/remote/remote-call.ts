import { type Client, type ProgressCallback, ProtocolError } from '@modelcontextprotocol/client';
import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { CallOptions } from '../messages/calls';
import type { InputAnswer } from './remote-types';
import { followTask, type TaskView, type TaskWire } from './task-follow';
import {
  extensionTaskWire,
  legacyTaskWire,
  mustRunAsTask,
  startLegacyTask,
  taskHandleOf,
  taskWake,
} from './task-wire';

/** SEP-2243's error for Mcp-Param-* headers that do not match the server's definition of the tool. */
const HEADER_MISMATCH = -32020;

/** What one call needs of its connection (RemoteConnection.callTool). */
export interface CallContext {
  client: Client;
  /** The tool as the host listed it, checked the arguments against and showed for approval. */
  tool: Tool | undefined;
  /** The user's answers to what a 2026-07-28 task asks while it runs. */
  answer: InputAnswer | undefined;
  now(): number;
  /** The connection's watch: a failure that means the session is gone starts it over. */
  watch<T>(request: Promise<T>): Promise<T>;
  /** The server says its tool definitions changed: list them again. */
  relist(): void;
}

/**
 * A plain call, unless the server runs it as a task: a 2025-11-25 tool that requires one is started as
 * one, and a 2026-07-28 server may answer any call with a task handle. Either way the call's promise is
 * the task's result, followed to its end (task-follow.ts), and its status messages are its progress.
 */
export async function callRemoteTool(
  ctx: CallContext,
  name: string,
  args: Record<string, unknown>,
  options?: CallOptions,
): Promise<CallToolResult> {
  const { client, tool } = ctx;
  const label = tool?.title ?? name;
  if (mustRunAsTask(client, tool)) {
    const started = await ctx.watch(startLegacyTask(client, name, args, options?.signal));
    if ('content' in started) return started;
    return follow(ctx, legacyTaskWire(client, label), started, label, options);
  }
  // SEP-2243: on a 2026-07-28 server the SDK mirrors the parameters the tool marks with `x-mcp-header` into
  // Mcp-Param-* headers. It is handed the definition the host listed, checked the arguments against and
  // showed in the approval, rather than whatever its own response cache holds at this moment.
  // With a definition given, the SDK does not re-list and resend on the server's "headers do not match"
  // (a call is never sent twice here): the host re-lists instead, so the next call mirrors the new one.
  try {
    return await ctx.watch(
      client.callTool({ name, arguments: args }, { ...options, ...(tool ? { toolDefinition: tool } : {}) }),
    );
  } catch (error) {
    if (error instanceof ProtocolError && error.code === HEADER_MISMATCH) ctx.relist();
    const handle = taskHandleOf(error);
    if (!handle) throw error;
    return follow(ctx, extensionTaskWire(client, label, ctx.answer), handle, label, options);
  }
}

function follow(
  ctx: CallContext,
  wire: TaskWire,
  task: TaskView,
  label: string,
  options: CallOptions | undefined,
): Promise<CallToolResult> {
  let step = 0;
  const onprogress: ProgressCallback | undefined = options?.onprogress;
  return ctx.watch(
    followTask(task, wire, {
      tool: label,
      ...(options?.signal ? { signal: options.signal } : {}),
      now: ctx.now,
      wake: taskWake(ctx.client, task.taskId),
      // Progress must grow with each notification; a task has no measure of its own, only its message.
      onStatus: (t) => onprogress?.({ progress: ++step, message: taskStatusLine(t) }),
    }),
  );
}

/** What the user reads of a task while it runs: its own message, or what its status means. */
function taskStatusLine(task: TaskView): string {
  if (task.statusMessage) return task.statusMessage;
  if (task.status === 'input_required') return 'Waiting for your answer';
  if (task.status === 'working') return 'Running at the server';
  return task.status === 'completed' ? 'Finishing' : task.status === 'failed' ? 'Failed' : 'Cancelled';
}
