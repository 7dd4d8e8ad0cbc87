// 法別番号 (law-category number) of an 8-digit 保険者番号, and the kind of insurer it names.

export type InsurerKind =
  | 'kyokai-kenpo'
  | 'seamen'
  | 'day-labourer'
  | 'society'
  | 'self-defense-forces'
  | 'mutual-aid'
  | 'late-elderly'
  | 'special-retiree-society'
  | 'nhi-retiree'
  | 'specified-mutual-aid'
  | 'national-health-insurance'
  | 'unknown';

export interface InsurerKindInfo {
  kind: InsurerKind;
  /** 法別番号, or undefined for 6-digit 国民健康保険 numbers, which have none. */
  houbetsu?: string;
  name: { ja: string; en: string };
}

/**
 * 法別番号 → insurer kind. 01, 02, 06, 31–34 and 39 are the examples of oqs-and-insurance.md §4.2;
 * the other rows are the published 法別番号 list and are not covered by that reference (unconfirmed there).
 * Only describes; an unlisted 法別番号 is reported as `unknown`, never refused.
 */
export const HOUBETSU_TABLE: Readonly<Record<string, Omit<InsurerKindInfo, 'houbetsu'>>> = {
  '01': { kind: 'kyokai-kenpo', name: { ja: '協会けんぽ', en: 'Japan Health Insurance Association' } },
  '02': { kind: 'seamen', name: { ja: '船員保険', en: "Seamen's insurance" } },
  '03': { kind: 'day-labourer', name: { ja: '日雇特例被保険者（一般療養）', en: 'Day-labourer insurance' } },
  '04': {
    kind: 'day-labourer',
    name: { ja: '日雇特例被保険者（特別療養費）', en: 'Day-labourer insurance (special)' },
  },
  '06': { kind: 'society', name: { ja: '組合管掌健康保険', en: 'Health insurance society' } },
  '07': { kind: 'self-defense-forces', name: { ja: '自衛官等', en: 'Self-Defense Forces personnel' } },
  '31': { kind: 'mutual-aid', name: { ja: '国家公務員共済組合', en: 'National public servants mutual aid' } },
  '32': { kind: 'mutual-aid', name: { ja: '地方公務員等共済組合', en: 'Local public servants mutual aid' } },
  '33': { kind: 'mutual-aid', name: { ja: '警察共済組合', en: 'Police mutual aid' } },
  '34': {
    kind: 'mutual-aid',
    name: { ja: '公立学校共済組合・私学共済', en: 'Public and private school mutual aid' },
  },
  '39': { kind: 'late-elderly', name: { ja: '後期高齢者医療', en: 'Late-stage elderly medical care' } },
  '63': {
    kind: 'special-retiree-society',
    name: { ja: '特定健康保険組合（特例退職）', en: 'Specified health insurance society (retirees)' },
  },
  '67': {
    kind: 'nhi-retiree',
    name: { ja: '国民健康保険（退職者医療）', en: 'National Health Insurance (retirees)' },
  },
  '72': {
    kind: 'specified-mutual-aid',
    name: { ja: '国家公務員特定共済組合', en: 'National specified mutual aid' },
  },
  '73': {
    kind: 'specified-mutual-aid',
    name: { ja: '地方公務員等特定共済組合', en: 'Local specified mutual aid' },
  },
  '74': { kind: 'specified-mutual-aid', name: { ja: '警察特定共済組合', en: 'Police specified mutual aid' } },
  '75': {
    kind: 'specified-mutual-aid',
    name: { ja: '公立学校・私学特定共済組合', en: 'School specified mutual aid' },
  },
};

const NATIONAL_HEALTH_INSURANCE: InsurerKindInfo = {
  kind: 'national-health-insurance',
  name: { ja: '国民健康保険', en: 'National Health Insurance' },
};

/**
 * Describes the insurer behind a normalised 保険者番号: 6 digits are 市町村国保 (no 法別番号, §4.2);
 * 8 digits are looked up by their first two digits.
 */
export function describeInsurerKind(insurerNumber: string): InsurerKindInfo {
  if (/^\d{6}$/.test(insurerNumber)) return NATIONAL_HEALTH_INSURANCE;
  const houbetsu = insurerNumber.slice(0, 2);
  const known = /^\d{8}$/.test(insurerNumber) ? HOUBETSU_TABLE[houbetsu] : undefined;
  if (known) return { ...known, houbetsu };
  return {
    kind: 'unknown',
    ...(/^\d{2}/.test(houbetsu) ? { houbetsu } : {}),
    name: { ja: '不明な保険者', en: 'Unknown insurer' },
  };
}
