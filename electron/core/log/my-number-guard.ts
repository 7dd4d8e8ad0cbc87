// Defence in depth: finds text that looks like a 12-digit My Number (個人番号) so it is never written to the log.

/**
 * True when the 12 digits carry a valid 個人番号 check digit (施行令第8条, mod 11): with P(n) the n-th of the
 * first 11 digits counted from the right and Q(n) = n + 1 for n ≤ 6, n − 5 for n ≥ 7, the check digit is
 * 11 − (Σ P(n)·Q(n) mod 11), or 0 when that remainder is 0 or 1.
 */
export function hasMyNumberCheckDigit(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n += 1) {
    const p = Number(digits[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

// Twelve digits not touching other digits, written solid or in groups of four (1234 5678 9012, 1234-5678-9012).
const CANDIDATE = /(?<!\d)(\d{4})[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g;

/**
 * True when the text holds something that looks like a My Number: 12 digits (full-width digits count, and
 * groups of four separated by a space or hyphen) whose last digit is a valid 個人番号 check digit. Requiring
 * the check digit keeps other 12-digit values (9 in 10 of them) from being refused.
 */
export function containsMyNumber(text: string): boolean {
  const normalized = text.normalize('NFKC').replace(/[‐‑–—−ー]/g, '-');
  for (const match of normalized.matchAll(CANDIDATE)) {
    if (hasMyNumberCheckDigit(`${match[1]}${match[2]}${match[3]}`)) return true;
  }
  return false;
}
