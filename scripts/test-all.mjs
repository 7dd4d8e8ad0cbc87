// `npm test`: static checks, then each test layer as its own vitest run (unit in three time zones); one summary.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const isCI = process.env.CI === 'true';
const summaryDir = path.join(root, '.tmp', 'test-summary');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

/** Checks that are not tests. A failure fails the run, but the tests still run so the output shows everything. */
const checks = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'format', script: 'format:check' },
  { name: 'electronegativity', script: 'security:electron' },
  { name: 'build renderer', script: 'build:renderer' },
];

/**
 * The test steps, each one vitest run. `env` is added to that step's environment only: a time zone today,
 * anything else a layer needs tomorrow. `node24` runs the step on Node 24 (scripts/node24.mjs), the Node
 * inside Electron 45, with the native modules built for it.
 */
const steps = [
  { name: 'unit', projects: ['unit'], env: { TZ: 'UTC' } },
  { name: 'unit', projects: ['unit'], env: { TZ: 'Asia/Tokyo' } },
  { name: 'unit', projects: ['unit'], env: { TZ: 'Pacific/Honolulu' } },
  { name: 'integration', projects: ['integration'] },
  { name: 'system', projects: ['system'] },
  // A clinic zone that is not Tokyo, so nothing passes only because the machine runs on Japan time.
  { name: 'e2e', projects: ['e2e'], env: { TZ: 'Pacific/Honolulu' } },
  // Under CI: the layers with native modules again on the Node the shipped kiosk runs.
  ...(isCI
    ? [{ name: 'unit + integration on Node 24', projects: ['unit', 'integration'], node24: true }]
    : []),
];

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
/** The zone a step runs in: its own TZ, else this process's (TZ, or the machine's). */
const zoneOf = (env) => env?.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

const failedChecks = [];
for (const check of checks) {
  console.log(`\n=== ${check.name} ===`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', check.script], { cwd: root, stdio: 'inherit' });
  const ok = result.status === 0;
  if (!ok) failedChecks.push(check.name);
  console.log(`=== ${check.name}: ${ok ? 'ok' : 'FAILED'} (${seconds(started)})`);
}

rmSync(summaryDir, { recursive: true, force: true });
const results = [];
for (const [index, step] of steps.entries()) {
  const zone = zoneOf(step.env);
  const label = `${step.name} [${zone}]`;
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const summaryFile = path.join(summaryDir, `${index}.json`);
  const vitestArgs = [
    'run',
    ...step.projects.flatMap((project) => ['--project', project]),
    '--reporter=default',
    '--reporter=./scripts/summary-reporter.mjs',
  ];
  const command = step.node24
    ? [path.join(root, 'scripts', 'node24.mjs'), ...vitestArgs]
    : [vitest, ...vitestArgs];
  const result = spawnSync(process.execPath, command, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env, KIOSK_TEST_SUMMARY: summaryFile },
  });
  const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : undefined;
  const counts = summary?.totals ?? { passed: 0, failed: 0, skipped: 0 };
  // A run that failed outside any test (set-up, an unhandled error, a crash) counts as one failure.
  const note = result.status !== 0 && counts.failed === 0 ? ` (exit ${result.status ?? result.signal})` : '';
  if (note) counts.failed += 1;
  const time = seconds(started);
  results.push({ label, counts, time, note, outside: summary?.outside ?? [] });
  console.log(`=== ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} (${time})`);
}

console.log('\n=== summary ===');
for (const name of failedChecks) console.log(`${name}: FAILED`);
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const { label, counts, time, note, outside } of results) {
  console.log(
    `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${note} (${time})`,
  );
  for (const line of outside) console.log(`  ${line}`);
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedChecks.length > 0 || totals.failed > 0 ? 1 : 0);
