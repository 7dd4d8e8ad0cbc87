// CSV export for staff and Excel: Japanese headers, UTF-8 with BOM or Shift_JIS, CRLF, formula-injection guard.
import iconv from 'iconv-lite';
import type Database from 'better-sqlite3';
import { LogError } from './confirmation-log';
import { CHAIN_COLUMNS_V1 } from './hash-chain';
import { isDay, localDateTime } from './local-time';

export type CsvEncoding = 'utf8' | 'sjis';

export interface CsvExportOptions {
  /** yyyy-MM-dd, inclusive, local days of the log. */
  from: string;
  to: string;
  encoding?: CsvEncoding;
}

const routeLabels: Record<string, string> = {
  'card-pin': 'マイナ保険証（暗証番号）',
  'card-visual': 'マイナ保険証（目視確認）',
  keyed: '資格確認書（手入力）',
};
const outcomeLabels: Record<string, string> = {
  confirmed: '確認済み',
  'not-insured': '資格なし',
  'needs-attention': '要確認',
  error: 'エラー',
  cancelled: '中止',
  'timed-out': '時間切れ',
};

/** Columns read for the export, in this order (raw rows: arrays are much cheaper than objects). */
const READ_COLUMNS = [...CHAIN_COLUMNS_V1, 'hash'] as const;
const at = Object.fromEntries(READ_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof READ_COLUMNS)[number],
  number
>;
type RawRow = Array<string | number | Buffer | null>;
type Cell = (row: RawRow, offset: number) => string | number | null;

const plain =
  (column: (typeof READ_COLUMNS)[number]): Cell =>
  (row) => {
    const value = row[at[column]];
    return Buffer.isBuffer(value) ? value.toString('hex') : (value ?? null);
  };
const time =
  (column: (typeof READ_COLUMNS)[number]): Cell =>
  (row, offset) => {
    const value = row[at[column]];
    if (typeof value !== 'string') return null;
    // Stored instants were validated on the way in (record-schema.ts), so Date.parse is safe here.
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? localDateTime(ms, offset) : value;
  };
const agreed =
  (column: (typeof READ_COLUMNS)[number]): Cell =>
  (row) => {
    const value = row[at[column]];
    return value === null || value === undefined ? null : value === 1 ? '同意' : '不同意';
  };

/** Columns of the export, in order: Japanese header and how to render the cell. */
const COLUMNS: ReadonlyArray<[string, Cell]> = [
  ['記録ID', plain('id')],
  ['受付番号', plain('reception_number')],
  ['開始日時', (row, offset) => localDateTime(row[at.started_ms] as number, offset)],
  ['終了日時', time('ended_at')],
  ['記録日時', time('recorded_at')],
  ['端末', plain('terminal')],
  ['リーダー', plain('reader')],
  ['確認方法', (row) => routeLabels[String(row[at.route])] ?? String(row[at.route])],
  ['結果', (row) => outcomeLabels[String(row[at.outcome])] ?? String(row[at.outcome])],
  ['資格有効性', plain('validity')],
  ['エラーコード', plain('error_code')],
  ['処理結果コード', plain('system_code')],
  ['保険者番号', plain('insurer_number')],
  ['記号', plain('symbol')],
  ['番号', plain('number')],
  ['枝番', plain('branch')],
  ['氏名', plain('name')],
  ['氏名カナ', plain('name_kana')],
  ['生年月日', plain('birthdate')],
  ['負担割合', (row) => (typeof row[at.copay_tenths] === 'number' ? `${row[at.copay_tenths]}割` : null)],
  ['限度額区分', plain('limit_class')],
  ['限度額情報提供', agreed('limit_consent')],
  ['限度額情報提供 日時', time('limit_consent_at')],
  ['薬剤情報', agreed('medication_consent')],
  ['薬剤情報 日時', time('medication_consent_at')],
  ['特定健診情報', agreed('checkup_consent')],
  ['特定健診情報 日時', time('checkup_consent_at')],
  ['診療情報', agreed('diagnosis_consent')],
  ['診療情報 日時', time('diagnosis_consent_at')],
  ['手術情報', agreed('surgery_consent')],
  ['手術情報 日時', time('surgery_consent_at')],
  ['職員ID', plain('staff_id')],
  ['照会先', plain('gateway')],
  ['照会ID', plain('gateway_request_id')],
  ['カード読取(ms)', plain('card_ms')],
  ['照会(ms)', plain('gateway_ms')],
  ['所要時間(ms)', plain('total_ms')],
  ['ハッシュ', plain('hash')],
];

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

const encodable = new Map<string, boolean>();

/** Characters Shift_JIS (Windows-31J) cannot hold are written as 〓 (geta), the customary substitute. */
function toShiftJis(text: string): Buffer {
  let safe = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) < 0x80) continue;
    const code = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    let ok = encodable.get(ch);
    if (ok === undefined) {
      ok = iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch;
      encodable.set(ch, ok);
    }
    if (!ok) {
      safe += `${text.slice(from, i)}〓`;
      from = i + ch.length;
    }
    if (code > 0xffff) i += 1;
  }
  return iconv.encode(from === 0 ? text : safe + text.slice(from), 'cp932');
}

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
  // One JSON string per row is much cheaper to bring into JavaScript than forty columns.
  const json = db
    .prepare(
      `SELECT json_array(${CHAIN_COLUMNS_V1.join(', ')}, lower(hex(hash))) FROM confirmations
       WHERE id BETWEEN ? AND ? AND +day BETWEEN ? AND ? ORDER BY id`,
    )
    .pluck()
    .iterate(ends.first ?? 0, ends.last ?? -1, options.from, options.to) as Iterable<string>;
  const lines: string[] = [COLUMNS.map(([header]) => csvCell(header)).join(',')];
  for (const text of json) {
    const row = JSON.parse(text) as RawRow;
    lines.push(COLUMNS.map(([, cell]) => csvCell(cell(row, offsetMinutes))).join(','));
  }
  const text = `${lines.join('\r\n')}\r\n`;
  return options.encoding === 'sjis' ? toShiftJis(text) : Buffer.concat([BOM, Buffer.from(text, 'utf8')]);
}
