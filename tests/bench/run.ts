/**
 * `npm run bench`: performance figures, as ratios against baselines measured in the same run (these
 * machines are noisy). Builds dist/ and dist-bench/ first (see package.json). Prints a Markdown report;
 * paste it into BENCHMARKS.md with the command.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import type { AssistantTurnRun, ExtractionRun, SnapshotRun, ToolCallRun } from '../../extension/bench/types';
import { DIST, launchWithExtension } from '../e2e/browser';
import { type Everything, startEverything } from '../fixtures/everything';
import { startStaticServer } from '../fixtures/static-server.mjs';
import { contentScriptSize } from './content-script-size';
import { CORPUS_PAGES } from './corpus-pages';
import { launchWithDevTools } from './devtools';
import { catalogBench, remoteCallBench } from './remote';
import { fmt, median, percentile } from './stats';

const BENCH_DIST = resolve(import.meta.dirname, '../../dist-bench');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

async function activeTabId(context: BrowserContext, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  if (id === undefined) throw new Error('no active tab');
  return id;
}

async function toolCallBench(
  siteUrl: string,
  native: boolean,
  entry: 'benchToolCalls' | 'benchAssistantTurns' = 'benchToolCalls',
) {
  const context = await launchWithExtension({ nativeWebMcp: native, dist: BENCH_DIST });
  try {
    const site = await context.newPage();
    await site.goto(`${siteUrl}/blank.html`);
    // A string, not a function: tsx's transpiled functions reference helpers that do not exist in the page.
    await site.evaluate(`document.modelContext.registerTool({
      name: 'bench_echo',
      description: 'Echoes its input',
      inputSchema: { type: 'object', properties: { n: { type: 'number' } } },
      // Read-only: a granted read-only site tool runs without asking, so the figure includes the approval
      // policy and the audit log write, as every real call does.
      annotations: { readOnlyHint: true },
      execute: (input) => input,
    })`);
    const tabId = await activeTabId(context, site);
    const extId = new URL(context.serviceWorkers()[0]!.url()).host;
    const bench = await context.newPage();
    await bench.goto(`chrome-extension://${extId}/extension/bench/index.html`);
    const origin = new URL(siteUrl).origin;
    const catalog = `127.0.0.1_http_p${new URL(siteUrl).port}__bench_echo`;
    const calls = await bench.evaluate(
      ([fn, tab, o, name, n]) =>
        (
          window as unknown as Record<
            string,
            (...a: unknown[]) => Promise<ToolCallRun & Partial<AssistantTurnRun>>
          >
        )[fn]!(tab, o, 'bench_echo', name, n),
      [entry, tabId, origin, catalog, ITERATIONS] as const,
    );
    // The page's own cost of running the tool, measured in the page: part of every call, not host overhead.
    const execMs = (await site.evaluate(`(async () => {
      const mc = document.modelContext;
      const [tool] = (await mc.getTools()).filter((t) => t.name === 'bench_echo');
      const out = [];
      for (let i = 0; i < ${ITERATIONS}; i++) {
        const t = performance.now();
        await mc.executeTool(tool, { n: 1 });
        out.push(performance.now() - t);
      }
      return out;
    })()`)) as number[];
    return { ...calls, execMs };
  } finally {
    await context.close();
  }
}

/**
 * Main-thread script time (CDP ScriptDuration) of one page load, read at the load event: what a content
 * script adds to loading a page. Work deferred to idle time is measured separately (afterIdle).
 */
async function scriptMs(
  context: BrowserContext,
  url: string,
): Promise<{ atLoad: number[]; afterIdle: number[] }> {
  const atLoad: number[] = [];
  const afterIdle: number[] = [];
  const read = async (cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>) =>
    ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ??
      Number.NaN) * 1000;
  for (let i = 0; i < LOADS + 2; i++) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load' });
    const load = await read(cdp);
    await page.waitForTimeout(1500); // idle callbacks, and any lazy start of the in-page server
    const idle = await read(cdp);
    if (i >= 2) {
      atLoad.push(load);
      afterIdle.push(idle);
    }
    await page.close();
  }
  return { atLoad, afterIdle };
}

