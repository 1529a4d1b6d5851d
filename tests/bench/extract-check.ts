/**
 * `node --import tsx tests/bench/extract-check.ts dump <out.json>` | `profile <page> [runs]` | `time [runs]`:
 * the extractor (src/page/extract.ts, bundled here with esbuild as the extension bundles it) in real
 * Chromium on the twelve corpus pages. `dump` writes every page's extractArticle output (title, byline,
 * excerpt, siteName, lang, readerable, markdown) so a change to the extractor can be diffed for quality;
 * `profile` runs it under the V8 sampling profiler and prints self time per function; `time` prints the
 * median per stage. Not part of `npm run bench`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { chromiumPath } from '../e2e/browser';
import { CORPUS_PAGES } from './corpus-pages';

const ROOT = resolve(import.meta.dirname, '../..');
const CORPUS = join(ROOT, 'tests/fixtures/corpus');
const [mode = 'dump', arg, runsArg] = process.argv.slice(2);

const bundle = await build({
  stdin: {
    contents:
      "import { extractArticle } from './src/page/extract'; (globalThis as any).extractArticle = extractArticle;",
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  target: 'es2022',
  minify: mode !== 'profile',
  write: false,
});
const script = bundle.outputFiles[0]!.text;

const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
const page = await browser.newPage();
// A real page's address, as the unit test uses: Readability makes links absolute against the base URI.
await page.route('http://fakehost/**', (route) =>
  route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>x</title>' }),
);
await page.goto('http://fakehost/test/page.html');
await page.addScriptTag({ content: script });
const html = (name: string) => readFileSync(join(CORPUS, name, 'source.html'), 'utf8');

// Strings, not functions: tsx's transpiled functions reference helpers that do not exist in the page.
const EXTRACT = `(html, runs) => {
  const out = { stages: [], total: [], parse: [] };
  let article;
  for (let i = 0; i < runs + 2; i++) {
    let t = performance.now();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const parse = performance.now() - t;
    t = performance.now();
    article = extractArticle(doc);
    const total = performance.now() - t;
    if (i >= 2) { out.stages.push(article.timings); out.total.push(total); out.parse.push(parse); }
  }
  const { timings, ...rest } = article;
  return { ...out, article: rest };
}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

interface Run {
  stages: { clone: number; readability: number; turndown: number }[];
  total: number[];
  parse: number[];
  article: Record<string, unknown> & { markdown: string };
}
const run = (name: string, runs: number) =>
  page.evaluate(`(${EXTRACT})(${JSON.stringify(html(name))}, ${runs})`) as Promise<Run>;

if (mode === 'dump') {
  const all: Record<string, unknown> = {};
  for (const name of CORPUS_PAGES) all[name] = (await run(name, 0)).article;
  writeFileSync(arg ?? '/tmp/extract-dump.json', JSON.stringify(all, null, 1));
  console.log(`wrote ${arg ?? '/tmp/extract-dump.json'}`);
} else if (mode === 'time') {
  const runs = Number(arg ?? 15);
  console.log('| page | parse | extract | clone / readability / turndown | ratio | chars |');
  for (const name of CORPUS_PAGES) {
    const r = await run(name, runs);
    const s = (k: 'clone' | 'readability' | 'turndown') => median(r.stages.map((x) => x[k])).toFixed(1);
    const [p, e] = [median(r.parse), median(r.total)];
    console.log(
      `| ${name} | ${p.toFixed(1)} | ${e.toFixed(1)} | ${s('clone')} / ${s('readability')} / ${s('turndown')} | ${(e / p).toFixed(2)}× | ${r.article.markdown.length} |`,
    );
  }
} else if (mode === 'profile') {
  const name = arg ?? 'wikipedia-2';
  const runs = Number(runsArg ?? 10);
  const cdp = await page.context().newCDPSession(page);
  await run(name, 1); // warm
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await run(name, runs - 2);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: {
        id: number;
        children?: number[];
        callFrame: { functionName: string; lineNumber: number; columnNumber: number };
      }[];
      samples: number[];
      timeDeltas: number[];
    };
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  // Inclusive time: each function once per sampled stack (recursion counted once).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const { functionName, lineNumber } = byId.get(n)!.callFrame;
      seen.add(`${functionName || '(anonymous)'}:${lineNumber + 1}`);
    }
    for (const k of seen) total.set(k, (total.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  // CALLERS=name: that function's self time by the function that called it.
  const callers = new Map<string, number>();
  if (process.env.CALLERS) {
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      if (node.callFrame.functionName !== process.env.CALLERS) return;
      const up = byId.get(parent.get(id) ?? -1)?.callFrame;
      const up2 = byId.get(parent.get(parent.get(id) ?? -1) ?? -1)?.callFrame;
      const key = `${up?.functionName}:${(up?.lineNumber ?? 0) + 1} < ${up2?.functionName}:${(up2?.lineNumber ?? 0) + 1}`;
      callers.set(key, (callers.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
  }
  let busy = 0;
  for (const [k, us] of self) if (k.split(':')[0] !== '(idle)' && k.split(':')[0] !== '(program)') busy += us;
  console.log(`${name}: ${(busy / 1000 / runs).toFixed(1)} ms busy per run (parse included)`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40)))
    console.log(
      `${(us / 1000 / runs).toFixed(2).padStart(8)} ms self ${((total.get(k) ?? 0) / 1000 / runs).toFixed(2).padStart(8)} ms total  ${k}`,
    );
  for (const [k, us] of [...callers].sort((a, b) => b[1] - a[1]))
    console.log(`caller ${(us / 1000 / runs).toFixed(2).padStart(8)} ms  ${k}`);
  console.log('\nBy total time:');
  for (const [k, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40)))
    console.log(`${(us / 1000 / runs).toFixed(2).padStart(8)} ms total  ${k}`);
}
await browser.close();
