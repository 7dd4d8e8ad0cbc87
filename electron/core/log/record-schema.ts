// The ConfirmationRecord schema (the source of its type) and its validation before a write: no My Number anywhere.
import { z } from 'zod';
import { CheckinOutcome, CheckinRoute, consentItems, type ConsentItem } from '../../common/vocabulary';
import { LogError } from './confirmation-log';
import { isDay, parseInstant } from './local-time';
import { containsMyNumber } from './my-number-guard';

const instant = z.string().refine((s) => parseInstant(s) !== undefined, {
  message: 'ISO 8601 の日時（タイムゾーン付き）ではありません',
});
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Well-formed UTF-16 only: SQLite would store a lone surrogate as U+FFFD, and the row would no longer match its hash. */
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine(wellFormed, { message: '不正な文字（壊れたサロゲート）が含まれています' });
/** A consent choice and the ISO 8601 time it was made. */
export const ConsentRecordSchema = z.object({ agreed: z.boolean(), at: instant }).strict();
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
const millis = z.number().finite().min(0).max(86_400_000);

/** One optional consent record per consent item of the vocabulary; any other key is refused. */
const consentShape = Object.fromEntries(
  consentItems.map((item) => [item, ConsentRecordSchema.optional()]),
) as Record<ConsentItem, z.ZodOptional<typeof ConsentRecordSchema>>;

/** One confirmation attempt. Never holds the PIN, the 12-digit My Number, a signature or a challenge. */
export const ConfirmationRecordSchema = z
  .object({
    /** ISO 8601, when the attempt started. */
    startedAt: instant,
    /** ISO 8601, when it ended. */
    endedAt: instant,
    terminal: text(64),
    reader: text(256).optional(),
    route: CheckinRoute,
    outcome: CheckinOutcome,
    /** QualificationValidity 1–6 when the system answered. */
    validity: z.number().int().min(1).max(6).optional(),
    /** Stable error code (card.*, gateway.*, session.*) when the attempt failed. */
    errorCode: text(64).optional(),
    /** The system's own error/result code, when it gave one. */
    systemCode: text(64).optional(),
    // oqs-and-insurance.md §2: 8 characters, 6-digit 国保 numbers may come right-justified with spaces.
    insurerNumber: z
      .string()
      .regex(/^[ 0-9]{1,8}$/, '保険者番号は8桁までの数字です')
      .optional(),
    symbol: text(64).optional(),
    number: text(64).optional(),
    branch: z
      .string()
      .regex(/^\d{1,2}$/, '枝番は2桁までの数字です')
      .optional(),
    name: text(128).optional(),
    nameKana: text(128).optional(),
    /** yyyyMMdd */
    birthdate: z
      .string()
      .refine((s) => /^\d{8}$/.test(s) && isDay(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`), {
        message: '生年月日は yyyyMMdd の実在する日付です',
      })
      .optional(),
    copayTenths: z.number().int().min(0).max(10).optional(),
    limitClass: text(64).optional(),
    limitConsent: ConsentRecordSchema.optional(),
    consents: z.object(consentShape).strict(),
    /** Staff member who approved (目視) or keyed the entry. */
    staffId: text(64).optional(),
    gateway: text(64).optional(),
    gatewayRequestId: text(128).optional(),
    /** SHA-256 (hex) of the certificate serial number; never the certificate. */
    certificateSerialHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '証明書シリアルのハッシュは SHA-256 の16進64文字です')
      .optional(),
    /** Daily reception number shown to the patient. */
    receptionNumber: z.number().int().min(1).max(1_000_000).optional(),
    /** Milliseconds spent in each part of the attempt. */
    durations: z.object({ card: millis.optional(), gateway: millis.optional(), total: millis }).strict(),
  })
  .strict();
/** One confirmation attempt, as the schema above defines it. */
export type ConfirmationRecord = z.infer<typeof ConfirmationRecordSchema>;

/**
 * A SHA-256 in its own field is a hash, not text: about 3 in 1,000 of them hold twelve decimal digits with a
 * valid 個人番号 check digit by chance, and refusing those would refuse one patient's card every time.
 */
function isHashField(path: string, value: string): boolean {
  return path === 'certificateSerialHash' && /^[0-9a-f]{64}$/.test(value);
}

function stringsIn(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) stringsIn(inner, path ? `${path}.${key}` : key, out);
  }
}

/** Returns the record as validated; throws LogError('log.invalid-record') naming the first bad field. */
export function validateRecord(entry: unknown): ConfirmationRecord {
  // The My Number check runs on the raw input first, so even an unknown field never lets one through.
  const strings: Array<[string, string]> = [];
  stringsIn(entry, '', strings);
  const leaked = strings.find(([path, value]) => !isHashField(path, value) && containsMyNumber(value));
  if (leaked) {
    throw new LogError(
      'log.invalid-record',
      `記録を拒否しました: 「${leaked[0]}」に個人番号（マイナンバー）と思われる12桁の数字があります。個人番号は保存できません。`,
    );
  }
  const parsed = ConfirmationRecordSchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(record)';
    throw new LogError(
      'log.invalid-record',
      `記録を拒否しました: 「${where}」が不正です（${issue?.message ?? ''}）。`,
    );
  }
  return parsed.data;
}