/**
 * The baseline extension: two document_start content scripts (main and isolated world) that only add a
 * message listener, the least a content script that talks to anything does. Touching the DOM from a world
 * first costs its bindings (~0.5 ms); that is the platform's price for any such content script.
 */
function emptyExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'empty-extension-'));
  const script = (world?: string) => ({
    matches: ['http://*/*', 'https://*/*'],
    js: [world ? 'main.js' : 'isolated.js'],
    run_at: 'document_start',
    ...(world ? { world } : {}),
  });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'empty',
      version: '1',
      content_scripts: [script('MAIN'), script()],
    }),
  );
  writeFileSync(join(dir, 'main.js'), "addEventListener('message', () => {});");
  writeFileSync(join(dir, 'isolated.js'), "addEventListener('message', () => {});");
  return dir;
}

async function pageLoadBench(siteUrl: string) {
  type Samples = Awaited<ReturnType<typeof scriptMs>>;
  const result: Record<string, { without: Samples; empty: Samples; withExt: Samples }> = {};
  const emptyDist = emptyExtension();
  for (const [label, path] of [
    ['ordinary page (no WebMCP)', '/blank.html'],
    ['WebMCP page (demo site, nobody uses Switchboard there: tools counted, no in-page server)', '/'],
    // Issue 14: the polyfill watches the whole document for <form toolname> changes, in every frame.
    ['DOM-heavy page (200 mutation batches, 5,000 attribute changes; no tools)', '/bench/mutations.html'],
    ['page with six iframes (content scripts run in every frame)', '/bench/frames.html'],
  ] as const) {
    const bare = await launchWithExtension({ nativeWebMcp: false, dist: null });
    const without = await scriptMs(bare, siteUrl + path).finally(() => bare.close());
    const blank = await launchWithExtension({ nativeWebMcp: false, dist: emptyDist });
    const empty = await scriptMs(blank, siteUrl + path).finally(() => blank.close());
    const ext = await launchWithExtension({ nativeWebMcp: false });
    const withExt = await scriptMs(ext, siteUrl + path).finally(() => ext.close());
    result[label] = { without, empty, withExt };
  }
  return result;
}

async function extractionBench(siteUrl: string) {
  const context = await launchWithExtension({ nativeWebMcp: false, dist: BENCH_DIST });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/extension/bench/index.html`);
    const urls = CORPUS_PAGES.map((n) => `${siteUrl}/corpus/${n}`);
    return await page.evaluate(
      ([u, runs]) =>
        (
          window as unknown as { benchExtraction: (u: string[], r: number) => Promise<ExtractionRun[]> }
        ).benchExtraction(u, runs),
      [urls, 15] as const,
    );
  } finally {
    await context.close();
  }
}

async function snapshotBench(siteUrl: string) {
  const context = await launchWithExtension({ nativeWebMcp: false, dist: BENCH_DIST });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/extension/bench/index.html`);
    const urls = CORPUS_PAGES.map((n) => `${siteUrl}/corpus/${n}`);
    return await page.evaluate(
      ([u, runs]) =>
        (
          window as unknown as { benchSnapshot: (u: string[], r: number) => Promise<SnapshotRun[]> }
        ).benchSnapshot(u, runs),
      [urls, 15] as const,
    );
  } finally {
    await context.close();
  }
}

