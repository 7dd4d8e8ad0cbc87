// The domain vocabulary: every enum of the check-in domain and its Japanese label, in one place.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Clinic time
// ---------------------------------------------------------------------------------------------

/**
 * Japan Standard Time is UTC+9 all year (no daylight saving since 1951), so a fixed offset is exact. The
 * eligibility system writes its times in JST without a zone (oqs-and-insurance.md §2.2).
 */
export const JST_UTC_OFFSET_MINUTES = 9 * 60;
/** The same offset as written in settings and ISO 8601. */
export const JST_UTC_OFFSET = '+09:00';

// ---------------------------------------------------------------------------------------------
// Patient-facing choices
// ---------------------------------------------------------------------------------------------

/** Languages offered on the idle screen; Japanese is the default. */
export const languages = ['ja', 'en', 'zh-Hans', 'ko', 'vi'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

/**
 * Data-sharing consent items a clinic can show (oqs-and-insurance.md §2.5, §3):
 * medication 薬剤情報, checkup 特定健診情報, diagnosis 診療情報, surgery 手術情報.
 */
export const consentItems = ['medication', 'checkup', 'diagnosis', 'surgery'] as const;
export const ConsentItem = z.enum(consentItems);
export type ConsentItem = z.infer<typeof ConsentItem>;

export const consentItemLabels: Readonly<Record<ConsentItem, string>> = {
  medication: '薬剤情報',
  checkup: '特定健診情報',
  diagnosis: '診療情報',
  surgery: '手術情報',
};

/** How a recorded consent choice reads for staff and in the CSV. */
export const consentAnswerLabels = { agreed: '同意', declined: '不同意' } as const;

// ---------------------------------------------------------------------------------------------
// Card
// ---------------------------------------------------------------------------------------------

/** Physical card, or the スマホ用電子証明書 on a phone (my-number-card.md §6.1). */
export const tokenKinds = ['card', 'android', 'iphone'] as const;
export const TokenKind = z.enum(tokenKinds);
export type TokenKind = z.infer<typeof TokenKind>;

export const tokenKindLabels: Readonly<Record<TokenKind, string>> = {
  card: 'カード',
  android: 'スマートフォン（Android）',
  iphone: 'スマートフォン（iPhone）',
};

/** State of the 利用者証明用電子証明書 against today (oqs-and-insurance.md §5). */
export const certificateStates = ['valid', 'expiring-soon', 'grace', 'expired', 'unknown'] as const;
export const CertificateState = z.enum(certificateStates);
export type CertificateState = z.infer<typeof CertificateState>;

export const certificateStateLabels: Readonly<Record<CertificateState, string>> = {
  valid: '有効',
  'expiring-soon': 'まもなく期限切れ',
  grace: '期限切れ（猶予期間中）',
  expired: '期限切れ',
  unknown: '不明',
};

// ---------------------------------------------------------------------------------------------
// Check-in attempts
// ---------------------------------------------------------------------------------------------

/** The three routes of a check-in: card + PIN, card + 目視確認, keyed 資格確認書 entry. */
export const checkinRoutes = ['card-pin', 'card-visual', 'keyed'] as const;
export const CheckinRoute = z.enum(checkinRoutes);
export type CheckinRoute = z.infer<typeof CheckinRoute>;

export const routeLabels: Readonly<Record<CheckinRoute, string>> = {
  'card-pin': 'マイナ保険証（暗証番号）',
  'card-visual': 'マイナ保険証（目視確認）',
  keyed: '資格確認書（手入力）',
};

/** How an attempt ended, as the log records it. */
export const checkinOutcomes = [
  'confirmed',
  'not-insured',
  'needs-attention',
  'error',
  'cancelled',
  'timed-out',
] as const;
export const CheckinOutcome = z.enum(checkinOutcomes);
export type CheckinOutcome = z.infer<typeof CheckinOutcome>;

/** 時間切れ, not タイムアウト: the word reception staff and the CSV use for an abandoned screen. */
export const outcomeLabels: Readonly<Record<CheckinOutcome, string>> = {
  confirmed: '確認済み',
  'not-insured': '資格なし',
  'needs-attention': '要確認',
  error: 'エラー',
  cancelled: '中止',
  'timed-out': '時間切れ',
};

/**
 * The document staff key in (oqs-and-insurance.md §4.1): shikaku-kakuninsho 資格確認書; oshirase
 * 資格情報のお知らせ (only with the card seen); hokensho 健康保険証.
 */
export const keyedDocumentKinds = ['shikaku-kakuninsho', 'oshirase', 'hokensho'] as const;
export const KeyedDocumentKind = z.enum(keyedDocumentKinds);
export type KeyedDocumentKind = z.infer<typeof KeyedDocumentKind>;

export const keyedDocumentKindLabels: Readonly<Record<KeyedDocumentKind, string>> = {
  'shikaku-kakuninsho': '資格確認書',
  oshirase: '資格情報のお知らせ',
  hokensho: '健康保険証',
};

// ---------------------------------------------------------------------------------------------
// Eligibility system
// ---------------------------------------------------------------------------------------------

/** The adapters of the qualification gateway: the embedded simulator, or the 資格確認端末's folders. */
export const gatewayAdapters = ['simulator', 'oqs-folder'] as const;
export const GatewayAdapter = z.enum(gatewayAdapters);
export type GatewayAdapter = z.infer<typeof GatewayAdapter>;

/** OQSCD006 QualificationValidity codes (oqs-and-insurance.md §2.4). */
export const qualificationValidities = [1, 2, 3, 4, 5, 6] as const;
export const QualificationValidity = z.literal(qualificationValidities);
export type QualificationValidity = z.infer<typeof QualificationValidity>;

/** What each QualificationValidity code means (§2.4); 6 occurs only for 医療扶助. */
export const validityMeanings = {
  1: 'valid',
  2: 'invalid',
  3: 'superseded',
  4: 'not-found',
  5: 'multiple',
  6: 'unregistered',
} as const satisfies Record<QualificationValidity, string>;
export type ValidityMeaning = (typeof validityMeanings)[QualificationValidity];

/** The system's own Japanese wording of each code (§2.4), as staff read it. */
export const validityLabels: Readonly<Record<QualificationValidity, string>> = {
  1: '有効',
  2: '無効',
  3: '無効（新しい資格あり）',
  4: '該当資格なし',
  5: '複数該当',
  6: '有効（未登録）',
};

/** Whether a number is one of the QualificationValidity codes. */
export function isQualificationValidity(value: unknown): value is QualificationValidity {
  return QualificationValidity.safeParse(value).success;
}
