// Staff passcode hashing: one scrypt verification at the OWASP cost (N=2^17, r=8, p=1) against the earlier cost (N=2^14), and what an offline guess of a 6-digit passcode costs.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  hashStaffPin,
  STAFF_PIN_COST,
  STAFF_PIN_LEGACY_COST,
  verifyStaffPin,
} from '../../electron/core/staff/staff-pin';

const ROUNDS = 7;

async function medianVerifyMs(cost: { N: number; r: number; p: number }): Promise<number> {
  const hash = await hashStaffPin('482916', cost);
  await verifyStaffPin('482916', hash); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const ok = await verifyStaffPin(i % 2 === 0 ? '482916' : '000000', hash);
    times.push(performance.now() - start);
    if (ok !== (i % 2 === 0)) throw new Error('verification answered wrongly');
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const cores = os.availableParallelism();
console.log(`machine: ${cores} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
const rows: [string, { N: number; r: number; p: number }][] = [
  ['earlier cost', STAFF_PIN_LEGACY_COST],
  ['current cost (OWASP)', STAFF_PIN_COST],
];
console.log('| cost | N | memory MiB | median verify ms | 10^6 six-digit guesses on all cores |');
console.log('|---|---:|---:|---:|---:|');
for (const [label, cost] of rows) {
  const ms = await medianVerifyMs(cost);
  const memory = (128 * cost.N * cost.r * cost.p) / 2 ** 20;
  // Every 6-digit passcode, one verification each, spread over every core of this machine.
  const days = (1e6 * ms) / cores / 86_400_000;
  console.log(
    `| ${label} | 2^${Math.log2(cost.N)} | ${memory} | ${ms.toFixed(0)} | ${days.toFixed(1)} days |`,
  );
}
