// Confirmation log budgets: insert latency (FULL vs NORMAL), one-day listing and chain verification on 1,000,000 rows,
// CSV export of 100,000 rows, file size per 100,000 rows.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConfirmationQuery, ConfirmationRecord } from '../../electron/core/log/confirmation-log';
import { verifyChain } from '../../electron/core/log/chain-verify';
import {
  CHAIN_COLUMNS_V1,
  GENESIS_HASH,
  KEYED_CHAIN_FORMAT,
  keyedConfirmationHash,
} from '../../electron/core/log/hash-chain';
import { writeKeyStart } from '../../electron/core/log/key-start';
import { createClinicClock } from '../../electron/core/clock/clinic-clock';
import { openLogDatabase } from '../../electron/core/log/open-database';
import { searchTerms } from '../../electron/core/log/search-text';
import {
  confirmationLogOn,
  confirmationRowValues,
  listQueryPlan,
  type ConfirmationLogFile,
} from '../../electron/core/log/sqlite-confirmation-log';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-log-bench-'));
/** LOG_BENCH_BIG=200000 gives a quicker, smaller run while tuning. */
const BIG = Number(process.env.LOG_BENCH_BIG ?? 1_000_000);
const INSERTS = 200;
const DAY_MS = 86_400_000;
const START_MS = Date.parse('2025-12-01T00:00:00Z');
const PER_DAY = 2740; // ~1,000,000 rows over a year
/** The logs here are keyed like a kiosk's (HMAC-SHA-256 chain, electron/core/log/README.md). */
const BENCH_KEY = Buffer.alloc(32, 0x5a);

const families = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村'];
const givens = ['太郎', '花子', '一郎', '美咲', '健', '由美'];
const kanaF = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ナカムラ'];
const kanaG = ['タロウ', 'ハナコ', 'イチロウ', 'ミサキ', 'ケン', 'ユミ'];
const outcomes = [
  'confirmed',
  'confirmed',
  'confirmed',
  'confirmed',
  'not-insured',
  'needs-attention',
  'error',
  'cancelled',
  'timed-out',
] as const;
const routes = ['card-pin', 'card-pin', 'card-pin', 'card-visual', 'keyed'] as const;

