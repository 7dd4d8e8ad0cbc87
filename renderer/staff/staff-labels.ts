// Japanese labels the staff console shows for the contract's codes.
import type {
  CertificateState,
  CheckinOutcome,
  CheckinRoute,
  ConsentItem,
  KeyedEntry,
  TokenKind,
} from '../../electron/common/contract';
import type { ErrorCode } from '../../electron/common/errors';

export const outcomeLabels: Record<CheckinOutcome, string> = {
  confirmed: '確認済み',
  'not-insured': '資格なし',
  'needs-attention': '要確認',
  error: 'エラー',
  cancelled: '中止',
  'timed-out': 'タイムアウト',
};

export const routeLabels: Record<CheckinRoute, string> = {
  'card-pin': 'カード＋暗証番号',
  'card-visual': 'カード＋目視確認',
  keyed: '資格確認書 入力',
};

export const documentKindLabels: Record<KeyedEntry['documentKind'], string> = {
  'shikaku-kakuninsho': '資格確認書',
  oshirase: '資格情報のお知らせ',
  hokensho: '健康保険証',
};

export const consentItemLabels: Record<ConsentItem, string> = {
  medication: '薬剤情報',
  checkup: '特定健診情報',
  diagnosis: '診療情報',
  surgery: '手術情報',
};

export const tokenKindLabels: Record<TokenKind, string> = {
  card: 'カード',
  android: 'スマートフォン（Android）',
  iphone: 'スマートフォン（iPhone）',
};

export const certificateLabels: Record<CertificateState, string> = {
  valid: '有効',
  'expiring-soon': 'まもなく期限切れ',
  grace: '期限切れ（猶予期間中）',
  expired: '期限切れ',
  unknown: '不明',
};

/** QualificationValidity (OQSCD006, oqs-and-insurance.md §2.4). */
export const validityLabels: Record<number, string> = {
  1: '有効',
  2: '無効',
  3: '無効（新しい資格あり）',
  4: '該当資格なし',
  5: '複数該当',
  6: '有効（未登録）',
};

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
