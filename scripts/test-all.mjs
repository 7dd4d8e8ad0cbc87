// `npm test`: every check in order — typecheck, lint, format, renderer build, then unit, integration, e2e.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', ['run', '--silent', 'typecheck']],
  ['lint', ['run', '--silent', 'lint']],
  ['format', ['run', '--silent', 'format:check']],
  ['electronegativity', ['run', '--silent', 'security:electron']],
  ['build renderer', ['run', '--silent', 'build:renderer']],
  [
    'tests',
    ['exec', '--', 'vitest', 'run', '--reporter=default', '--reporter=./scripts/summary-reporter.mjs'],
  ],
];

for (const [name, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync('npm', args, { stdio: 'inherit' });
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
