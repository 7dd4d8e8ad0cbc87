// A soak run: many check-ins back to back through the real core, with faults if asked, and what it measured.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import type { KeyedEntry } from '../../electron/common/contract';
import { simulatedCardHolders, simulatedPeople } from '../../electron/core/gateway/simulator/people';
import { readKeyFile } from '../../electron/core/log/chain-key';
import { verifyChain } from '../../electron/core/log/chain-verify';
import { openLogDatabase } from '../../electron/core/log/open-database';
import type { VirtualCardVariant } from '../../native/sim/virtual-card';
import { availableFaults, Fault, type FaultKind, type FaultPlan } from './faults';
import { prepareLogDisk, type LogDiskMethod } from './log-disk';
import { isoBirthDate, printedExpiryAhead, simulatedPersonAt } from '../support/simulated-people';
import {
  cardCheckin,
  keyedCheckin,
  ScreenWatcher,
  type AttemptPlan,
  type AttemptResult,
  type Route,
} from './patient';
import { startSoakKiosk, type SoakKiosk, type SoakMode } from './soak-kiosk';
import { prepareSoakPcscd, type SoakPcscd } from './soak-pcscd';
import { heapUsedMb, LoopDelay, percentiles, round, seededRandom, type Percentiles } from './soak-stats';

export interface SoakOptions {
  checkins: number;
  mode: SoakMode;
  faults: boolean;
  seed: number;
  /** Where the summary, the kiosk's console output and a copy of the log go. */
  outDir: string;
  /** Share of check-ins struck by a fault (with `faults`). */
  faultRate?: number;
  /** Strike the fault kinds in turn instead of at random, so a short run meets every kind. */
  cycleFaults?: boolean;
  /** The simulator's answer time outside faults (ms). */
  gatewayLatencyMs?: number;
  progress?: (line: string) => void;
}

/** The targets of the soak (issue: soak and fault campaign). */
export const SOAK_TARGETS = {
  heapGrowthMb: 10,
  eventLoopP99Ms: 50,
  /** The kiosk is idle and detecting cards again this soon after pcscd returns. */
  pcscdRecoveryMs: 5_000,
  /** Check-ins before the heap baseline is taken (JIT, caches and pools warm up first). */
  warmupCheckins: 1_000,
} as const;

/** Longest wait for the kiosk to be idle with its reader after a fault is lifted. */
const READY_MS = 60_000;

export interface SoakSummary {
  mode: SoakMode;
  checkins: number;
  faults: boolean;
  seed: number;
  startedAt: string;
  durationS: number;
  checkinsPerMinute: number;
  machine: { cpus: number; cpuModel: string; node: string };
  routes: Record<Route, number>;
  endings: Record<string, number>;
  attemptMs: Percentiles;
  unexpected: { count: number; first: { index: number; what: string }[] };
  faultsStruck: Partial<Record<FaultKind, number>>;
  logFaultMethod: LogDiskMethod;
  recoveryMs: Partial<Record<FaultKind, Percentiles>>;
  longestRecoveryMs: number;
  heap: { baselineMb: number; endMb: number; growthMb: number; afterGc: boolean; samples: number[] };
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  kioskConsoleErrors: number;
  log: { attempts: number; rows: number; chain: string; integrity: string; file: string };
  verdict: { pass: boolean; failures: string[] };
}

const variants: [VirtualCardVariant, number][] = [
  ['physical', 0.85],
  ['android', 0.05],
  ['iphone', 0.05],
  ['face-auth', 0.05],
];
const routes: [Route, number][] = [
  ['pin', 0.7],
  ['wrong-pin', 0.1],
  ['visual', 0.1],
  ['keyed', 0.1],
];

function pick<T>(random: () => number, table: readonly [T, number][]): T {
  let r = random();
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = table.at(-1);
  if (!last) throw new Error('empty table');
  return last[0];
}

const choose = <T>(random: () => number, values: readonly T[]): T => {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('nothing to choose from');
  return value;
};

