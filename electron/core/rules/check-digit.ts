// Weighted mod-10 check digits (the Luhn scheme of the 保険者番号設定要領), shared by every printed number.

/** Weights applied from the right-most payload digit leftwards, repeating: 2, 1, 2, 1, … (oqs-and-insurance.md §4.2). */
export const LUHN_WEIGHTS: readonly number[] = [2, 1];

/**
 * The check digit for `payload` (digits only): multiply each digit by the weights from the right,
 * add the digits of each product, and take 10 − (sum mod 10), or 0 when the sum is a multiple of 10.
 */
export function weightedMod10CheckDigit(
  payload: string,
  weightsFromRight: readonly number[] = LUHN_WEIGHTS,
): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    const product = digit * (weightsFromRight[i % weightsFromRight.length] ?? 1);
    sum += Math.floor(product / 10) + (product % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the check digit of the digits before it. */
export function hasValidCheckDigit(
  digits: string,
  weightsFromRight: readonly number[] = LUHN_WEIGHTS,
): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return weightedMod10CheckDigit(digits.slice(0, -1), weightsFromRight) === Number(digits.slice(-1));
}