function record(i: number): ConfirmationRecord {
  const started = START_MS + Math.floor(i / PER_DAY) * DAY_MS + (i % PER_DAY) * 10_000;
  const at = new Date(started + 20_000).toISOString();
  return {
    startedAt: new Date(started).toISOString(),
    endedAt: new Date(started + 40_000).toISOString(),
    terminal: `受付${(i % 3) + 1}`,
    reader: 'SONY FeliCa RC-S300/P',
    route: routes[i % routes.length] ?? 'card-pin',
    outcome: outcomes[i % outcomes.length] ?? 'confirmed',
    validity: 1,
    insurerNumber: '06139994',
    symbol: `記号${i % 97}`,
    number: String(100000 + (i % 900000)),
    branch: '01',
    name: `${families[i % 8]} ${givens[i % 6]}`,
    nameKana: `${kanaF[i % 8]} ${kanaG[i % 6]}`,
    birthdate: '19800401',
    copayTenths: 3,
    limitClass: '区分ウ',
    limitConsent: { agreed: true, at },
    consents: { medication: { agreed: true, at }, checkup: { agreed: false, at } },
    gateway: 'simulator',
    gatewayRequestId: `REQ-${i}`,
    certificateSerialHash: 'ab'.repeat(32),
    receptionNumber: (i % PER_DAY) + 1,
    durations: { card: 1200, gateway: 800, total: 40_000 },
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(2)} ms`;
let lastCpuMs = 0;
/** Wall time of fn; its CPU time (user + system) goes to lastCpuMs, a steadier figure on a busy machine. */
function time<T>(fn: () => T): [T, number] {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = fn();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return [out, performance.now() - t];
}
const cpu = (): string => `(CPU ${lastCpuMs.toFixed(0)} ms)`;

function insertLatency(sync: 'FULL' | 'NORMAL'): { p50: number; p99: number } {
  const file = path.join(dir, `insert-${sync}.sqlite`);
  const log = confirmationLogOn(openLogDatabase(file, { synchronous: sync }), { chainKey: BENCH_KEY });
  const samples: number[] = [];
  for (let i = 0; i < INSERTS; i += 1) samples.push(time(() => log.record(record(i)))[1]);
  log.close();
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** The big log, built the fast way: one transaction, prepared statements, the same row values and hashes. */
function buildBig(file: string, rows: number): ConfirmationLogFile {
  const db = openLogDatabase(file, { synchronous: 'NORMAL' });
  const insert = db.prepare(
    `INSERT INTO confirmations (${CHAIN_COLUMNS_V1.join(', ')}, chain_format, hash) VALUES (${CHAIN_COLUMNS_V1.map(() => '?').join(', ')}, ${KEYED_CHAIN_FORMAT}, ?)`,
  );
  const term = db.prepare('INSERT OR IGNORE INTO search_terms (term, confirmation_id) VALUES (?, ?)');
  const jst = createClinicClock({ utcOffset: '+09:00' });
  db.transaction(() => {
    writeKeyStart(db, BENCH_KEY, new Date(START_MS).toISOString());
    let previous = GENESIS_HASH;
    for (let i = 0; i < rows; i += 1) {
      const r = record(i);
      const values = confirmationRowValues(i + 1, r.endedAt, r, jst);
      previous = keyedConfirmationHash(BENCH_KEY, previous, values);
      insert.run(...values, previous);
      for (const t of searchTerms(r)) term.run(t, i + 1);
    }
    db.prepare('UPDATE chain_head SET last_id = ?, last_hash = ?').run(rows, previous);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('synchronous = FULL');
  return confirmationLogOn(db, { chainKey: BENCH_KEY });
}

try {
  // A fixed amount of plain JavaScript work: shows how busy the machine was (about 80 ms CPU when idle).
  const [, calibration] = time(() => {
    let sum = 0;
    for (let i = 0; i < 1e8; i += 1) sum += i;
    return sum;
  });
  console.log(`-- machine speed reference: 1e8-iteration loop ${ms(calibration)} ${cpu()}\n`);
  console.log('-- insert latency, one record() per commit (200 each)');
  const normal = insertLatency('NORMAL');
  const full = insertLatency('FULL');
  console.log(`synchronous=NORMAL (baseline): p50 ${ms(normal.p50)}  p99 ${ms(normal.p99)}`);
  console.log(`synchronous=FULL   (product) : p50 ${ms(full.p50)}  p99 ${ms(full.p99)}`);

  console.log(`\n-- ${BIG.toLocaleString('en')}-row log`);
  const bigFile = path.join(dir, 'big.sqlite');
  const [big, buildMs] = time(() => buildBig(bigFile, BIG));
  const size = statSync(bigFile).size;
  console.log(
    `built in ${(buildMs / 1000).toFixed(1)} s; ${(size / 1024 / 1024).toFixed(0)} MB = ` +
      `${(((size / BIG) * 100_000) / 1024 / 1024).toFixed(1)} MB per 100,000 rows (${Math.round(size / BIG)} bytes/row)`,
  );

  // CSV export of the first ~100,000 rows: 36 days of 2,740 (the whole log when it is smaller).
  const to = new Date(START_MS + (Math.floor(100_000 / PER_DAY) - 1) * DAY_MS).toISOString().slice(0, 10);
  const [readRows, readMs] = time(
    () =>
      big.db.prepare('SELECT * FROM confirmations WHERE day BETWEEN ? AND ?').raw().all('2025-12-01', to)
        .length,
  );
  console.log(`reading those ${readRows} rows (baseline): ${ms(readMs)} ${cpu()}`);
  const [csv, exportMs] = time(() => big.exportCsv({ from: '2025-12-01', to, encoding: 'utf8' }));
  const exportCpu = lastCpuMs;
  console.log(`CSV export UTF-8: ${ms(exportMs)} ${cpu()}, ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
  const [sjis, exportSjisMs] = time(() => big.exportCsv({ from: '2025-12-01', to, encoding: 'sjis' }));
  console.log(
    `CSV export Shift_JIS: ${ms(exportSjisMs)} ${cpu()}, ${(sjis.length / 1024 / 1024).toFixed(1)} MB`,
  );
  console.log(
    `export target ≤ 2000 ms: wall ${Math.max(exportMs, exportSjisMs) <= 2000 ? 'met' : 'MISSED'}, ` +
      `CPU ${Math.max(exportCpu, lastCpuMs) <= 2000 ? 'met' : 'MISSED'}`,
  );
  const day = new Date(START_MS + Math.floor(BIG / PER_DAY / 2) * DAY_MS + 9 * 3_600_000)
    .toISOString()
    .slice(0, 10);
  big.list({ from: day, to: day, limit: 10_000 }); // warm the page cache once, as a running kiosk would be
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let count = 0;
  for (let i = 0; i < 10; i += 1) {
    const [rows, t] = time(() => big.list({ from: day, to: day, limit: 10_000 }));
    count = rows.length;
    runs.push(t);
    cpuRuns.push(lastCpuMs);
  }
  cpuRuns.sort((a, b) => a - b);
  runs.sort((a, b) => a - b);
  const [, scan] = time(
    () =>
      big.db
        .prepare('SELECT * FROM confirmations NOT INDEXED WHERE day = ? ORDER BY started_ms DESC')
        .all(day).length,
  );
  console.log(
    `list one day (${count} rows): median ${ms(percentile(runs, 50))} (CPU ${ms(percentile(cpuRuns, 50))}), worst ${ms(runs.at(-1) ?? NaN)}; target ≤ 20 ms: ${percentile(runs, 50) <= 20 ? 'met' : 'MISSED'}`,
  );
  console.log(`same day by full table scan (baseline): ${ms(scan)} ${cpu()}`);
  const [, outcomeMs] = time(() => big.list({ from: day, to: day, outcome: 'error', limit: 10_000 }));
  const [, textMs] = time(() => big.list({ text: 'すずき', from: day, to: day, limit: 10_000 }));
  console.log(`list one day, outcome=error: ${ms(outcomeMs)}; text 'すずき' within the day: ${ms(textMs)}`);
  // The plans of the very SELECTs list() builds for the queries timed above (buildListQuery), not a copy.
  const plans: Array<[string, ConfirmationQuery, RegExp]> = [
    ['one day', { from: day, to: day, limit: 10_000 }, /USING INDEX confirmations_by_day/],
    [
      `text 'すずき' within the day`,
      { text: 'すずき', from: day, to: day, limit: 10_000 },
      /USING INDEX confirmations_by_day.*SEARCH s EXISTS USING COVERING INDEX search_terms_by_confirmation/,
    ],
    [
      `text 'すずき' over the whole log`,
      { text: 'すずき', limit: 10_000 },
      /SEARCH search_terms USING (COVERING |PRIMARY KEY)/,
    ],
  ];
  for (const [what, query, expected] of plans) {
    const plan = listQueryPlan(big.db, query).join(' | ');
    const ok = expected.test(plan);
    console.log(`EXPLAIN QUERY PLAN of list() (${what}): ${plan}; index used: ${ok ? 'yes' : 'NO'}`);
    if (!ok) {
      console.error(`FAILED: list() query plan (${what}) does not use the expected index`);
      process.exitCode = 1;
    }
  }

  const [, iterateMs] = time(() => {
    let n = 0;
    for (const _ of big.db.prepare('SELECT * FROM confirmations ORDER BY id').raw().iterate()) n += 1;
    return n;
  });
  const iterateCpu = cpu();
  const [result, verifyMs] = time(() => verifyChain(big.db, { key: BENCH_KEY }));
  console.log(`reading ${BIG.toLocaleString('en')} rows (baseline): ${ms(iterateMs)} ${iterateCpu}`);
  console.log(
    `verify chain of ${result.ok ? result.rows : 'BROKEN'} rows: ${ms(verifyMs)} ${cpu()}; target ≤ 10000 ms: ${verifyMs <= 10_000 ? 'met' : 'MISSED'}`,
  );
  big.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
