// Central record at clinic scale: replication lag, one day's listing from 5,000,000 rows, chain verification rate.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyCentral, verifyTerminal } from '../../electron/core/central/central-verify';
import { createClinicView, type ClinicQuery } from '../../electron/core/central/clinic-view';
import { openLocalLogSource, type LocalLogSource } from '../../electron/core/central/local-source';
import {
  fileReplicationState,
  replicationStatePath,
  type ReplicationStateStore,
} from '../../electron/core/central/replication-state';
import { createReplicator, DEFAULT_POLL_MS } from '../../electron/core/central/replicator';
import { connectCentral } from '../../electron/core/central/start-central';
import { createClinicClock } from '../../electron/core/clock/clinic-clock';
import { verifyChain } from '../../electron/core/log/chain-verify';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../electron/core/log/sqlite-confirmation-log';
import {
  addConsole,
  addTerminal,
  centralConfigFor,
  clientAs,
  createClinicDatabase,
  DATABASE,
} from '../integration/central/central-fixtures';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../support/postgres';
import { sampleRecord } from '../unit/electron/core/log/log-fixtures';
import { BenchTimeoutError, until, within } from './support/bounded';
import {
  historyDay,
  historyInsertSql,
  rowsPerTerminalDay,
  terminalOffsetMs,
  type HistoryShape,
} from './support/central-history';
import { failBench, skipBench } from './support/outcome';

/*
 * Three figures of issue 17 (item 5), each beside the local SQLite figure of log-store.bench.ts:
 * 1. replication: TERMINALS real keyed SQLite logs written at a steady pace while each terminal's own replicator
 *    (its own login role) ships to one PostgreSQL; per row, local commit to the server's COMMIT;
 * 2. the clinic view's one-day listing (its own list(), so its own SQL) from BIG central rows, with EXPLAIN;
 * 3. central:verify's rate over the replicated rows and over the BIG rows.
 */
const NAME = 'central-scale.bench.ts';
/** CENTRAL_BENCH_TERMINALS / _ROWS / _PACE_MS / _BIG give a quicker, smaller run while tuning. */
const TERMINALS = Number(process.env.CENTRAL_BENCH_TERMINALS ?? 10);
const ROWS = Number(process.env.CENTRAL_BENCH_ROWS ?? 2_000);
/** One check-in per terminal every PACE_MS: 10 terminals × 1 per 25 ms = 400 check-ins a second clinic-wide. */
const PACE_MS = Number(process.env.CENTRAL_BENCH_PACE_MS ?? 25);
const BIG = Number(process.env.CENTRAL_BENCH_BIG ?? 5_000_000);
/** Days of history per upload statement of one terminal (274 rows a day: about a replicator batch of 500). */
const CHUNK_DAYS = 2;
const DRAIN_LIMIT_MS = 120_000;
const FILL_LIMIT_MS = 900_000;
/** Verification of the 5,000,000 generated rows stops after this; the rest is extrapolated (and said so). */
const HISTORY_VERIFY_BUDGET_MS = 180_000;
/** The full-table-scan baseline of the listing is cut off after this. */
const SCAN_LIMIT_MS = 120_000;
/** Any other query of the console role. */
const QUERY_LIMIT_MS = 60_000;
/** The local SQLite figures of log-store.bench.ts in BENCHMARKS.md, the ratios' denominators. */
const LOCAL = { listOneDayMs: 16.4, listOneDayRows: 2_740, verifyRows: 1_000_000, verifyMs: 7_350 };
/** The local log's one-day listing budget (log-store.bench.ts); the clinic view's page is held to it too. */
const LIST_TARGET_MS = 20;

type Client = Awaited<ReturnType<typeof clientAs>>;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const sortedOf = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
const ms = (n: number): string => `${n.toFixed(2)} ms`;
const count = (n: number): string => Math.round(n).toLocaleString('en');
const rate = (rows: number, millis: number): number => (rows / millis) * 1000;

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, performance.now() - t];
}

interface TerminalRun {
  id: string;
  log: ConfirmationLogFile;
  key: Buffer;
  source: LocalLogSource;
  controller: AbortController;
  running: Promise<void>;
  /** performance.now() when each local id's commit returned. */
  committedAt: number[];
  lags: number[];
  insertMs: number[];
  /** How late each write started against its steady schedule (the pace actually kept). */
  lateMs: number[];
  shippedUpTo: number;
  states: Set<string>;
}

