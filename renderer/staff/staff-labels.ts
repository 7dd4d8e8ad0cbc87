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

/** Today's date in local time as yyyy-MM-dd. */
export function localDate(date: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An ISO timestamp as local HH:mm:ss for the tables. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
