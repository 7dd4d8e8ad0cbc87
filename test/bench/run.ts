// `npm run bench [-- <name filter>]`: runs every test/bench/*.bench.ts in its own process, in order, each within a time limit.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SKIPPED_EXIT_CODE } from './support/outcome';

const dir = import.meta.dirname;
const filter = process.argv[2] ?? '';
/** The longest one benchmark may run (the 1,000,000-row log benchmark takes a few minutes); BENCH_TIMEOUT_S overrides. */
const limitSeconds = Number(process.env.BENCH_TIMEOUT_S ?? 1_200);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

const passed: string[] = [];
const failed: string[] = [];
const skipped: string[] = [];
for (const bench of benches) {
  console.log(`\n### ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, bench)], {
    stdio: 'inherit',
    timeout: limitSeconds * 1000,
    killSignal: 'SIGTERM',
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (timedOut) {
    console.log(`${bench}: FAILED — no result within ${limitSeconds} s; stopped`);
    failed.push(`${bench} (timed out)`);
  } else if (result.status === SKIPPED_EXIT_CODE) {
    skipped.push(bench);
  } else if (result.status === 0) {
    passed.push(bench);
  } else {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${String(result.status)}`;
    console.log(`${bench}: FAILED — ${how}`);
    failed.push(`${bench} (${how})`);
  }
}
console.log(`\n${passed.length} passed, ${failed.length} failed, ${skipped.length} skipped`);
if (failed.length) console.log(`failed: ${failed.join(', ')}`);
if (skipped.length) console.log(`skipped: ${skipped.join(', ')}`);
process.exit(failed.length ? 1 : 0);
