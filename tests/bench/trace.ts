import type { BrowserContext, CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string; sourceURL?: string }; name?: string };
}

/** Reads a CDP trace that was returned as a stream. */
async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'v8.compile',
  'v8.evaluateModule',
  'EventDispatch',
  'TimerFire',
  'FireIdleCallback',
]);

/**
 * Main-thread time spent in our extension's scripts while a page loads, from a Chromium trace: the
 * top-level script events on the renderer main thread whose script URL is chrome-extension://<id>/…,
 * split at the page's load event. Nested events are not counted twice.
 */
export async function extensionScriptTime(
  context: BrowserContext,
  url: string,
  settleMs: number,
): Promise<{ beforeLoad: number; afterLoad: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute',
    transferMode: 'ReturnAsStream',
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  const done = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e) => resolve((e as { stream: string }).stream)),
  );
  await cdp.send('Tracing.end');
  const events = (JSON.parse(await readStream(cdp, await done)) as { traceEvents: TraceEvent[] }).traceEvents;
  await page.close();

  const load =
    events.find((e) => e.name === 'MarkLoad' || e.name === 'loadEventEnd')?.ts ?? Number.POSITIVE_INFINITY;
  const mainThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const scripts = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.dur !== undefined &&
        SCRIPT_EVENTS.has(e.name) &&
        mainThreads.has(`${e.pid}:${e.tid}`),
    )
    .sort((a, b) => a.ts - b.ts);
  let beforeLoad = 0;
  let afterLoad = 0;
  let coveredUntil = 0;
  for (const event of scripts) {
    const end = event.ts + (event.dur ?? 0);
    if (event.ts < coveredUntil) continue; // nested inside an event already counted
    const source = event.args?.data?.url ?? event.args?.data?.sourceURL ?? '';
    if (!source.startsWith('chrome-extension://')) continue;
    coveredUntil = end;
    if (process.env.TRACE_DEBUG)
      console.log(
        event.name,
        source.split('/').slice(3).join('/'),
        ((event.dur ?? 0) / 1000).toFixed(3),
        event.ts < load ? 'before' : 'after',
      );
    if (event.ts < load) beforeLoad += (event.dur ?? 0) / 1000;
    else afterLoad += (event.dur ?? 0) / 1000;
  }
  return { beforeLoad, afterLoad };
}
