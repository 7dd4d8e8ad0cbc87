// CSV export for staff and Excel: Japanese headers, UTF-8 with BOM or Shift_JIS, CRLF, formula-injection guard.
import iconv from 'iconv-lite';
import type Database from 'better-sqlite3';
import {
  consentAnswerLabels,
  consentItemLabels,
  consentItems,
  outcomeLabels,
  routeLabels,
  type ConsentItem,
} from '../../common/vocabulary';
import { LogError } from './confirmation-log';
import type { CHAIN_COLUMNS_V1 } from './hash-chain';
import { isDay } from './local-time';

export type CsvEncoding = 'utf8' | 'sjis';

export interface CsvExportOptions {
  /** yyyy-MM-dd, inclusive, local days of the log. */
  from: string;
  to: string;
  encoding?: CsvEncoding;
}

/*
 * Each CSV cell is an SQL expression, so SQLite hands over one finished line per row: no forty JavaScript
 * values per row, no per-cell function calls. The expressions do exactly what csvCell() does for one value.
 */
type Column = (typeof CHAIN_COLUMNS_V1)[number];

/** Text as csvCell() writes it: formula guard (= + - @ TAB CR get a leading '), then quoting when needed. */
export function textSql(expr: string): string {
  const guarded = `CASE WHEN unicode(${expr}) IN (61, 43, 45, 64, 9, 13) THEN '''' || ${expr} ELSE ${expr} END`;
  return (
    `CASE WHEN ${expr} IS NULL THEN '' ` +
    `WHEN instr(${expr}, '"') OR instr(${expr}, ',') OR instr(${expr}, char(13)) OR instr(${expr}, char(10)) ` +
    `THEN '"' || replace(${guarded}, '"', '""') || '"' ELSE ${guarded} END`
  );
}
/** A stored number as it is; anything else as text. */
const numberSql = (column: Column): string =>
  `CASE WHEN typeof(${column}) IN ('integer', 'real') THEN ${column} ELSE ${textSql(column)} END`;
/** Local wall-clock time of a stored ISO instant; text that is not one is written as it is. */
const timeSql = (column: Column, offset: number): string =>
  `CASE WHEN typeof(${column}) = 'text' THEN ifnull(strftime('%Y-%m-%d %H:%M:%S', ${column}, '${offset >= 0 ? '+' : ''}${offset} minutes'), ${textSql(column)}) ELSE '' END`;
const agreedSql = (column: Column): string =>
  `CASE WHEN ${column} IS NULL THEN '' WHEN ${column} = 1 THEN '${consentAnswerLabels.agreed}' ELSE '${consentAnswerLabels.declined}' END`;
/** The labels are the vocabulary's own constants, none holding a quote, so they are written into the SQL as they are. */
const labelSql = (column: Column, labels: Readonly<Record<string, string>>): string =>
  `CASE ${column} ${Object.entries(labels)
    .map(([value, label]) => `WHEN '${value}' THEN '${label}'`)
    .join(' ')} ELSE ${textSql(column)} END`;

type CsvColumn = readonly [string, (offset: number) => string];

/** The two columns of one consent item: the choice and its time, headed by the item's label. */
const consentColumns = (item: ConsentItem): CsvColumn[] => [
  [consentItemLabels[item], () => agreedSql(`${item}_consent`)],
  [`${consentItemLabels[item]} 日時`, (offset) => timeSql(`${item}_consent_at`, offset)],
];

/** Columns of the export, in order: Japanese header and the SQL of the cell (given the UTC offset, minutes). */
const COLUMNS: readonly CsvColumn[] = [
  ['記録ID', () => numberSql('id')],
  ['受付番号', () => numberSql('reception_number')],
  [
    '開始日時',
    (offset) => `strftime('%Y-%m-%d %H:%M:%S', (started_ms + ${offset * 60_000}) / 1000, 'unixepoch')`,
  ],
  ['終了日時', (offset) => timeSql('ended_at', offset)],
  ['記録日時', (offset) => timeSql('recorded_at', offset)],
  ['端末', () => textSql('terminal')],
  ['リーダー', () => textSql('reader')],
  ['確認方法', () => labelSql('route', routeLabels)],
  ['結果', () => labelSql('outcome', outcomeLabels)],
  ['資格有効性', () => numberSql('validity')],
  ['エラーコード', () => textSql('error_code')],
  ['処理結果コード', () => textSql('system_code')],
  ['保険者番号', () => textSql('insurer_number')],
  ['記号', () => textSql('symbol')],
  ['番号', () => textSql('number')],
  ['枝番', () => textSql('branch')],
  ['氏名', () => textSql('name')],
  ['氏名カナ', () => textSql('name_kana')],
  ['生年月日', () => textSql('birthdate')],
  ['負担割合', () => `CASE WHEN typeof(copay_tenths) = 'integer' THEN copay_tenths || '割' ELSE '' END`],
  ['限度額区分', () => textSql('limit_class')],
  ['限度額情報提供', () => agreedSql('limit_consent')],
  ['限度額情報提供 日時', (offset) => timeSql('limit_consent_at', offset)],
  // In the vocabulary's order: 薬剤情報, 特定健診情報, 診療情報, 手術情報.
  ...consentItems.flatMap(consentColumns),
  ['職員ID', () => textSql('staff_id')],
  ['照会先', () => textSql('gateway')],
  ['照会ID', () => textSql('gateway_request_id')],
  ['カード読取(ms)', () => numberSql('card_ms')],
  ['照会(ms)', () => numberSql('gateway_ms')],
  ['所要時間(ms)', () => numberSql('total_ms')],
  ['ハッシュ', () => 'lower(hex(hash))'],
];

