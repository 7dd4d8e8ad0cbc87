// Japanese labels the staff console shows: the domain vocabulary's labels, and staff error texts and times.
import type { CopaySource, ScreenName } from '../../electron/common/contract';
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

/** What a reader's patient screen shows, as staff read it on 機器の状態. */
const screenLabels: Record<ScreenName, string> = {
  idle: '待機中',
  'out-of-service': '休止中',
  reading: 'カード読み取り中',
  pin: '暗証番号入力',
  'choose-auth': '本人確認の方法の選択',
  'visual-wait': '目視確認の待機',
  registration: '利用登録',
  consent: '情報提供の同意',
  'limit-consent': '限度額情報の利用確認',
  processing: '確認中',
  result: '結果表示',
  'take-card': 'カードの取り忘れ防止',
  'card-lifted': 'カードが離れた（戻るのを待機中）',
  'registration-declined': '利用登録をしない',
  error: 'エラー表示',
};

/** A screen name the core reported; a name this console does not know is shown as it came. */
export const screenLabel = (name: string): string =>
  Object.hasOwn(screenLabels, name) ? screenLabels[name as ScreenName] : name;

/** Where the copay shown to staff came from (rules/copay.ts), e.g. 「3割（年齢による）」. */
export const copaySourceLabels: Record<CopaySource, string> = {
  'insurer-ratio': '資格情報による',
  'elderly-certificate': '高齢受給者証情報による',
  'statutory-age': '年齢による',
  'public-assistance': '医療扶助・公費',
};

/** The copay as staff read it: 「3割（年齢による）」; 医療扶助・公費 has no ratio of its own. */
export function copayLabel(tenths: number | undefined, source: CopaySource | undefined): string {
  if (source === 'public-assistance') return '医療扶助・公費（医療券などでご確認ください）';
  if (!tenths) return '不明（確認が必要です）';
  return source ? `${String(tenths)}割（${copaySourceLabels[source]}）` : `${String(tenths)}割`;
}

/**
 * The answer names a later 交付年月日 than the document keyed (the newest issue is the valid one, §4.1): what
 * staff read, dates in 和暦.
 */
export function newerIssuanceText(keyedWareki: string, answerWareki: string): string {
  return `資格情報の交付年月日（${answerWareki}）が、入力された交付年月日（${keyedWareki}）より新しくなっています。新しい資格確認書をお持ちでないか、患者さんにご確認ください。`;
}

/** Kana or kanji: a message written for staff rather than a developer's. */
const JAPANESE_TEXT = /[\u3040-\u30ff\u4e00-\u9fff]/;

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
    // The contract refused the request: its words are for developers, staff get what to do.
    case 'ipc.invalid-request':
    case 'ipc.payload-too-large':
      return '入力内容を受け付けられませんでした。各項目の桁数や形式をご確認ください。';
    case 'ipc.not-ready':
      return '受付機との接続が切れています。しばらくしてからもう一度お試しください。';
    case 'ipc.handler-failed':
    case 'ipc.invalid-response':
    case 'internal':
      return '処理中に問題が起きました。もう一度お試しください。続く場合は管理者にご連絡ください。';
    default:
      // The core's own refusals are written in Japanese; anything else is not shown as it is.
      return JAPANESE_TEXT.test(message) ? message : '処理できませんでした。もう一度お試しください。';
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