/** The product's marks file, watched: its write follows the server's COMMIT, so it is when rows are known shipped. */
function watchedState(inner: ReplicationStateStore, run: () => TerminalRun): ReplicationStateStore {
  return {
    read: () => inner.read(),
    write(marks) {
      inner.write(marks);
      const t = performance.now();
      const r = run();
      for (let id = r.shippedUpTo + 1; id <= marks.shippedId; id += 1) {
        const committed = r.committedAt[id];
        if (committed !== undefined) r.lags.push(t - committed);
      }
      r.shippedUpTo = Math.max(r.shippedUpTo, marks.shippedId);
    },
  };
}

const families = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村'];
const kana = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ナカムラ'];
const routes = ['card-pin', 'card-pin', 'card-pin', 'card-visual', 'keyed'] as const;
const outcomes = ['confirmed', 'confirmed', 'confirmed', 'not-insured', 'cancelled'] as const;

/** Each terminal writes ROWS check-ins on a steady schedule, staggered so the terminals interleave. */
async function writeSteadily(run: TerminalRun, index: number, label: string): Promise<void> {
  const start = performance.now() + (index * PACE_MS) / TERMINALS;
  for (let n = 1; n <= ROWS; n += 1) {
    const due = start + (n - 1) * PACE_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    run.lateMs.push(Math.max(0, performance.now() - due));
    const now = Date.now();
    const t0 = performance.now();
    const stored = run.log.record(
      sampleRecord({
        startedAt: new Date(now - 40_000).toISOString(),
        endedAt: new Date(now).toISOString(),
        terminal: label,
        route: routes[n % routes.length] ?? 'card-pin',
        outcome: outcomes[n % outcomes.length] ?? 'confirmed',
        name: `${families[n % families.length] ?? '山田'} 太郎`,
        nameKana: `${kana[n % kana.length] ?? 'ヤマダ'} タロウ`,
        number: String(100000 + n),
        gatewayRequestId: `REQ-${run.id}-${n}`,
        receptionNumber: n,
      }),
    );
    const t1 = performance.now();
    run.insertMs.push(t1 - t0);
    run.committedAt[stored.id] = t1;
  }
}

