import { resolve } from 'node:path';
import { launchWithExtension } from '../e2e/browser';
import { startStaticServer } from '../fixtures/static-server.mjs';

const { server, url } = await startStaticServer(0);
const context = await launchWithExtension({ nativeWebMcp: false, dist: resolve('dist-bench') });
const site = await context.newPage();
await site.goto(`${url}/blank.html`);
await site.evaluate(
  `document.modelContext.registerTool({name:'bench_echo',description:'e',inputSchema:{type:'object'},execute:(i)=>i})`,
);
await site.bringToFront();
const worker = context.serviceWorkers()[0]!;
const tabId = await worker.evaluate(
  async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
);
const bench = await context.newPage();
await bench.goto(`chrome-extension://${new URL(worker.url()).host}/extension/bench/index.html`);
const sessions = { site: await context.newCDPSession(site), bench: await context.newCDPSession(bench) };
for (const s of Object.values(sessions)) {
  await s.send('Profiler.enable');
  await s.send('Profiler.setSamplingInterval', { interval: 100 });
  await s.send('Profiler.start');
}
const r = await bench.evaluate(([t, o, n]) => (window as any).benchToolCalls(t, o, 'bench_echo', n, 400), [
  tabId,
  new URL(url).origin,
  `127.0.0.1_http_p${new URL(url).port}__bench_echo`,
] as const);
for (const [name, s] of Object.entries(sessions)) {
  const { profile } = (await s.send('Profiler.stop')) as any;
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id: number, i: number) => {
    const n: any = byId.get(id);
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`== ${name} total ${(total / 1000).toFixed(0)} ms`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`${((100 * v) / total).toFixed(1)}% ${k}`);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log('floor', med(r.floorMs), 'mcp', med(r.mcpMs));
await context.close();
server.close();
