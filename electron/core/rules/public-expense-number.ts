// 公費負担者番号 (public-expense payer number, 8 digits) and 受給者番号 (recipient number, 7 digits) with check digits.
import { LUHN_WEIGHTS } from './check-digit';
import { validateDigitField } from './digit-field';
import type { RuleResult } from './rule-result';

/**
 * Weights of the 受給者番号 check digit, from the right-most payload digit. Blogs state it is the same 2-1
 * Luhn rule as the 保険者番号; the official confirmation is missing (oqs-and-insurance.md §4.2, unconfirmed).
 */
export const RECIPIENT_NUMBER_WEIGHTS: readonly number[] = LUHN_WEIGHTS;

/** 公費負担者番号: 法別 2 + 都道府県 2 + 実施機関 3 + 検証 1, Luhn (§4.2). Returns the normalised digits. */
export function validatePublicExpensePayerNumber(raw: unknown): RuleResult<string> {
  return validateDigitField(raw, {
    field: 'publicExpensePayerNumber',
    codePrefix: 'rules.public-expense-number',
    lengths: [8],
    weightsFromRight: LUHN_WEIGHTS,
  });
}

/** 公費受給者番号: 6 digits + 1 check digit (§4.2); weighting per `RECIPIENT_NUMBER_WEIGHTS`. */
export function validateRecipientNumber(raw: unknown): RuleResult<string> {
  return validateDigitField(raw, {
    field: 'recipientNumber',
    codePrefix: 'rules.recipient-number',
    lengths: [7],
    weightsFromRight: RECIPIENT_NUMBER_WEIGHTS,
  });
}