async function replication(cluster: PostgresCluster, dir: string, consoleClient: Client): Promise<void> {
  console.log(
    `\n-- replication: ${TERMINALS} terminals × ${count(ROWS)} check-ins, one every ${PACE_MS} ms per terminal ` +
      `(${count((TERMINALS * 1000) / PACE_MS)} a second clinic-wide), replicators running meanwhile`,
  );
  const clock = createClinicClock({ utcOffset: '+09:00' });
  const runs: TerminalRun[] = [];
  for (let t = 0; t < TERMINALS; t += 1) {
    const id = `t${String(t + 1).padStart(2, '0')}`;
    const login = await addTerminal(cluster, dir, id);
    // The product's settings of a terminal on the same PC as the server (TLS off only for loopback).
    const central = centralConfigFor(login, cluster.port);
    const file = path.join(dir, `${id}.sqlite`);
    const key = randomBytes(32);
    const log = createConfirmationLog({ path: file, clock, chainKey: key });
    const source = openLocalLogSource(file);
    const controller = new AbortController();
    const run: TerminalRun = {
      id,
      log,
      key,
      source,
      controller,
      running: Promise.resolve(),
      committedAt: [],
      lags: [],
      insertMs: [],
      lateMs: [],
      shippedUpTo: 0,
      states: new Set(),
    };
    // Wired as start-central.ts wires a kiosk's replicator (its batch size, heartbeat and poll defaults).
    const replicator = createReplicator({
      source,
      state: watchedState(fileReplicationState(replicationStatePath(file)), () => run),
      connect: (signal) => connectCentral(central, {}, signal),
      nowMs: () => clock.nowMs(),
      batchSize: central.batchSize,
      heartbeatMs: central.heartbeatSeconds * 1000,
      onStatus: (status) => run.states.add(status.state),
    });
    run.running = replicator.run(controller.signal);
    runs.push(run);
  }
  const [, writeMs] = await timed(() =>
    Promise.all(runs.map((run, i) => writeSteadily(run, i, `受付${i + 1}`))),
  );
  const lastCommit = performance.now();
  await until(
    () => runs.every((run) => run.shippedUpTo >= ROWS),
    DRAIN_LIMIT_MS,
    `every terminal's ${ROWS} rows to be shipped (replication states seen: ${[...new Set(runs.flatMap((r) => [...r.states]))].join(', ') || 'none'})`,
  );
  const drainMs = performance.now() - lastCommit;
  for (const run of runs) run.controller.abort();
  await within(Promise.all(runs.map((run) => run.running)), 15_000, 'the replicators to stop');
  for (const run of runs) run.source.close();

  const inserts = sortedOf(runs.flatMap((r) => r.insertMs));
  const late = sortedOf(runs.flatMap((r) => r.lateMs));
  const lags = sortedOf(runs.flatMap((r) => r.lags));
  console.log(
    `local insert, one record() per commit (baseline): p50 ${ms(percentile(inserts, 50))}  p99 ${ms(percentile(inserts, 99))}  ` +
      `(${count(inserts.length)} inserts; writes began late by p50 ${ms(percentile(late, 50))}, p99 ${ms(percentile(late, 99))})`,
  );
  console.log(
    `replication lag, local commit → central COMMIT known to the terminal (marks saved), ${count(lags.length)} rows: ` +
      `min ${ms(lags[0] ?? Number.NaN)}  p50 ${ms(percentile(lags, 50))}  p99 ${ms(percentile(lags, 99))}  max ${ms(lags.at(-1) ?? Number.NaN)}`,
  );
  const bound = DEFAULT_POLL_MS + 1_000;
  console.log(
    `design bound, one poll (${DEFAULT_POLL_MS} ms) + 1 s for the upload: p99 ${percentile(lags, 99) <= bound ? 'met' : 'MISSED'}`,
  );
  console.log(
    `writing took ${(writeMs / 1000).toFixed(1)} s; drained ${ms(drainMs)} after the last local commit`,
  );
  const arrival = await consoleClient.query<{ p50: number; p99: number; max: number; n: string }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99,
            max(lag) AS max, count(*) AS n
     FROM (SELECT extract(epoch FROM received_at - recorded_at::timestamptz) * 1000 AS lag
           FROM kiosk_central.confirmations WHERE terminal_id LIKE 't%') s`,
  );
  const a = arrival.rows[0];
  console.log(
    `server's received_at (its transaction start) − local recorded_at, ${count(Number(a?.n ?? 0))} rows: ` +
      `p50 ${ms(Number(a?.p50))}  p99 ${ms(Number(a?.p99))}  max ${ms(Number(a?.max))}`,
  );
  if (lags.length !== TERMINALS * ROWS || Number(a?.n ?? 0) !== TERMINALS * ROWS) {
    failBench(`expected ${TERMINALS * ROWS} rows shipped, saw ${lags.length} (${String(a?.n)} centrally)`);
  }
  const troubled = runs.filter((r) => [...r.states].some((s) => s !== 'ok'));
  if (troubled.length) {
    failBench(
      `replicators left 'ok': ${troubled.map((r) => `${r.id} (${[...r.states].join(', ')})`).join('; ')}`,
    );
  }

  console.log('\n-- chain verification of the replicated rows');
  const [readRows, readMs] = await timed(
    async () =>
      (await consoleClient.query(`SELECT * FROM kiosk_central.confirmations ORDER BY terminal_id, local_id`))
        .rows.length,
  );
  console.log(`reading those ${count(readRows)} rows centrally, no checks (baseline): ${ms(readMs)}`);
  const [results, centralMs] = await timed(() =>
    within(verifyCentral(consoleClient), 120_000, 'central:verify of the replicated rows'),
  );
  const centralRows = results.reduce((sum, r) => sum + (r.ok ? r.rows : 0), 0);
  const broken = results.filter((r) => !r.ok);
  if (broken.length) failBench(`central:verify found ${broken.map((r) => r.terminalId).join(', ')} broken`);
  console.log(
    `central:verify (verifyCentral), ${results.length} terminals, ${count(centralRows)} keyed rows: ${ms(centralMs)} = ` +
      `${count(rate(centralRows, centralMs))} rows/s`,
  );
  const [localRows, localMs] = await timed(() =>
    runs.reduce((sum, run) => {
      const result = verifyChain(run.log.db, { key: run.key });
      if (!result.ok) failBench(`local chain of ${run.id} broken`);
      return sum + (result.ok ? result.rows : 0);
    }, 0),
  );
  console.log(
    `local keyed verification of the same ${count(localRows)} rows (the terminals' own logs, baseline): ${ms(localMs)} = ` +
      `${count(rate(localRows, localMs))} rows/s`,
  );
  const localRate = rate(LOCAL.verifyRows, LOCAL.verifyMs);
  console.log(
    `ratio central / local: ${(rate(centralRows, centralMs) / rate(localRows, localMs)).toFixed(2)} (this run); ` +
      `${(rate(centralRows, centralMs) / localRate).toFixed(2)} against BENCHMARKS.md's ${count(LOCAL.verifyRows)} rows in ${count(LOCAL.verifyMs)} ms (${count(localRate)} rows/s)`,
  );
  for (const run of runs) run.log.close();
}