/** The 資格確認書 of every simulated person whose numbers pass the rules, as staff would key them. */
async function keyedEntries(kiosk: SoakKiosk): Promise<KeyedEntry[]> {
  const entries: KeyedEntry[] = [];
  for (const { id } of simulatedPeople) {
    const person = simulatedPersonAt(id);
    const entry: KeyedEntry = {
      documentKind: 'shikaku-kakuninsho',
      insurerNumber: person.insurerNumber,
      symbol: person.symbol ?? '',
      number: person.number,
      branch: person.branch ?? '',
      birthDate: isoBirthDate(person.birthdate),
      // Every 資格確認書 prints its 有効期限 (§4.1).
      validUntil: printedExpiryAhead(),
    };
    const checked = await kiosk.staffInvoke('staff.keyed.validate', { entry });
    if (checked.ok && checked.value.ok) entries.push(entry);
  }
  if (entries.length === 0) throw new Error('no simulated person passes the keyed-entry rules');
  return entries;
}

export async function runSoak(options: SoakOptions): Promise<SoakSummary> {
  const say = options.progress ?? (() => undefined);
  const random = seededRandom(options.seed);
  const faultRate = options.faultRate ?? 0.15;
  // A run starts from an empty log: what a previous run in this folder left is not this run's.
  for (const own of ['log', 'evidence', 'confirmation-log.key'])
    rmSync(path.join(options.outDir, own), { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const consoleFile = path.join(options.outDir, 'kiosk-console.log');
  writeFileSync(consoleFile, '');
  let consoleErrors = 0;
  const originalError = console.error;
  console.error = (...args: unknown[]): void => {
    consoleErrors += 1;
    appendFileSync(consoleFile, `${format(...args)}\n`);
  };

  const pcscd: SoakPcscd | undefined = options.mode === 'pcscd' ? await prepareSoakPcscd() : undefined;
  // Room for the run's rows (~1 KB each, BENCHMARKS.md) and the WAL, so only the fault fills it.
  const disk = prepareLogDisk(
    path.join(options.outDir, 'log'),
    options.faults,
    64 + Math.ceil(options.checkins / 500),
  );
  const logKeyPath = path.join(options.outDir, 'confirmation-log.key');
  const kiosk = await startSoakKiosk({
    mode: options.mode,
    logPath: disk.logPath,
    logKeyPath,
    injectLogFault: disk.method === 'injected',
    ...(options.gatewayLatencyMs ? { gatewayLatencyMs: options.gatewayLatencyMs } : {}),
  });
  const gatewayBase = options.gatewayLatencyMs ? { latencyMs: options.gatewayLatencyMs } : {};
  const watcher = new ScreenWatcher(kiosk.patient);
  const kinds = availableFaults(options.mode, pcscd?.killable ?? false);
  if (options.faults && options.mode === 'pcscd' && !pcscd?.killable) {
    say(
      'pcscd was not started by this run: pcscd faults are left out (stop the system pcscd to include them)',
    );
  }

  const results: AttemptResult[] = [];
  const unexpected: { index: number; what: string }[] = [];
  const struck: Partial<Record<FaultKind, number>> = {};
  const recovery: Partial<Record<FaultKind, number[]>> = {};
  const heapSamples: number[] = [];
  const loop = new LoopDelay();
  const warmup = Math.min(SOAK_TARGETS.warmupCheckins, Math.max(1, Math.floor(options.checkins / 10)));
  let baseline = heapUsedMb();
  const started = Date.now();
  const startedAt = new Date().toISOString();

  try {
    const entries = await keyedEntries(kiosk);
    const firstReady = await waitReady(kiosk, watcher, READY_MS);
    if (firstReady === undefined)
      throw new Error('the kiosk did not become idle with its reader at the start');
    loop.start();
    let faultCount = 0;

    for (let index = 0; index < options.checkins; index++) {
      const route = pick(random, routes);
      const faultPlan: FaultPlan | undefined =
        options.faults && random() < faultRate
          ? {
              kind: options.cycleFaults
                ? (kinds[faultCount++ % kinds.length] ?? 'card-removed')
                : choose(random, kinds),
              atStep: Math.floor(random() * 5),
              holdMs: 500 + Math.floor(random() * 2_500),
            }
          : undefined;
      const plan: AttemptPlan = {
        index,
        route,
        serialHex: choose(random, simulatedCardHolders).serialHex,
        variant: route === 'visual' ? 'physical' : pick(random, variants),
        consent: pick(random, [
          ['all-yes', 0.6],
          ['each', 0.25],
          ['all-no', 0.15],
        ]),
        limitConsent: random() < 0.85,
        ...(route === 'keyed' ? { entry: choose(random, entries) } : {}),
        ...(faultPlan?.kind === 'card-removed' ? { removeAfterApdus: 1 + Math.floor(random() * 24) } : {}),
      };
      // A card pulled away needs a card; the keyed route has none, so the fault moves to the next one.
      const fault =
        faultPlan && !(faultPlan.kind === 'card-removed' && route === 'keyed')
          ? new Fault(faultPlan, { kiosk, watcher, disk, pcscd, gatewayBase })
          : undefined;
      if (fault) struck[fault.kind] = (struck[fault.kind] ?? 0) + 1;

      fault?.before();
      let result: AttemptResult;
      if (route === 'keyed') {
        if (fault && fault.plan.atStep < 3) await fault.strike();
        result = await keyedCheckin(kiosk, plan, fault !== undefined);
      } else {
        result = await cardCheckin(kiosk, watcher, plan, fault !== undefined, async (step) => {
          if (fault && step === fault.plan.atStep) await fault.strike();
        });
      }
      const lifted = await fault?.lift();
      const readyAt = await waitReady(kiosk, watcher, READY_MS);
      if (readyAt === undefined) {
        result.unexpected ??= `the kiosk was not idle with its reader within ${READY_MS} ms${fault ? ` after ${fault.kind}` : ''} (screen: ${watcher.snapshot?.screen.name ?? '?'})`;
      } else if (fault && lifted !== undefined) {
        (recovery[fault.kind] ??= []).push(Math.max(0, readyAt - lifted));
      }
      results.push(result);
      if (result.unexpected)
        unexpected.push({ index, what: `${fault ? `[${fault.kind}] ` : ''}${result.unexpected}` });

      const done = index + 1;
      if (done === warmup) baseline = heapUsedMb();
      if (done % 1_000 === 0 || done === options.checkins) heapSamples.push(round(heapUsedMb().mb));
      if (done % 100 === 0 || done === options.checkins) {
        const rate = (done / (Date.now() - started)) * 60_000;
        say(`${done}/${options.checkins} check-ins, ${rate.toFixed(0)}/min, unexpected ${unexpected.length}`);
      }
    }
  } catch (error) {
    // A run that cannot go on still reports what it saw, and fails.
    unexpected.push({
      index: results.length,
      what: `the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    });
  }
  const loopDelay = loop.stop();
  const end = heapUsedMb();
  watcher.close();
  try {
    await kiosk.stop();
  } finally {
    console.error = originalError;
  }
  const logCheck = checkLog(disk.logPath, readKeyFile(logKeyPath));
  disk.release(path.join(options.outDir, 'evidence'));
  await pcscd?.finish();
  const durationMs = Date.now() - started;
  const endings: Record<string, number> = {};
  const routeCounts: Record<Route, number> = { pin: 0, 'wrong-pin': 0, visual: 0, keyed: 0 };
  for (const r of results) {
    endings[r.ending] = (endings[r.ending] ?? 0) + 1;
    routeCounts[r.route] += 1;
  }
  const recoveryMs: Partial<Record<FaultKind, Percentiles>> = {};
  for (const [kind, values] of Object.entries(recovery)) recoveryMs[kind as FaultKind] = percentiles(values);
  const longestRecoveryMs = Math.max(0, ...Object.values(recovery).flat());
  const pcscdRecovery = [
    ...(recovery['pcscd-restart'] ?? []),
    ...(options.mode === 'pcscd' ? (recovery['reader-gone'] ?? []) : []),
  ];
  const summary: SoakSummary = {
    mode: options.mode,
    checkins: results.length,
    faults: options.faults,
    seed: options.seed,
    startedAt,
    durationS: round(durationMs / 1000),
    checkinsPerMinute: round((results.length / durationMs) * 60_000),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version },
    routes: routeCounts,
    endings,
    attemptMs: percentiles(results.map((r) => r.ms)),
    unexpected: { count: unexpected.length, first: unexpected.slice(0, 20) },
    faultsStruck: struck,
    logFaultMethod: disk.method,
    recoveryMs,
    longestRecoveryMs,
    heap: {
      baselineMb: round(baseline.mb),
      endMb: round(end.mb),
      growthMb: round(end.mb - baseline.mb),
      afterGc: end.afterGc,
      samples: heapSamples,
    },
    eventLoopDelayMs: loopDelay,
    kioskConsoleErrors: consoleErrors,
    log: {
      attempts: results.length,
      ...logCheck,
      file: path.join(options.outDir, 'evidence', 'confirmations.sqlite'),
    },
    verdict: { pass: true, failures: [] },
  };
  summary.verdict = verdictOf(summary, Math.max(0, ...pcscdRecovery));
  writeFileSync(path.join(options.outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

/** Idle, the reader listed and empty: the kiosk would take the next card. Answers when, or undefined. */
async function waitReady(kiosk: SoakKiosk, watcher: ScreenWatcher, ms: number): Promise<number | undefined> {
  const deadline = Date.now() + ms;
  let refreshed = 0;
  for (;;) {
    const now = Date.now();
    if (now - refreshed >= 250) {
      refreshed = now;
      await watcher.refresh();
    }
    const idle = watcher.snapshot?.screen.name === 'idle';
    const reader =
      kiosk.port.readers().includes(kiosk.slot.reader) && !kiosk.port.cardPresent(kiosk.slot.reader);
    if (idle && reader) return Date.now();
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 10));
  }
}

function checkLog(file: string, key: Buffer): { rows: number; chain: string; integrity: string } {
  const db = openLogDatabase(file, { readonly: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const chain = verifyChain(db, { key });
    return {
      rows: chain.ok ? chain.rows : -1,
      chain: chain.ok ? 'ok' : `broken at ${chain.table} id ${chain.id}: ${chain.reason}`,
      integrity,
    };
  } finally {
    db.close();
  }
}

function verdictOf(s: SoakSummary, pcscdRecoveryMs: number): { pass: boolean; failures: string[] } {
  const failures: string[] = [];
  if (s.unexpected.count > 0) failures.push(`${s.unexpected.count} unexpected errors`);
  if (s.log.rows !== s.log.attempts) failures.push(`log rows ${s.log.rows} ≠ attempts ${s.log.attempts}`);
  if (s.log.chain !== 'ok') failures.push(`chain ${s.log.chain}`);
  if (s.log.integrity !== 'ok') failures.push(`integrity ${s.log.integrity}`);
  // Heap and event-loop targets apply to the long fault-free run, where the warm-up is a real baseline.
  if (!s.faults && s.checkins >= 2 * SOAK_TARGETS.warmupCheckins) {
    if (s.heap.growthMb >= SOAK_TARGETS.heapGrowthMb) failures.push(`heap grew ${s.heap.growthMb} MB`);
    if (s.eventLoopDelayMs.p99 >= SOAK_TARGETS.eventLoopP99Ms)
      failures.push(`event-loop p99 ${s.eventLoopDelayMs.p99} ms`);
  }
  if (pcscdRecoveryMs > SOAK_TARGETS.pcscdRecoveryMs)
    failures.push(`recovery after pcscd returned took ${pcscdRecoveryMs} ms`);
  return { pass: failures.length === 0, failures };
}
