// The clinic CSV: the log's own columns and words, one line per row of any terminal, with its terminal first.
import { consentAnswerLabels, outcomeLabels, routeLabels } from '../../common/vocabulary';
import type { ClinicClock } from '../clock/clinic-clock';
import { CSV_HEADERS, csvLine } from '../log/csv-export';
import { type LogColumn } from './central-columns';
import { CentralError } from './central-error';

/** A central row's values as the log stored them, and its hash as lower-case hex. */
export type Values = Readonly<Record<LogColumn, string | number | null>> & { readonly hash: string };
export type Cell = (row: Values, clock: ClinicClock) => string | number | null;

/** A stored ISO instant as the clinic's wall clock; text that is not one, as it is (as the log's CSV does). */
const wallClockOf =
  (column: LogColumn): Cell =>
  (row, clock) => {
    const value = row[column];
    if (typeof value !== 'string') return null;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? clock.wallClock(ms) : value;
  };
const plain =
  (column: LogColumn): Cell =>
  (row) =>
    row[column];
const agreed =
  (column: LogColumn): Cell =>
  (row) =>
    row[column] === null
      ? null
      : row[column] === 1
        ? consentAnswerLabels.agreed
        : consentAnswerLabels.declined;
const labelled =
  (column: LogColumn, labels: Readonly<Record<string, string>>): Cell =>
  (row) => {
    const value = row[column];
    return typeof value === 'string' ? (labels[value] ?? value) : value;
  };

/**
 * Each header of the log's CSV (log/csv-export.ts) and its cell from a central row, so a clinic export
 * reads like a terminal's own, with the terminal's id in front.
 */
const CELLS: Readonly<Record<string, Cell>> = {
  記録ID: plain('id'),
  受付番号: plain('reception_number'),
  開始日時: (row, clock) => (typeof row.started_ms === 'number' ? clock.wallClock(row.started_ms) : null),
  終了日時: wallClockOf('ended_at'),
  記録日時: wallClockOf('recorded_at'),
  端末: plain('terminal'),
  リーダー: plain('reader'),
  確認方法: labelled('route', routeLabels),
  結果: labelled('outcome', outcomeLabels),
  資格有効性: plain('validity'),
  エラーコード: plain('error_code'),
  処理結果コード: plain('system_code'),
  保険者番号: plain('insurer_number'),
  記号: plain('symbol'),
  番号: plain('number'),
  枝番: plain('branch'),
  氏名: plain('name'),
  氏名カナ: plain('name_kana'),
  生年月日: plain('birthdate'),
  負担割合: (row) => (typeof row.copay_tenths === 'number' ? `${row.copay_tenths}割` : null),
  限度額区分: plain('limit_class'),
  限度額情報提供: agreed('limit_consent'),
  '限度額情報提供 日時': wallClockOf('limit_consent_at'),
  薬剤情報: agreed('medication_consent'),
  '薬剤情報 日時': wallClockOf('medication_consent_at'),
  特定健診情報: agreed('checkup_consent'),
  '特定健診情報 日時': wallClockOf('checkup_consent_at'),
  診療情報: agreed('diagnosis_consent'),
  '診療情報 日時': wallClockOf('diagnosis_consent_at'),
  手術情報: agreed('surgery_consent'),
  '手術情報 日時': wallClockOf('surgery_consent_at'),
  職員ID: plain('staff_id'),
  照会先: plain('gateway'),
  照会ID: plain('gateway_request_id'),
  'カード読取(ms)': plain('card_ms'),
  '照会(ms)': plain('gateway_ms'),
  '所要時間(ms)': plain('total_ms'),
  ハッシュ: (row) => row.hash,
};

/** The export's header: the terminal's central id, then the log's CSV header. */
export const CLINIC_CSV_HEADERS: readonly string[] = ['端末ID', ...CSV_HEADERS];

/** The cell function of each log CSV header; a header this view cannot fill is a programming error. */
export function clinicCsvCells(): Cell[] {
  return CSV_HEADERS.map((header) => {
    const cell = CELLS[header];
    if (!cell) throw new CentralError('central.schema', `no clinic CSV cell for ${header}`);
    return cell;
  });
}

/** One CSV line of a central row. */
export function clinicCsvLine(
  terminalId: string,
  values: Values,
  clock: ClinicClock,
  cells: readonly Cell[] = clinicCsvCells(),
): string {
  return csvLine([terminalId, ...cells.map((cell) => cell(values, clock))]);
}
