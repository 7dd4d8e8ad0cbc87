// Years of a clinic's central record generated inside PostgreSQL: every chained column filled, keyed links valid.
import { CENTRAL_COLUMNS } from '../../../electron/core/central/central-columns';
import { GENESIS_HASH, KEYED_CHAIN_FORMAT } from '../../../electron/core/log/hash-chain';

/** Check-ins a day at the whole clinic (the log benchmark's day: ~1,000,000 rows a year). */
export const HISTORY_ROWS_PER_CLINIC_DAY = 2_740;
/** The first generated clinic day (JST). */
export const HISTORY_FIRST_DAY = '2021-12-01';
/** Between two check-ins of one terminal: with 10 terminals, 274 a day fill 08:30 to 17:38. */
const SPACING_MS = 120_000;
/** 08:30 JST on HISTORY_FIRST_DAY, in ms since the epoch. */
const FIRST_START_MS = Date.parse(`${HISTORY_FIRST_DAY}T08:30:00+09:00`);
const DAY_MS = 86_400_000;

export interface HistoryShape {
  terminals: number;
  /** Rows each terminal holds in the end. */
  rowsPerTerminal: number;
}

/** Rows one terminal records in one clinic day. */
export function rowsPerTerminalDay(shape: HistoryShape): number {
  return Math.max(1, Math.round(HISTORY_ROWS_PER_CLINIC_DAY / shape.terminals));
}

/** The clinic day (yyyy-MM-dd) of generated day number `dayIndex` (0 = HISTORY_FIRST_DAY). */
export function historyDay(dayIndex: number): string {
  return new Date(Date.parse(`${HISTORY_FIRST_DAY}T00:00:00Z`) + dayIndex * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

const families = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村'];
const givens = ['太郎', '花子', '一郎', '美咲', '健', '由美'];
const kanaF = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ナカムラ'];
const kanaG = ['タロウ', 'ハナコ', 'イチロウ', 'ミサキ', 'ケン', 'ユミ'];
const routes = ['card-pin', 'card-pin', 'card-pin', 'card-visual', 'keyed'];
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
];

/** Where terminal `index` starts its day, so the terminals' check-ins interleave over the day. */
export function terminalOffsetMs(shape: HistoryShape, index: number): number {
  return Math.floor((index * SPACING_MS) / shape.terminals);
}

const textArray = (values: readonly string[]): string => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;
const pick = (values: readonly string[], of: string): string =>
  `(${textArray(values)})[(${of}) % ${values.length} + 1]`;
/** The instant `msSql` as JavaScript's toISOString writes it (the log's own time format). */
const iso = (msSql: string): string =>
  `to_char(to_timestamp((${msSql}) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The generated link hash of row `idSql` of the terminal in $4: any 32 bytes will do for a keyed row. */
const linkHash = (idSql: string): string => `sha256(convert_to($4::text || ':' || (${idSql})::text, 'UTF8'))`;

/**
 * An expression for each central column. A keyed row's hash is an HMAC under the terminal's key, which the
 * server never holds, so the server (and central:verify) checks keyed rows for continuity only
 * (electron/core/central/README.md, Verification): generated links that join up are as good as real ones.
 */
function columnExpressions(): Record<string, string> {
  return {
    local_id: 'g.i',
    recorded_at: iso('g.ms + 40000'),
    started_at: iso('g.ms'),
    started_ms: 'g.ms',
    day: `to_char(DATE '${HISTORY_FIRST_DAY}' + g.d::integer, 'YYYY-MM-DD')`,
    ended_at: iso('g.ms + 40000'),
    terminal: '$3::text',
    reader: `'SONY FeliCa RC-S300/P'`,
    route: pick(routes, 'g.i'),
    outcome: pick(outcomes, 'g.i'),
    validity: '1',
    error_code: 'NULL',
    system_code: 'NULL',
    insurer_number: `'06139994'`,
    symbol: `'記号' || (g.i % 97)::text`,
    number: '(100000 + g.i % 900000)::text',
    branch: `'01'`,
    name: `${pick(families, 'g.i')} || ' ' || ${pick(givens, 'g.i')}`,
    name_kana: `${pick(kanaF, 'g.i')} || ' ' || ${pick(kanaG, 'g.i')}`,
    birthdate: `'19800401'`,
    copay_tenths: '3',
    limit_class: `'区分ウ'`,
    limit_consent: '1',
    limit_consent_at: iso('g.ms + 20000'),
    medication_consent: '1',
    medication_consent_at: iso('g.ms + 25000'),
    checkup_consent: '0',
    checkup_consent_at: iso('g.ms + 26000'),
    diagnosis_consent: 'NULL',
    diagnosis_consent_at: 'NULL',
    surgery_consent: 'NULL',
    surgery_consent_at: 'NULL',
    staff_id: 'NULL',
    gateway: `'simulator'`,
    gateway_request_id: `'REQ-' || $4::text || '-' || g.i::text`,
    certificate_serial_hash: `repeat('ab', 32)`,
    reception_number: `(g.k + 1)::integer`,
    card_ms: '1200',
    gateway_ms: '800',
    total_ms: '40000',
  };
}

/**
 * INSERT … SELECT generate_series of one terminal's rows $1..$2 (local ids), terminal label $3, terminal id
 * $4 (the hash seed), minute offset $5 (ms, so terminals interleave). Run as the terminal's own login role:
 * the row passes the product's arrival trigger, row-level security and both indexes like a shipped batch.
 */
export function historyInsertSql(shape: HistoryShape): string {
  const perDay = rowsPerTerminalDay(shape);
  const expressions = columnExpressions();
  const missing = CENTRAL_COLUMNS.filter((c) => expressions[c.central] === undefined).map((c) => c.central);
  if (missing.length) throw new Error(`central-history: no generator for column(s) ${missing.join(', ')}`);
  const columns = CENTRAL_COLUMNS.map((c) => c.central);
  return `INSERT INTO kiosk_central.confirmations (chain_format, ${columns.join(', ')}, prev_hash, hash)
    SELECT ${KEYED_CHAIN_FORMAT}, ${columns.map((c) => expressions[c]).join(', ')},
           CASE WHEN g.i = 1 THEN '\\x${GENESIS_HASH.toString('hex')}'::bytea ELSE ${linkHash('g.i - 1')} END,
           ${linkHash('g.i')}
    FROM (
      SELECT i, (i - 1) / ${perDay} AS d, (i - 1) % ${perDay} AS k,
             ${FIRST_START_MS}::bigint + ((i - 1) / ${perDay}) * ${DAY_MS} + ((i - 1) % ${perDay}) * ${SPACING_MS} + $5::bigint AS ms
      FROM generate_series($1::bigint, $2::bigint) AS i
    ) g ORDER BY g.i`;
}
