import type { CallToolResult } from '@modelcontextprotocol/client';

/** A task as either wire generation reports it, in one shape (task-wire.ts maps both to it). */
export interface TaskView {
  taskId: string;
  status: 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';
  statusMessage?: string;
  /** How long the server keeps the task from its creation; null: it says for ever. */
  ttlMs?: number | null;
  /** How often the server would like to be asked. */
  pollIntervalMs?: number;
}

/** How one wire generation reads, settles and cancels a task (task-wire.ts). */
export interface TaskWire {
  get(taskId: string, signal: AbortSignal): Promise<TaskView>;
  /**
   * The call's result once the task is completed, failed or waiting for input. 2025-11-25: `tasks/result`,
   * which blocks while the server asks its questions through the client's ordinary handlers. 2026-07-28:
   * the result or error `tasks/get` carried. Throws a readable error for a failure.
   */
  outcome(task: TaskView, signal: AbortSignal): Promise<CallToolResult>;
  /**
   * 2026-07-28: the task waits for input. Asks the user what the server asked (through consent), sends the
   * answers (tasks/update), and the task goes on. Absent where input is answered otherwise (2025-11-25).
   */
  answer?(task: TaskView, signal: AbortSignal): Promise<void>;
  cancel(taskId: string): Promise<void>;
}

export interface FollowOptions {
  /** The tool's name as the user knows it, for the errors they read. */
  tool: string;
  /** The caller gave up (the side panel's Stop, an assistant's notifications/cancelled): tasks/cancel. */
  signal?: AbortSignal;
  /** Each new status or message, for the caller's progress path. */
  onStatus?(task: TaskView): void;
  /** A status notification arrived for this task: ask now instead of waiting out the interval. */
  wake?(listener: () => void): () => void;
  now(): number;
  /** However long the server would keep it, the host stops following after this. */
  maxWaitMs?: number;
}

/** Half an hour: past that an assistant has long stopped waiting, and the task goes on at the server. */
export const MAX_FOLLOW_MS = 30 * 60_000;
const DEFAULT_POLL_MS = 1000;
/** Never faster than this, whatever the server asks, nor slower than the longest wait. */
const MIN_POLL_MS = 250;
const MAX_POLL_MS = 15_000;

/**
 * Follows a task from the handle a tools/call returned to the call's result: asks tasks/get at the
 * server's pollInterval (or sooner when a status notification wakes it), reports each new status, and
 * settles through the wire. The caller's abort sends tasks/cancel. It stops at the task's ttl or
 * MAX_FOLLOW_MS, whichever is sooner, with an error that says so (and cancels the task: nobody will fetch
 * its result).
 *
 * It holds nothing but this promise: if the service worker dies meanwhile, the assistant's call fails
 * with the worker (its Port closes) and the task runs on at the server, whose result stays there until
 * its ttl. Nothing is persisted to resume it; a new call starts a new task.
 */
export async function followTask(
  first: TaskView,
  wire: TaskWire,
  options: FollowOptions,
): Promise<CallToolResult> {
  const { tool } = options;
  const local = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, local.signal]) : local.signal;
  const started = options.now();
  const ttl = typeof first.ttlMs === 'number' && first.ttlMs > 0 ? first.ttlMs : Number.POSITIVE_INFINITY;
  const deadline = started + Math.min(ttl, options.maxWaitMs ?? MAX_FOLLOW_MS);
  let task = first;
  let shown = '';
  const report = () => {
    const key = `${task.status}\n${task.statusMessage ?? ''}`;
    if (key === shown) return;
    shown = key;
    options.onStatus?.(task);
  };
  const cancel = () =>
    wire.cancel(task.taskId).catch(() => {
      // The server may have finished or forgotten it meanwhile: the call fails either way.
    });

  try {
    report();
    for (;;) {
      if (task.status === 'cancelled') {
        throw new Error(`The server cancelled "${tool}"${suffix(task.statusMessage)}.`);
      }
      if (task.status === 'input_required' && wire.answer) {
        await wire.answer(task, signal);
        // The person may have taken a while: the task's own deadline still holds, checked below.
        task = await wire.get(task.taskId, signal);
        report();
        continue;
      }
      if (task.status !== 'working') return await wire.outcome(task, signal);
      if (options.now() >= deadline) {
        await cancel();
        const minutes = Math.round((options.now() - started) / 60_000);
        throw new Error(
          `"${tool}" was still running after ${minutes < 1 ? 'less than a minute' : `${minutes} min`}; ` +
            'Switchboard stopped following it and asked the server to cancel it.',
        );
      }
      await pause(pollInterval(task), signal, options.wake);
      task = await wire.get(task.taskId, signal);
      report();
    }
  } catch (error) {
    if (options.signal?.aborted) {
      await cancel();
      throw options.signal.reason ?? error;
    }
    throw error;
  } finally {
    local.abort();
  }
}

function pollInterval(task: TaskView): number {
  const asked = task.pollIntervalMs ?? DEFAULT_POLL_MS;
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, asked));
}

const suffix = (message: string | undefined) => (message ? `: ${message}` : '');

/** Waits `ms`, or less when woken; rejects when the signal aborts. */
function pause(ms: number, signal: AbortSignal, wake: FollowOptions['wake']): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', aborted);
      unwake?.();
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    const aborted = () => {
      done();
      reject(signal.reason);
    };
    signal.addEventListener('abort', aborted, { once: true });
    const unwake = wake?.(() => {
      done();
      resolve();
    });
  });
}
