import type { CallToolResult } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followTask, MAX_FOLLOW_MS, type TaskView, type TaskWire } from '../../src/remote/task-follow';

/** A server's task as a script of what each tasks/get answers, and a log of when it was asked. */
function scripted(
  answers: TaskView[],
  outcome: CallToolResult = { content: [{ type: 'text', text: 'Done.' }] },
) {
  const asked: number[] = [];
  const cancelled: string[] = [];
  const wire: TaskWire = {
    get: async () => {
      asked.push(Date.now());
      const next = answers.shift();
      if (!next) throw new Error('asked once too often');
      return next;
    },
    outcome: async (task) => {
      if (task.status === 'failed') throw new Error(`failed: ${task.statusMessage}`);
      return outcome;
    },
    cancel: async (taskId) => void cancelled.push(taskId),
  };
  return { wire, asked, cancelled };
}

const working = (statusMessage?: string, pollIntervalMs?: number): TaskView => ({
  taskId: 't1',
  status: 'working',
  ...(statusMessage ? { statusMessage } : {}),
  ...(pollIntervalMs ? { pollIntervalMs } : {}),
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('followTask', () => {
  it('asks at the interval the server gives, reports each new message once, and returns the result', async () => {
    const { wire, asked } = scripted([
      working('Indexing files', 2000),
      working('Indexing files', 2000),
      working('Writing the index', 2000),
      { taskId: 't1', status: 'completed' },
    ]);
    const seen: string[] = [];
    const done = followTask(working('Reading the folder', 2000), wire, {
      tool: 'Index files',
      now: Date.now,
      onStatus: (t) => seen.push(t.statusMessage ?? t.status),
    });
    await vi.advanceTimersByTimeAsync(8000);
    await expect(done).resolves.toEqual({ content: [{ type: 'text', text: 'Done.' }] });
    expect(asked).toEqual([2000, 4000, 6000, 8000]);
    expect(seen).toEqual(['Reading the folder', 'Indexing files', 'Writing the index', 'completed']);
  });

  it('never asks faster than four times a second, whatever the server says', async () => {
    const { wire, asked } = scripted([working(undefined, 1), { taskId: 't1', status: 'completed' }]);
    const done = followTask(working(undefined, 1), wire, { tool: 'x', now: Date.now });
    await vi.advanceTimersByTimeAsync(500);
    await done;
    expect(asked).toEqual([250, 500]);
  });

  it('asks at once when a status notification wakes it', async () => {
    const { wire, asked } = scripted([{ taskId: 't1', status: 'completed' }]);
    let wakeUp: (() => void) | undefined;
    const done = followTask(working(undefined, 10_000), wire, {
      tool: 'x',
      now: Date.now,
      wake: (listener) => {
        wakeUp = listener;
        return () => {
          wakeUp = undefined;
        };
      },
    });
    await vi.advanceTimersByTimeAsync(300);
    wakeUp?.();
    await done;
    expect(asked).toEqual([300]);
  });

  it('on the caller’s abort, sends tasks/cancel and rejects with the caller’s reason', async () => {
    const { wire, asked, cancelled } = scripted([working(), working(), working()]);
    const stop = new AbortController();
    const done = followTask(working(), wire, { tool: 'x', now: Date.now, signal: stop.signal });
    const settled = expect(done).rejects.toBe('The person pressed Stop');
    await vi.advanceTimersByTimeAsync(1500);
    stop.abort('The person pressed Stop');
    await settled;
    expect(cancelled).toEqual(['t1']);
    expect(asked).toEqual([1000]);
  });

  it('stops at the task’s ttl with a clear error, and cancels it', async () => {
    const { wire, cancelled } = scripted(Array.from({ length: 10 }, () => working('Still going', 1000)));
    const first: TaskView = { ...working('Still going', 1000), ttlMs: 3000 };
    const done = followTask(first, wire, { tool: 'Index files', now: Date.now });
    const settled = expect(done).rejects.toThrow(
      /"Index files" was still running after less than a minute; Switchboard stopped following it/,
    );
    await vi.advanceTimersByTimeAsync(3000);
    await settled;
    expect(cancelled).toEqual(['t1']);
  });

  it('stops at the overall cap when the task has no ttl', async () => {
    const forever = {
      get: async () => working(undefined, 15_000),
      outcome: vi.fn(),
      cancel: vi.fn(async () => {}),
    };
    const done = followTask({ ...working(undefined, 15_000), ttlMs: null }, forever, {
      tool: 'Crawl',
      now: Date.now,
    });
    const settled = expect(done).rejects.toThrow(/"Crawl" was still running after 30 min/);
    await vi.advanceTimersByTimeAsync(MAX_FOLLOW_MS + 15_000);
    await settled;
    expect(forever.cancel).toHaveBeenCalledWith('t1');
    expect(forever.outcome).not.toHaveBeenCalled();
  });

  it('says so when the server cancelled the task, and hands a failure to the wire', async () => {
    const cancelledByServer = scripted([
      { taskId: 't1', status: 'cancelled', statusMessage: 'Shutting down' },
    ]);
    const one = followTask(working(), cancelledByServer.wire, { tool: 'Index files', now: Date.now });
    const first = expect(one).rejects.toThrow('The server cancelled "Index files": Shutting down.');
    await vi.advanceTimersByTimeAsync(1000);
    await first;

    const failing = scripted([{ taskId: 't1', status: 'failed', statusMessage: 'disk full' }]);
    const two = followTask(working(), failing.wire, { tool: 'Index files', now: Date.now });
    const second = expect(two).rejects.toThrow('failed: disk full');
    await vi.advanceTimersByTimeAsync(1000);
    await second;
  });
});
