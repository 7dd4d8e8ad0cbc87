// 保険者番号 (insurer number): 8 digits, or 6 for 市町村国保; Luhn check digit; padding for the request XML.
import { LUHN_WEIGHTS } from './check-digit';
import { validateDigitField } from './digit-field';
import type { InsurerKindInfo } from './houbetsu';
import { describeInsurerKind } from './houbetsu';
import type { RuleResult } from './rule-result';
import { ruleError, ruleFail, ruleOk } from './rule-result';

export interface InsurerNumber {
  /** Normalised digits: 6 (国保) or 8. */
  digits: string;
  kind: InsurerKindInfo;
}

/**
 * Validates a keyed 保険者番号 (oqs-and-insurance.md §4.2): 法別 2 + 都道府県 2 + 保険者別 3 + 検証 1,
 * or 6 digits for 市町村国保. An 8-digit entry beginning `00` (no such 法別番号) is a 6-digit number padded
 * with zeros and is reported as those 6 digits; the leading zeros do not change the check digit.
 */
export function validateInsurerNumber(raw: unknown): RuleResult<InsurerNumber> {
  const checked = validateDigitField(raw, {
    field: 'insurerNumber',
    codePrefix: 'rules.insurer-number',
    lengths: [8, 6],
    weightsFromRight: LUHN_WEIGHTS,
  });
  if (!checked.ok) return checked;
  const digits =
    checked.value.length === 8 && checked.value.startsWith('00') ? checked.value.slice(2) : checked.value;
  return ruleOk({ digits, kind: describeInsurerKind(digits) });
}

/**
 * How a 6-digit number is widened to the 8 characters of `InsurerNumber` (§2.2). A sample result uses two
 * leading spaces; one code base pads with zeros. Whether zeros are accepted everywhere is unconfirmed.
 */
export const INSURER_NUMBER_PAD: 'spaces' | 'zeros' = 'spaces';

/** The 8-character `InsurerNumber` of the request XML for a 6- or 8-digit 保険者番号 (§2.2). */
export function padInsurerNumber(n: string): RuleResult<string> {
  const digits = typeof n === 'string' ? n.trim() : '';
  if (/^\d{8}$/.test(digits)) return ruleOk(digits);
  if (/^\d{6}$/.test(digits)) return ruleOk((INSURER_NUMBER_PAD === 'spaces' ? '  ' : '00') + digits);
  return ruleFail(
    ruleError(
      'rules.insurer-number.pad-format',
      'insurerNumber',
      '保険者番号は6桁または8桁の数字でご入力ください。',
      'Enter the insurer number as 6 or 8 digits.',
    ),
  );
}