interface History {
  shape: HistoryShape;
  days: number;
  ids: string[];
}

async function fillHistory(cluster: PostgresCluster, dir: string): Promise<History> {
  const shape: HistoryShape = { terminals: TERMINALS, rowsPerTerminal: Math.floor(BIG / TERMINALS) };
  const perDay = rowsPerTerminalDay(shape);
  const days = Math.ceil(shape.rowsPerTerminal / perDay);
  console.log(
    `\n-- central record of ${count(shape.rowsPerTerminal * TERMINALS)} rows: ${TERMINALS} more terminals × ` +
      `${count(shape.rowsPerTerminal)}, ${perDay} a day each (${count(perDay * TERMINALS)} clinic-wide), ${count(days)} days`,
  );
  const sql = historyInsertSql(shape);
  const ids: string[] = [];
  const clients: Client[] = [];
  try {
    for (let t = 0; t < TERMINALS; t += 1) {
      const id = `p${String(t + 1).padStart(2, '0')}`;
      ids.push(id);
      clients.push(await clientAs(cluster, await addTerminal(cluster, dir, id)));
    }
    const chunkRows = perDay * CHUNK_DAYS;
    const chunks = Math.ceil(shape.rowsPerTerminal / chunkRows);
    const started = performance.now();
    let reported = 0;
    for (let c = 0; c < chunks; c += 1) {
      const from = c * chunkRows + 1;
      const to = Math.min(shape.rowsPerTerminal, (c + 1) * chunkRows);
      // Every terminal's next two days at once, each as its own login: the arrival trigger, row-level
      // security and both indexes take every row, and the heap fills in day order as a clinic's would.
      await within(
        Promise.all(
          clients.map((client, t) =>
            client.query(sql, [from, to, `受付${t + 1}`, ids[t], terminalOffsetMs(shape, t)]),
          ),
        ),
        120_000,
        `history rows ${from}–${to} of every terminal`,
      );
      const elapsed = performance.now() - started;
      if (elapsed > FILL_LIMIT_MS)
        throw new BenchTimeoutError('the 5,000,000-row central record', FILL_LIMIT_MS);
      const done = Math.floor(((c + 1) / chunks) * 10);
      if (done > reported) {
        reported = done;
        console.log(
          `  ${done * 10}%: ${count(to * TERMINALS)} rows in ${(elapsed / 1000).toFixed(0)} s (${count(rate(to * TERMINALS, elapsed))} rows/s)`,
        );
      }
    }
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  // What autovacuum does to a table years old: statistics and the visibility map.
  const [, vacuumMs] = await timed(() =>
    within(
      cluster.sql('VACUUM (ANALYZE) kiosk_central.confirmations', DATABASE),
      600_000,
      'VACUUM (ANALYZE)',
    ),
  );
  console.log(`VACUUM (ANALYZE): ${(vacuumMs / 1000).toFixed(1)} s`);
  return { shape, days, ids };
}

async function listing(consoleClient: Client, history: History): Promise<void> {
  const sizes = await consoleClient.query<{ rows: string; heap: string; pk: string; by_day: string }>(
    `SELECT (SELECT count(*) FROM kiosk_central.confirmations) AS rows,
            pg_size_pretty(pg_relation_size('kiosk_central.confirmations')) AS heap,
            pg_size_pretty(pg_relation_size('kiosk_central.confirmations_pkey')) AS pk,
            pg_size_pretty(pg_relation_size('kiosk_central.confirmations_by_day')) AS by_day`,
  );
  const size = sizes.rows[0];
  console.log(
    `\n-- clinic view's one-day listing: ${count(Number(size?.rows))} central rows; table ${size?.heap}, ` +
      `primary key ${size?.pk}, confirmations_by_day ${size?.by_day}`,
  );
  // A full day in the middle of the record (the last generated day may be partial).
  const day = historyDay(Math.floor((history.days - 1) / 2));
  const expected = rowsPerTerminalDay(history.shape) * TERMINALS;
  // The view's own SQL, captured on its way to the server, so EXPLAIN shows the plan of what was timed.
  const sent: Array<{ text: string; values: unknown[] }> = [];
  const db: ClinicQuery = {
    query: async (text, values = []) => {
      sent.push({ text, values });
      return consoleClient.query(text, values);
    },
  };
  const view = createClinicView({ db, clock: createClinicClock({ utcOffset: '+09:00' }) });
  const warm = await view.list({ day, limit: 100 });
  if (warm.total !== expected)
    failBench(`day ${day}: expected ${expected} rows, the view counted ${warm.total}`);
  const pageRuns: number[] = [];
  for (let i = 0; i < 20; i += 1) pageRuns.push((await timed(() => view.list({ day, limit: 100 })))[1]);
  const page = sortedOf(pageRuns);
  console.log(
    `first page (100 rows, with the day's total ${count(warm.total)}): median ${ms(percentile(page, 50))}, ` +
      `worst ${ms(page.at(-1) ?? Number.NaN)} (20 runs); local list budget ≤ ${LIST_TARGET_MS} ms: ${percentile(page, 50) <= LIST_TARGET_MS ? 'met' : 'MISSED'}`,
  );
  const pageSql = sent.slice(-2);
  const dayRuns: number[] = [];
  let wholeDayRows = 0;
  for (let i = 0; i < 5; i += 1) {
    const [rows, t] = await timed(async () => {
      let n = 0;
      for (let offset = 0; offset < warm.total; offset += 100) {
        n += (await view.list({ day, limit: 100, offset })).rows.length;
      }
      return n;
    });
    wholeDayRows = rows;
    dayRuns.push(t);
  }
  if (wholeDayRows !== expected) failBench(`whole day read ${wholeDayRows} rows, expected ${expected}`);
  const whole = sortedOf(dayRuns);
  console.log(
    `whole day, every page (${Math.ceil(warm.total / 100)} pages, ${count(warm.total)} rows): median ${ms(percentile(whole, 50))}, ` +
      `worst ${ms(whole.at(-1) ?? Number.NaN)} (5 runs)`,
  );
  console.log(
    `ratio to the local one-day listing (${count(LOCAL.listOneDayRows)} rows from 1,000,000 in ${LOCAL.listOneDayMs} ms): ` +
      `first page ${(percentile(page, 50) / LOCAL.listOneDayMs).toFixed(2)}, whole day ${(percentile(whole, 50) / LOCAL.listOneDayMs).toFixed(2)}`,
  );
  const [, textMs] = await timed(() => view.list({ day, text: 'すずき', limit: 100 }));
  const [, outcomeMs] = await timed(() => view.list({ day, outcome: 'error', limit: 100 }));
  console.log(`first page, text 'すずき': ${ms(textMs)}; outcome=error: ${ms(outcomeMs)}`);

  for (const statement of pageSql) {
    const plan = await consoleClient.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
      statement.values,
    );
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    const what = statement.text.includes('count(*)') ? 'the day total' : 'the page';
    const usesIndex = lines.some((line) => /confirmations_by_day/.test(line));
    console.log(
      `EXPLAIN ANALYZE of list() (${what}), index confirmations_by_day used: ${usesIndex ? 'yes' : 'NO'}`,
    );
    for (const line of lines) console.log(`    ${line}`);
    if (!usesIndex) failBench(`clinic view list() (${what}) does not use confirmations_by_day`);
  }
  const total = pageSql[0];
  if (total) {
    const [finished, scanMs] = await timed(async () => {
      await consoleClient.query('BEGIN');
      try {
        await consoleClient.query(
          `SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off;
           SET LOCAL statement_timeout = '${SCAN_LIMIT_MS}ms'`,
        );
        await consoleClient.query(total.text, total.values);
        return true;
      } catch (error) {
        // 57014: cancelled by statement_timeout; the baseline then says how long it was allowed.
        if ((error as { code?: unknown }).code !== '57014') throw error;
        return false;
      } finally {
        await consoleClient.query('ROLLBACK');
      }
    });
    console.log(
      finished
        ? `the day total by full table scan, indexes off (baseline): ${ms(scanMs)}`
        : `the day total by full table scan, indexes off (baseline): not done within ${SCAN_LIMIT_MS} ms`,
    );
  }
}

