// Japanese labels the staff console shows: the domain vocabulary's labels, and staff error texts and times.
import type { ErrorCode } from '../../electron/common/errors';

// The labels are defined once, in the vocabulary; the CSV export reads the same ones.
export {
  certificateStateLabels as certificateLabels,
  consentItemLabels,
  keyedDocumentKindLabels as documentKindLabels,
  outcomeLabels,
  routeLabels,
  tokenKindLabels,
  validityLabels,
} from '../../electron/common/vocabulary';

/** What staff read for an error code the core answered. */
export function staffErrorText(code: ErrorCode, message: string): string {
  switch (code) {
    case 'staff.pin-wrong':
      return '暗証番号が違います。';
    case 'staff.locked-out':
      return '暗証番号を続けて間違えたため、しばらく入力できません。時間をおいてお試しください。';
    case 'staff.pin-not-set':
      return 'この端末には職員の暗証番号が設定されていません。設定ファイルをご確認ください。';
    case 'staff.unauthorized':
      return 'サインインの有効期限が切れました。もう一度サインインしてください。';
    case 'visual.not-pending':
      return 'この読み取り機では目視確認を待っていません。';
    default:
      return message;
  }
}

const CLINIC_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/;

/**
 * The clinic wall-clock time HH:mm:ss of an instant the core sent (written in the clinic's offset): read
 * as written, never converted to the browser's time zone.
 */
export function clinicTime(iso: string): string {
  return CLINIC_TIME.exec(iso)?.[4] ?? iso;
}

/** A clinic day (yyyy-MM-dd, or the date part of a clinic time) as staff read it: 2026年12月1日. */
export function clinicDayLabel(dayOrIso: string): string {
  const m = CLINIC_TIME.exec(`${dayOrIso.slice(0, 10)}T00:00:00`);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : dayOrIso;
}
