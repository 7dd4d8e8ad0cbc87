// A staff need at one terminal → the clinic view's console has it (target p95 ≤ 2 s): replicator, event row, NOTIFY, LISTEN.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CentralConfigSchema } from '../../electron/core/central/central-config';
import type { ClinicStaffEvent } from '../../electron/core/central/clinic-view';
import { openLocalLogSource } from '../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../electron/core/central/replication-state';
import { createReplicator, type StaffNeed } from '../../electron/core/central/replicator';
import { connectCentral } from '../../electron/core/central/start-central';
import { openClinicView } from '../../electron/core/central/start-clinic-view';
import {
  DATABASE,
  addConsole,
  addTerminal,
  centralConfigFor,
  clientAs,
  createClinicDatabase,
  localLog,
} from '../integration/central/central-fixtures';
import { manualClock } from '../support/manual-clock';
import { createPostgresCluster, hasPostgres } from '../support/postgres';
import { within } from './support/bounded';
import { failBench, skipBench } from './support/outcome';

const NAME = 'clinic-push bench';
if (!hasPostgres()) skipBench(NAME, 'PostgreSQL is missing: sudo scripts/install-test-deps.sh');

const rounds = Number(process.env.CLINIC_PUSH_ROUNDS ?? 60);
const WARM_UP = 3;
const budgetMs = 2_000;
/** Longest one event may take to reach the console before the run names it as failed. */
const STEP_MS = 15_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const summary = (values: number[]): string =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-bench-clinic-push-'));
const cluster = await within(createPostgresCluster(), 120_000, 'a PostgreSQL cluster');
const stops: Array<() => Promise<void> | void> = [];
try {
  await createClinicDatabase(cluster);
  const viewer = await addConsole(cluster, dir);
  const login = await addTerminal(cluster, dir, 't1');

  // The terminal: its log and its replicator, which ships a changed need as soon as it is nudged (as the
  // kiosk's own staff events nudge it, start-central.ts nudgeOnStaffNeeds).
  const local = localLog(path.join(dir, 't1.sqlite'));
  const source = openLocalLogSource(local.path);
  const needs: StaffNeed[] = [];
  const central = centralConfigFor(login, cluster.port);
  const replicator = createReplicator({
    source,
    state: fileReplicationState(replicationStatePath(local.path)),
    connect: (signal) => connectCentral(central, {}, signal),
    nowMs: () => Date.now(),
    heartbeatMs: 600_000,
    pollMs: 600_000,
    staffNeeded: () => needs,
    backoff: { initialMs: 50, maxMs: 400 },
  });
  const replicating = new AbortController();
  const replicated = replicator.run(replicating.signal);
  stops.push(async () => {
    replicating.abort();
    await replicated;
    source.close();
    local.log.close();
  });

  // The desk: the clinic view of the console role, LISTENing as the staff console's core does.
  const opened = openClinicView(
    CentralConfigSchema.parse({
      consoleUrl: `postgres://${viewer.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
      consolePasswordFile: viewer.passwordFile,
      tls: { mode: 'disable' },
    }),
    manualClock('2026-12-01T00:00:00.000Z', '+09:00'),
  );
  if (!opened) throw new Error('the clinic view did not open');
  let heard: ((event: ClinicStaffEvent) => void) | undefined;
  let connected: () => void = () => undefined;
  const listening = new AbortController();
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const listened = opened.view.listen(listening.signal, {
    onEvent: (event) => heard?.(event),
    onRows: () => undefined,
    onConnected: () => connected(),
  });
  stops.push(async () => {
    listening.abort();
    await listened;
    await opened.close();
  });
  await within(ready, STEP_MS, 'the console to LISTEN');

  /** One need raised (or cleared) at the terminal, timed until the console hears it. */
  async function oneEvent(raise: boolean): Promise<number> {
    const arrived = new Promise<void>((resolve) => {
      heard = (event) => {
        if (event.active === raise) resolve();
      };
    });
    const started = performance.now();
    if (raise) needs.push({ kind: 'visual-pending', reader: 'Sony RC-S300' });
    else needs.length = 0;
    replicator.nudge();
    await within(arrived, STEP_MS, `the console to hear a need ${raise ? 'raised' : 'cleared'}`);
    return performance.now() - started;
  }

  // Baseline in the same run: the server's own NOTIFY from the terminal's login to the same listener's
  // kind of connection, with nothing of ours between (pg_notify on a channel of its own).
  const listenerClient = await clientAs(cluster, viewer);
  const senderClient = await clientAs(cluster, login);
  stops.push(async () => {
    await listenerClient.end();
    await senderClient.end();
  });
  let rawHeard: () => void = () => undefined;
  listenerClient.on('notification', () => rawHeard());
  await listenerClient.query('LISTEN bench_raw');
  async function rawNotify(): Promise<number> {
    const arrived = new Promise<void>((resolve) => {
      rawHeard = resolve;
    });
    const started = performance.now();
    await senderClient.query("SELECT pg_notify('bench_raw', 'x')");
    await within(arrived, STEP_MS, 'a raw NOTIFY');
    return performance.now() - started;
  }

  for (let i = 0; i < WARM_UP; i += 1) {
    await oneEvent(true);
    await oneEvent(false);
    await rawNotify();
  }
  const product: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    product.push(await oneEvent(i % 2 === 0));
    raw.push(await rawNotify());
  }
  if (needs.length > 0) await oneEvent(false);

  console.log(`\n### ${NAME}`);
  console.log(`${rounds} needs raised and cleared at a terminal → heard by the clinic view's LISTEN`);
  console.log(`product (nudge → replicator → events row → trigger NOTIFY → console): ${summary(product)}`);
  console.log(
    `baseline (pg_notify from the terminal's login → a LISTENing console-role client): ${summary(raw)}`,
  );
  const p95 = percentile(product, 95);
  console.log(`target p95 ≤ ${budgetMs} ms: ${p95 <= budgetMs ? 'met' : 'missed'}`);
  if (p95 > budgetMs) failBench(`p95 ${p95.toFixed(1)} ms over the ${budgetMs} ms target`);
} catch (error) {
  failBench(error instanceof Error ? error.message : String(error));
} finally {
  for (const stop of stops.reverse()) await stop();
  cluster.remove();
  rmSync(dir, { recursive: true, force: true });
}