/** The export's header cells, in order (the clinic view's export across terminals writes the same columns). */
export const CSV_HEADERS: readonly string[] = COLUMNS.map(([header]) => header);

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR) gets
 * a leading apostrophe; cells with a comma, quote or line break are quoted.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const first = value.charCodeAt(0);
  // = + - @ TAB CR
  const text =
    first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13
      ? `'${value}`
      : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (no line break) of values, each written by csvCell(). */
export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return values.map(csvCell).join(',');
}

/** Windows-31J bytes of each UTF-16 code unit (one byte below 0x100, else two; 0: none), built once from iconv-lite. */
let sjisCodes: Uint16Array | undefined;
function shiftJisTable(): Uint16Array {
  if (sjisCodes) return sjisCodes;
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c += 1) {
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: no character outside the BMP is in Shift_JIS
    const ch = String.fromCharCode(c);
    const bytes = iconv.encode(ch, 'cp932');
    // Only characters that come back unchanged count: iconv-lite writes ? for the rest, or a look-alike.
    if (iconv.decode(bytes, 'cp932') !== ch) continue;
    table[c] = bytes.length === 1 ? (bytes[0] ?? 0) : ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  }
  sjisCodes = table;
  return table;
}

/**
 * Shift_JIS (Windows-31J) bytes of a text, by table: the same bytes iconv-lite writes, at a fraction of the
 * cost on megabytes. Characters Shift_JIS cannot hold are written as 〓 (geta), the customary substitute.
 */
export function toShiftJis(text: string): Buffer {
  const table = shiftJisTable();
  const geta = table[0x3013] ?? 0;
  const out = Buffer.allocUnsafe(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    let code = c < 0x80 ? c : (table[c] ?? 0);
    if (code === 0 && c !== 0) {
      code = geta;
      // A surrogate pair is one character: one 〓.
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      }
    }
    if (code < 0x100) out[n++] = code;
    else {
      out[n++] = code >> 8;
      out[n++] = code & 0xff;
    }
  }
  return Buffer.from(out.subarray(0, n));
}

/** Rows encoded at a time: large enough that encoding costs little per row, small enough to stay flat. */
const EXPORT_CHUNK_ROWS = 2000;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function validateRange(from: string, to: string): void {
  if (!isDay(from) || !isDay(to)) {
    throw new LogError('log.invalid-record', `期間は yyyy-MM-dd で指定してください（${from}〜${to}）。`);
  }
  if (from > to) throw new LogError('log.invalid-record', `期間の開始が終了より後です（${from}〜${to}）。`);
}

/** The CSV bytes for every confirmation whose local day lies in [from, to], in the order they were recorded. */
export function exportCsv(db: Database.Database, options: CsvExportOptions, offsetMinutes: number): Buffer {
  validateRange(options.from, options.to);
  // Rows are appended in time order, so the days asked for are one run of ids: find its ends on the day
  // index, then read that run in id order (sequential pages, much cheaper than one index lookup per row). The
  // day test still applies, for rows whose clock was set back.
  const ends = db
    .prepare('SELECT min(id) AS first, max(id) AS last FROM confirmations WHERE day BETWEEN ? AND ?')
    .get(options.from, options.to) as { first: number | null; last: number | null };
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 24 * 60) {
    throw new RangeError(`UTC offset must be whole minutes, got ${offsetMinutes}`);
  }
  const lines = db
    .prepare(
      `SELECT ${COLUMNS.map(([, cell]) => cell(offsetMinutes)).join(" || ',' || ")} FROM confirmations
       WHERE id BETWEEN ? AND ? AND +day BETWEEN ? AND ? ORDER BY id`,
    )
    .pluck()
    .iterate(ends.first ?? 0, ends.last ?? -1, options.from, options.to) as Iterable<string>;
  const encode = (text: string): Buffer =>
    options.encoding === 'sjis' ? toShiftJis(text) : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = options.encoding === 'sjis' ? [] : [BOM];
  let pending = `${csvLine(CSV_HEADERS)}\r\n`;
  let count = 0;
  for (const line of lines) {
    pending += `${line}\r\n`;
    count += 1;
    if (count % EXPORT_CHUNK_ROWS === 0) {
      chunks.push(encode(pending));
      pending = '';
    }
  }
  chunks.push(encode(pending));
  return Buffer.concat(chunks);
}
