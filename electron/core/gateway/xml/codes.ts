// OQS code tables and formatting constants used by the XML reader/writer (oqs-and-insurance.md §2, §6).
import { JST_UTC_OFFSET, JST_UTC_OFFSET_MINUTES } from '../../../common/vocabulary';
import type { ConsentCategory } from '../qualification-gateway';
import { INSURER_NUMBER_PAD } from '../../rules/insurer-number';

/** OQSCD006 QualificationValidity → Japanese wording shown to staff (§2.4): the vocabulary's. */
export { validityLabels } from '../../../common/vocabulary';

/**
 * OQSCD012 LimitApplicationCertificateClassificationFlag → 区分 label (§6). A-codes are for
 * people under 70, B-codes for 70+ / 後期高齢者. New codes are expected from 2026-08 (§6, pending).
 */
export const limitClassLabels: Readonly<Record<string, string>> = {
  A01: '区分ア',
  A02: '区分イ',
  A03: '区分ウ',
  A04: '区分エ',
  A05: '区分オ',
  A06: '区分オ（境）',
  B01: '現役並みⅢ',
  B02: '現役並みⅡ',
  B03: '現役並みⅠ',
  B04: '一般',
  B05: '低所得Ⅱ',
  B06: '低所得Ⅰ',
  B07: '低所得Ⅰ（老福）',
  B08: '低所得Ⅰ（境）',
  B09: '一般Ⅱ',
  B10: '一般Ⅰ',
};

/** Label for a class code, including codes this table does not know yet. */
export function limitClassLabel(code: string): string {
  return limitClassLabels[code] ?? `未知の区分（${code}）`;
}

/** OQSCD011 LimitApplicationCertificateClassification (§6). */
export const limitCertificateKinds = {
  '01': '限度額適用認定証',
  '02': '限度額適用・標準負担額減額認定証',
  '03': '標準負担額減額認定証',
} as const;

/** InsuredPartialContributionRatio: 3-digit percent-like string → tenths (§2.2). */
export const copayRatioTenths: Readonly<Record<string, 1 | 2 | 3>> = { '010': 1, '020': 2, '030': 3 };
export const copayTenthsToRatio: Record<1 | 2 | 3, string> = { 1: '010', 2: '020', 3: '030' };

/**
 * How a 6-digit 国保 insurer number is widened to the 8 characters of `InsurerNumber` (§2.2): the
 * unconfirmed choice lives in one place, the rules' INSURER_NUMBER_PAD.
 */
export const INSURER_NUMBER_PADDING = INSURER_NUMBER_PAD;

/** Widens whatever the XML model holds to 8 characters; validation of the digits is the rules' job. */
export function padInsurerNumber(insurerNumber: string): string {
  const digits = insurerNumber.trim();
  if (digits.length >= 8) return digits;
  return digits.padStart(8, INSURER_NUMBER_PADDING === 'spaces' ? ' ' : '0');
}

/** A zero-padded 6-digit 国保 number read back from a result is the same insurer. */
export function normalizeInsurerNumber(value: string): string {
  const trimmed = value.trim();
  return /^00\d{6}$/.test(trimmed) ? trimmed.slice(2) : trimmed;
}

/** Consent categories of the face reader → element prefix of the `*ConsFlg` triple (§2.5). */
export const consentPrefixByCategory: Record<ConsentCategory, ConsentPrefix> = {
  medication: 'PharmacistsInfo',
  checkup: 'SpecificHealthCheckupsInfo',
  diagnosis: 'DiagnosisInfo',
  surgery: 'OperationInfo',
};

/** Items of the 電子カルテ情報共有サービス added to results in 2025 (§2.5; presence in OQS XML unconfirmed). */
export const recordSharingPrefixByCategory = {
  diagnosisName: 'DiagnosisName',
  infectious: 'InfectiousInfo',
  allergy: 'AllergyInfo',
  contraindication: 'ContraindicationInfo',
  test: 'TestInfo',
  prescription: 'PrescriptionInfo',
} as const;

export const consentPrefixes = [
  'SpecificHealthCheckupsInfo',
  'PharmacistsInfo',
  'DiagnosisInfo',
  'OperationInfo',
  'DiagnosisName',
  'InfectiousInfo',
  'AllergyInfo',
  'ContraindicationInfo',
  'TestInfo',
  'PrescriptionInfo',
] as const;
export type ConsentPrefix = (typeof consentPrefixes)[number];

/** Consent lasts 24 h after registration (§2.5, §3). */
export const CONSENT_VALID_MS = 24 * 60 * 60 * 1000;

/** XML times are Japan local time without a zone (§2.2); JST has no daylight saving. */
/** The eligibility system writes its times in JST without a zone (§2). */
const JST_OFFSET_MS = JST_UTC_OFFSET_MINUTES * 60_000;

/** `yyyyMMddHHmmss` in JST. */
export function formatOqsDateTime(date: Date): string {
  return new Date(date.getTime() + JST_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 14);
}

/** `yyyyMMdd` in JST. */
export function formatOqsDate(date: Date): string {
  return formatOqsDateTime(date).slice(0, 8);
}

/** `yyyyMMddHHmmss` (JST) → ISO 8601 with +09:00; undefined when it is not a plausible time. */
export function oqsDateTimeToIso(value: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${JST_UTC_OFFSET}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** ISO 8601 (any offset) → `yyyyMMddHHmmss` in JST. */
export function isoToOqsDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new RangeError(`not an ISO time: ${iso}`);
  return formatOqsDateTime(new Date(time));
}
