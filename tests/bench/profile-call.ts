/**
 * `node --import tsx tests/bench/profile-call.ts [tools|assistant] [polyfill|native]`: where an in-page
 * tool call's time goes. Runs the bench's tool-call loop (dist-bench/, so build it first) with the V8
 * sampling profiler on in every context the call crosses: the bench page (the assistant's Client), the
 * service worker (the host), and the site's tab (content script and main world share its renderer thread).
 * Prints each context's busy time and its heaviest functions by self time. Not part of `npm run bench`: the
 * profiler slows what it measures; this says where, the bench says how much.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStaticServer } from '../fixtures/static-server.mjs';
import { launchWithDevTools, type TargetInfo } from './devtools';

const BENCH_DIST = resolve(import.meta.dirname, '../../dist-bench');
const entry = process.argv[2] === 'assistant' ? 'benchAssistantTurns' : 'benchToolCalls';
const native = process.argv[3] === 'native';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(label: string, profile: Profile, extId: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += us;
    if (functionName === '(idle)') continue;
    busy += us;
    const file = url.replace(`chrome-extension://${extId}/`, '').replace(/\?.*/, '') || '(native)';
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const perCall = (us: number) => `${(us / 1000 / ITERATIONS).toFixed(3)} ms/iteration`;
  console.log(
    `\n### ${label}: busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms (${perCall(busy)})`,
  );
  console.log('\nBy file (self time):');
  for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${perCall(us).padStart(22)}  ${k}`);
  console.log('\nHeaviest functions (self time):');
  for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${perCall(us).padStart(22)}  ${k}`);
}

const { context, cdp } = await launchWithDevTools({ nativeWebMcp: native, dist: BENCH_DIST });
const { server, url: siteUrl } = await startStaticServer(0);
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extId = new URL(worker.url()).host;
  const site = await context.newPage();
  await site.goto(`${siteUrl}/blank.html`);
  await site.evaluate(`document.modelContext.registerTool({
    name: 'bench_echo', description: 'Echoes its input',
    inputSchema: { type: 'object', properties: { n: { type: 'number' } } },
    annotations: { readOnlyHint: true }, execute: (input) => input,
  })`);
  await site.bringToFront();
  const tabId = await worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  const bench = await context.newPage();
  await bench.goto(`chrome-extension://${extId}/extension/bench/index.html`);

  const contexts = [
    ['service worker (host)', (t: TargetInfo) => t.type === 'service_worker'],
    ['bench page (assistant Client)', (t: TargetInfo) => t.url.includes('/extension/bench/')],
    ['site tab (content script + main world)', (t: TargetInfo) => t.url.startsWith(siteUrl)],
  ] as const;
  const sessions: [string, string][] = [];
  for (const [label, match] of contexts) {
    const sessionId = await cdp.attach(match);
    await cdp.send('Profiler.enable', {}, sessionId);
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 }, sessionId);
    sessions.push([label, sessionId]);
  }
  // Warm up once without the profiler (the first calls compile everything), then profile a second run.
  const run = (n: number) =>
    bench.evaluate(
      ([fn, tab, o, name, count]) =>
        (window as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[fn]!(
          tab,
          o,
          'bench_echo',
          name,
          count,
        ),
      [
        entry,
        tabId,
        new URL(siteUrl).origin,
        `127.0.0.1_http_p${new URL(siteUrl).port}__bench_echo`,
        n,
      ] as const,
    );
  await run(50);
  for (const [, s] of sessions) await cdp.send('Profiler.start', {}, s);
  await run(ITERATIONS);
  console.log(
    `Profile of ${ITERATIONS} ${entry === 'benchToolCalls' ? 'tool calls' : 'assistant turns'} (${native ? 'native' : 'polyfill'} WebMCP), each interleaved with one floor round trip (plus 30 warm-ups of each); times per iteration.`,
  );
  for (const [label, s] of sessions) {
    const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop', {}, s);
    // For a closer look (Chrome DevTools' Performance panel opens .cpuprofile files).
    if (process.env.PROFILE_DIR)
      writeFileSync(
        join(process.env.PROFILE_DIR, `${label.split(' ')[0]}.cpuprofile`),
        JSON.stringify(profile),
      );
    summarize(label, profile, extId);
  }
  cdp.close();
} finally {
  server.close();
  await context.close();
}