const only = process.env.BENCH_ONLY; // tools | assistant | memory | page | extract | snapshot | remote | coldstart: one section
const sections: [string, () => Promise<void>][] = [
  ['tools', reportToolCalls],
  ['assistant', reportAssistantTurns],
  ['memory', reportMemory],
  ['page', reportContentScript],
  ['extract', reportExtraction],
  ['snapshot', reportSnapshot],
  ['remote', reportRemote],
  ['coldstart', reportColdStart],
];
if (only && !sections.some(([name]) => name === only)) throw new Error(`BENCH_ONLY=${only}: no such section`);
const { server, url: siteUrl } = await startStaticServer(0);
let failed = 0;
try {
  out(
    `Run: ${new Date().toISOString()}, ${process.platform} ${process.arch}, node ${process.version}, iterations ${ITERATIONS}`,
  );
  // One section's failure is reported in its place, and the others still run.
  for (const [name, report] of sections) {
    if (only && only !== name) continue;
    try {
      await report();
    } catch (error) {
      failed++;
      out();
      out(
        `**section ${name} failed:** ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      console.error(error);
    }
  }
} finally {
  server.close();
}
if (failed) process.exitCode = 1;

async function reportToolCalls() {
  out();
  out('## In-page tool call through the `mcp` endpoint');
  out();
  out(
    'Floor: bare ports, extension page → worker → content script → main world → back, interleaved with the MCP calls.',
  );
  out(
    '`executeTool` is the page running the tool (measured in the page, same run); the last ratio leaves it out.',
  );
  out();
  out(
    '| WebMCP | floor p50 ms | floor p99 ms | MCP p50 ms | MCP p99 ms | ratio p50 | ratio p99 | executeTool p50 ms | (MCP − executeTool) / floor, p50 | goal |',
  );
  out('|---|---|---|---|---|---|---|---|---|---|');
  for (const native of [false, true]) {
    const { floorMs, mcpMs, execMs } = await toolCallBench(siteUrl, native);
    const [f50, f99, m50, m99, e50] = [
      median(floorMs),
      percentile(floorMs, 99),
      median(mcpMs),
      percentile(mcpMs, 99),
      median(execMs),
    ];
    out(
      `| ${native ? 'native' : 'polyfill'} | ${fmt(f50)} | ${fmt(f99)} | ${fmt(m50)} | ${fmt(m99)} | **${fmt(m50 / f50)}×** | ${fmt(m99 / f99)}× | ${fmt(e50)} | ${fmt((m50 - e50) / f50)}× | ≤ 1.3× |`,
    );
  }
}

async function reportContentScript() {
  out();
  out('## Content script');
  out();
  const size = contentScriptSize(DIST);
  out(`Eager files (every page): ${size.files.join(', ')}`);
  out();
  out('| raw bytes | gzip bytes | goal |');
  out('|---|---|---|');
  out(`| ${size.rawBytes} | **${(size.gzipBytes / 1024).toFixed(2)} KB** | ≤ 15 KB |`);
  out();
  out(
    `Main-thread script time at page load (CDP ScriptDuration, median of ${LOADS} loads). Baselines in the same run: no extension, and a minimal extension whose two content scripts (main and isolated world, document_start) only add a message listener, which is what any content script that talks to the page costs.`,
  );
  out();
  out(
    '| page | read at | no extension ms | minimal extension ms | Switchboard ms | added over the minimal extension ms | goal |',
  );
  out('|---|---|---|---|---|---|---|');
  for (const [label, r] of Object.entries(await pageLoadBench(siteUrl))) {
    for (const when of ['atLoad', 'afterIdle'] as const) {
      const added = median(r.withExt[when]) - median(r.empty[when]);
      const goal = label.startsWith('ordinary') && when === 'atLoad' ? '≤ 2 ms' : '';
      out(
        `| ${label} | ${when === 'atLoad' ? 'load event' : 'after 1.5 s idle'} | ${fmt(median(r.without[when]))} | ${fmt(median(r.empty[when]))} | ${fmt(median(r.withExt[when]))} | **${fmt(added)}** | ${goal} |`,
      );
    }
  }
}

async function reportExtraction() {
  out();
  out('## Markdown extraction (Readability + Turndown, in the extension, real Chromium)');
  out();
  out(
    'Baseline: the browser parsing the same HTML (DOMParser), same run. Median of 15. Every corpus page (tests/fixtures/corpus).',
  );
  out();
  out(
    '| page | HTML bytes | parse ms | extract ms | clone / readability / turndown ms | extract / parse | readability / parse | Markdown chars | goal |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  for (const r of await extractionBench(siteUrl)) {
    const [p, e] = [median(r.parseMs), median(r.extractMs)];
    const stageMs = (k: 'clone' | 'readability' | 'turndown') => median(r.stages.map((x) => x[k]));
    const stage = (k: 'clone' | 'readability' | 'turndown') => fmt(stageMs(k), 1);
    // Readability alone against the parse: the floor this pipeline cannot go under while it keeps Readability.
    out(
      `| ${r.url.split('/').pop()} | ${r.bytes} | ${fmt(p)} | **${fmt(e)}** | ${stage('clone')} / ${stage('readability')} / ${stage('turndown')} | **${fmt(e / p)}×** | ${fmt(stageMs('readability') / p)}× | ${r.markdownChars} | ≤ 2× |`,
    );
  }
}

async function reportSnapshot() {
  out();
  out('## Page snapshot (page_snapshot, first part; in the extension, real Chromium)');
  out();
  out(
    'Baseline: the browser parsing the same HTML (DOMParser), same run. Median of 15. "No layout": the DOMParser document, where visibility falls back to attributes and inline style. "Rendered": the same HTML in a same-origin srcdoc iframe (1280×800, no page scripts, no external styles), where `checkVisibility()` reads real layout; its first run, which forces style and layout, is left out with the warm-ups.',
  );
  out();
  out(
    '| page | HTML bytes | parse ms | snapshot ms (no layout) | snapshot / parse | snapshot ms (rendered) | rendered / parse | first part chars | parts / refs (no layout) | parts / refs (rendered) |',
  );
  out('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of await snapshotBench(siteUrl)) {
    const [p, s, v] = [median(r.parseMs), median(r.snapshotMs), median(r.renderedMs)];
    out(
      `| ${r.url.split('/').pop()} | ${r.bytes} | ${fmt(p)} | **${fmt(s)}** | ${fmt(s / p)}× | **${fmt(v)}** | ${fmt(v / p)}× | ${r.firstChars} | ${r.parts} / ${r.refs} | ${r.renderedParts} / ${r.renderedRefs} |`,
    );
  }
}

async function reportRemote() {
  out();
  out('## Remote servers (host core in Node, same code as the worker)');
  out();
  const { hostMs, bareMs } = await remoteCallBench(ITERATIONS);
  out(
    'Remote tool call (`echo`) through `Host.callTool`, against a bare SDK Client on its own connection to the same server-everything on loopback, interleaved.',
  );
  out();
  out('| bare client p50 ms | host p50 ms | ratio p50 | bare p99 ms | host p99 ms | ratio p99 | goal |');
  out('|---|---|---|---|---|---|---|');
  out(
    `| ${fmt(median(bareMs))} | ${fmt(median(hostMs))} | **${fmt(median(hostMs) / median(bareMs))}×** | ${fmt(percentile(bareMs, 99))} | ${fmt(percentile(hostMs, 99))} | ${fmt(percentile(hostMs, 99) / percentile(bareMs, 99))}× | ≤ 1.1× |`,
  );
  out();
  const c = await catalogBench(50, 200);
  out(
    `Catalog: 50 servers × 200 tools (SDK v2 handlers, protocol ${c.protocol}, through a fetch that counts requests), ${c.count} tools for the assistant. Median of 20.`,
  );
  out();
  out(
    "| one tools/list request (first page of 500) ms | all pages ms | host catalog build ms | servers re-listed after one server's list_changed | goal |",
  );
  out('|---|---|---|---|---|');
  out(
    `| **${fmt(median(c.listMs))}** | ${fmt(median(c.allMs))} | ${fmt(median(c.hostListMs), 3)} (cached) | ${c.relisted.map(([h, n]) => `${h}: ${n} request`).join(', ')} | ≤ 20 ms; only that server |`,
  );
}

/** An extension whose worker does nothing but answer: the platform's own time to start a worker. */
function bareWorkerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bare-worker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'bare',
      version: '1',
      background: { service_worker: 'sw.js', type: 'module' },
      web_accessible_resources: [],
    }),
  );
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>bare</title>');
  writeFileSync(
    join(dir, 'sw.js'),
    `const t = performance.now();
chrome.runtime.onConnect.addListener((p) => p.postMessage({ scriptStart: t, ready: performance.now() }));`,
  );
  return dir;
}

/** Median worker-start-to-ready over wakes forced by ServiceWorker.stopAllWorkers. */
async function wakeTimes(context: BrowserContext, pagePath: string, before?: (page: Page) => Promise<void>) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/${pagePath}`);
  await before?.(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const ready: number[] = [];
  const sinceScript: number[] = [];
  const connecting: number[] = [];
  for (let i = 0; i < 7; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
    const t = (await page.evaluate(`new Promise((resolve) => {
      const p = chrome.runtime.connect({ name: 'bench-coldstart' });
      p.onMessage.addListener((m) => { resolve(m); p.disconnect(); });
    })`)) as { scriptStart: number; ready: number; connecting?: number };
    ready.push(t.ready);
    sinceScript.push(t.ready - t.scriptStart);
    connecting.push(t.connecting ?? t.ready);
  }
  await page.close();
  return { ready: median(ready), sinceScript: median(sinceScript), connecting: median(connecting) };
}

async function reportColdStart() {
  out();
  out('## Worker cold start');
  out();
  out(
    'From the worker starting to the host ready (grants, preferences and server configs loaded from IndexedDB, every listener and service in place). The saved servers then start connecting in a task of their own (this loads the MCP client); the last column is the worker start to that point, connections started but not awaited (the network is excluded). Woken by `ServiceWorker.stopAllWorkers` then a message; median of 7 wakes. Baseline in the same run: a worker that does nothing but answer.',
  );
  out();
  out(
    '| worker | saved servers | ready ms (since worker start) | script evaluation to ready ms | ratio to the bare worker | goal | servers connecting ms (since worker start) |',
  );
  out('|---|---|---|---|---|---|---|');
  const bare = await launchWithExtension({ nativeWebMcp: false, dist: bareWorkerExtension() });
  const floor = await wakeTimes(bare, 'page.html').finally(() => bare.close());
  out(`| bare (baseline) | – | ${fmt(floor.ready)} | ${fmt(floor.sinceScript)} | 1.00× | | |`);
  const context = await launchWithExtension({ nativeWebMcp: false, dist: BENCH_DIST });
  try {
    let saved = 0;
    for (const n of [0, 20, 100]) {
      const from = saved;
      const t = await wakeTimes(context, 'extension/bench/index.html', (page) =>
        page.evaluate(`(async () => {
          const p = chrome.runtime.connect({ name: 'ui' });
          for (let i = ${from}; i < ${n}; i++) p.postMessage({ type: 'ui→worker:save-server', payload: {
            name: 'server ' + i, url: 'https://127.0.0.1:9/mcp', headers: {}, enabled: true, allowAllTools: true } });
          await new Promise((r) => setTimeout(r, 1000));
          p.disconnect();
        })()`),
      );
      saved = n;
      out(
        `| Switchboard | ${n} | **${fmt(t.ready)}** | ${fmt(t.sinceScript)} | ${fmt(t.ready / floor.ready)}× | ≤ 4× | ${fmt(t.connecting)} |`,
      );
    }
  } finally {
    await context.close();
  }
}

async function reportAssistantTurns() {
  out();
  out('## Host overhead inside an assistant turn');
  out();
  out(
    'One side-panel turn (the chat engine and the real OpenAI-compatible adapter, as in extension/sidepanel) against a scripted model that answers at once from memory: a call of the page tool, then a short answer. Overhead = turn − model − the page running the tool (executeTool, measured in the page); it holds the provider adapter parsing two streams, the chat engine, and the tool round trip through the host. Interleaved with the bare-ports floor, polyfill.',
  );
  out();
  out(
    '| floor p50 ms | turn p50 ms | model p50 ms | tool round trip p50 ms | executeTool p50 ms | overhead p50 ms | overhead / floor, p50 | tool round trip / floor, p50 |',
  );
  out('|---|---|---|---|---|---|---|---|');
  const run = await toolCallBench(siteUrl, false, 'benchAssistantTurns');
  const { floorMs, turnMs = [], modelMs = [], toolMs = [], execMs } = run;
  const [f50, t50, m50, r50, e50] = [
    median(floorMs),
    median(turnMs),
    median(modelMs),
    median(toolMs),
    median(execMs),
  ];
  const overhead = t50 - m50 - e50;
  out(
    `| ${fmt(f50)} | ${fmt(t50)} | ${fmt(m50)} | ${fmt(r50)} | ${fmt(e50)} | ${fmt(overhead)} | **${fmt(overhead / f50)}×** | ${fmt(r50 / f50)}× |`,
  );
}

type BenchWindow = Record<string, (...a: unknown[]) => Promise<unknown>>;

/**
 * The worker's JavaScript heap (CDP Runtime.getHeapUsage on the service-worker target, after a forced
 * garbage collection; the median of three reads) with nothing open, then with 50 tabs of the demo site
 * (a WebMCP page), then with every one of them connected (watched from the ui Port, as the popup does),
 * then with 10 remote servers (server-everything on loopback) added through the ui Port.
 */
async function memoryBench(siteUrl: string, tabCount: number, serverCount: number) {
  const { context, cdp } = await launchWithDevTools({ nativeWebMcp: false, dist: BENCH_DIST });
  const servers: Everything[] = [];
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extId = new URL(worker.url()).host;
    const bench = await context.newPage();
    await bench.goto(`chrome-extension://${extId}/extension/bench/index.html`);
    const sw = await cdp.attach(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extId}/`),
    );
    const heap = async () => {
      const reads: number[] = [];
      for (let i = 0; i < 3; i++) {
        await cdp.send('HeapProfiler.collectGarbage', {}, sw);
        reads.push((await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, sw)).usedSize);
      }
      return median(reads);
    };
    const call = (fn: string, ...args: unknown[]) =>
      bench.evaluate(([f, a]) => (window as unknown as BenchWindow)[f]!(...a), [fn, args] as const);
    // The window's first tab (about:blank) would count as one more tab, one that never connects.
    for (const page of context.pages()) if (page !== bench) await page.close();
    await bench.waitForTimeout(2000); // start-up work done
    const none = await heap();
    const pages: Page[] = [];
    for (let i = 0; i < tabCount; i++) {
      const page = await context.newPage();
      await page.goto(`${siteUrl}/`, { waitUntil: 'load' });
      pages.push(page);
    }
    await bench.waitForTimeout(3000); // pages that connect on their own do so after load and idle
    const opened = await heap();
    const tabs = (await call('benchWatchTabs')) as {
      tabs: number;
      connectedBefore: number;
      connectedAfter: number;
    };
    await bench.waitForTimeout(1000);
    const connected = await heap();
    servers.push(
      ...(await Promise.all(Array.from({ length: serverCount }, () => startEverything('streamableHttp')))),
    );
    const remote = (await call(
      'benchAddServers',
      servers.map((s) => s.url),
    )) as { connected: number; tools: number };
    await bench.waitForTimeout(2000);
    const withServers = await heap();
    return { none, opened, connected, withServers, tabs, remote, serverCount };
  } finally {
    cdp.close();
    await context.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

async function reportMemory() {
  out();
  out('## Worker memory');
  out();
  out(
    'The service worker\'s JavaScript heap in use (CDP `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage`, median of three reads), as a ratio to the same worker with no tab and no server. Tabs: the demo site (a WebMCP page), each in its own tab; "connected" after the ui Port watched each one as the popup does. Servers: server-everything on loopback, added through the ui Port as the options page does.',
  );
  out();
  const m = await memoryBench(siteUrl, 50, 10);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
  out('| state | tabs open / connected | remote servers connected (tools) | heap MB | ratio to none |');
  out('|---|---|---|---|---|');
  out(`| nothing open | 0 / 0 | 0 | ${mb(m.none)} | 1.00× |`);
  out(
    `| ${m.tabs.tabs} tabs opened | ${m.tabs.tabs} / ${m.tabs.connectedBefore} | 0 | ${mb(m.opened)} | ${fmt(m.opened / m.none)}× |`,
  );
  out(
    `| every tab asked to connect | ${m.tabs.tabs} / ${m.tabs.connectedAfter} | 0 | ${mb(m.connected)} | ${fmt(m.connected / m.none)}× |`,
  );
  out(
    `| and ${m.serverCount} remote servers | ${m.tabs.tabs} / ${m.tabs.connectedAfter} | ${m.remote.connected} (${m.remote.tools}) | ${mb(m.withServers)} | **${fmt(m.withServers / m.none)}×** |`,
  );
}
