// `npm run soak -- --checkins <n> [--faults] [--pcscd] [--seed <n>] [--out <dir>]`: a soak run and its summary.
import path from 'node:path';
import { runSoak, type SoakSummary } from './soak';

const usage =
  'usage: npm run soak -- --checkins <n> [--faults] [--pcscd] [--seed <n>] [--fault-rate <0-1>] [--gateway-ms <n>] [--out <dir>]';

function parse(argv: readonly string[]) {
  const flags = new Set(['--faults', '--pcscd']);
  const values = new Map<string, string>();
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (flags.has(arg)) {
      seen.add(arg);
      continue;
    }
    if (!['--checkins', '--seed', '--out', '--fault-rate', '--gateway-ms'].includes(arg)) {
      throw new Error(`unknown option "${arg}"\n${usage}`);
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${arg} needs a value\n${usage}`);
    values.set(arg, value);
    i += 1;
  }
  const number = (name: string, fallback: number, ok: (n: number) => boolean): number => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || !ok(n)) throw new Error(`${name} "${text}" is not allowed\n${usage}`);
    return n;
  };
  const checkins = number('--checkins', Number.NaN, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000);
  if (Number.isNaN(checkins)) throw new Error(`--checkins is required\n${usage}`);
  const mode = seen.has('--pcscd') ? ('pcscd' as const) : ('in-process' as const);
  const faults = seen.has('--faults');
  return {
    checkins,
    mode,
    faults,
    seed: number('--seed', 20261127, (n) => Number.isInteger(n) && n >= 0),
    faultRate: number('--fault-rate', 0.15, (n) => n >= 0 && n <= 1),
    gatewayLatencyMs: number('--gateway-ms', 0, (n) => Number.isInteger(n) && n >= 0 && n <= 60_000),
    outDir: path.resolve(
      values.get('--out') ?? path.join('.tmp', 'soak', `${mode}-${checkins}${faults ? '-faults' : ''}`),
    ),
  };
}

function print(s: SoakSummary, outDir: string): void {
  const lines = [
    `soak ${s.mode}${s.faults ? ' with faults' : ''}: ${s.checkins} check-ins in ${s.durationS} s (${s.checkinsPerMinute}/min) on ${s.machine.cpus} × ${s.machine.cpuModel}, Node ${s.machine.node}`,
    `routes      ${JSON.stringify(s.routes)}`,
    `endings     ${JSON.stringify(s.endings)}`,
    `attempt ms  p50 ${s.attemptMs.p50} · p95 ${s.attemptMs.p95} · p99 ${s.attemptMs.p99} · max ${s.attemptMs.max}`,
    `event loop  p50 ${s.eventLoopDelayMs.p50} · p99 ${s.eventLoopDelayMs.p99} · max ${s.eventLoopDelayMs.max} ms`,
    `heap        ${s.heap.baselineMb} MB after warm-up → ${s.heap.endMb} MB at the end (growth ${s.heap.growthMb} MB${s.heap.afterGc ? ', after GC' : ', without --expose-gc'})`,
    `log         ${s.log.rows} rows for ${s.log.attempts} attempts · chain ${s.log.chain} · integrity ${s.log.integrity}`,
  ];
  if (s.faults) {
    lines.push(`faults      ${JSON.stringify(s.faultsStruck)} (log disk: ${s.logFaultMethod})`);
    for (const [kind, p] of Object.entries(s.recoveryMs)) {
      lines.push(`  recovery ${kind.padEnd(18)} n=${p.count} p50 ${p.p50} · max ${p.max} ms`);
    }
    lines.push(`longest recovery ${s.longestRecoveryMs} ms`);
  }
  lines.push(`unexpected  ${s.unexpected.count}`);
  for (const u of s.unexpected.first) lines.push(`  #${u.index}: ${u.what}`);
  lines.push(`kiosk console errors ${s.kioskConsoleErrors} (${path.join(outDir, 'kiosk-console.log')})`);
  lines.push(`summary     ${path.join(outDir, 'summary.json')}`);
  lines.push(s.verdict.pass ? 'PASS' : `FAIL: ${s.verdict.failures.join('; ')}`);
  console.log(lines.join('\n'));
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  const summary = await runSoak({ ...options, progress: (line) => console.log(line) });
  print(summary, options.outDir);
  return summary.verdict.pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