async function verifyHistory(consoleClient: Client, history: History): Promise<void> {
  console.log(
    '\n-- chain verification of the generated record (keyed rows: links and ids, as central:verify checks them)',
  );
  let rows = 0;
  let verifyMs = 0;
  let terminals = 0;
  for (const id of history.ids) {
    if (verifyMs > HISTORY_VERIFY_BUDGET_MS) break;
    const [result, t] = await timed(() =>
      within(verifyTerminal(consoleClient, id), 300_000, `central:verify of terminal ${id}`),
    );
    if (!result.ok) {
      failBench(`central:verify: ${id} broken at ${result.table} ${result.localId}: ${result.reason}`);
      return;
    }
    rows += result.rows;
    verifyMs += t;
    terminals += 1;
    console.log(`  ${id}: ${count(result.rows)} rows in ${ms(t)} (${count(rate(result.rows, t))} rows/s)`);
  }
  const all = history.shape.rowsPerTerminal * history.ids.length;
  const r = rate(rows, verifyMs);
  console.log(
    `verifyTerminal over ${terminals} of ${history.ids.length} terminals, ${count(rows)} rows: ${(verifyMs / 1000).toFixed(1)} s = ${count(r)} rows/s` +
      (rows < all
        ? `; the whole ${count(all)} rows would take ${count(all / r)} s (EXTRAPOLATED from this rate)`
        : ''),
  );
  const localRate = rate(LOCAL.verifyRows, LOCAL.verifyMs);
  console.log(
    `ratio to the local keyed verification (${count(LOCAL.verifyRows)} rows in ${count(LOCAL.verifyMs)} ms, ${count(localRate)} rows/s): ${(r / localRate).toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  if (!hasPostgres()) skipBench(NAME, 'PostgreSQL (initdb, pg_ctl) is not installed');
  // A fixed amount of plain JavaScript work: shows how busy the machine was (about 80 ms when idle).
  const [, calibration] = await timed(() => {
    let sum = 0;
    for (let i = 0; i < 1e8; i += 1) sum += i;
    return sum;
  });
  console.log(
    `-- machine speed reference: 1e8-iteration loop ${ms(calibration)}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-central-bench-'));
  let cluster: PostgresCluster | undefined;
  let consoleClient: Client | undefined;
  try {
    cluster = await createPostgresCluster();
    const superClient = await cluster.superClient();
    const version = await superClient.query<{ server_version: string }>('SHOW server_version');
    await superClient.end();
    console.log(
      `PostgreSQL ${version.rows[0]?.server_version ?? '?'} (throwaway cluster, fsync off as in the tests)`,
    );
    await createClinicDatabase(cluster);
    consoleClient = await clientAs(cluster, await addConsole(cluster, dir));
    // Every read of the console is bounded: a stuck query ends as a named error, not a hang.
    await consoleClient.query(`SET statement_timeout = '${QUERY_LIMIT_MS}ms'`);
    await replication(cluster, dir, consoleClient);
    const history = await fillHistory(cluster, dir);
    await listing(consoleClient, history);
    await verifyHistory(consoleClient, history);
  } finally {
    await consoleClient?.end().catch(() => undefined);
    cluster?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(`FAILED: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  },
);
