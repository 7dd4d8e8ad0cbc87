// Normalisation of text keyed from a 資格確認書: full-width to half-width, spaces removed, dash and dot variants unified.

/**
 * Longest raw text a field is looked at. Anything longer is refused before any work is done on it,
 * so pasted or injected megabytes cannot stall the screen. Every printed field is far shorter.
 */
export const MAX_RAW_INPUT_LENGTH = 256;

/** Whitespace of every kind (ASCII, U+3000 ideographic space, NBSP, line breaks) and zero-width characters. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]+/gu;

/** Hyphen, dash and minus look-alikes that staff type for the `-` printed on cards. */
const DASHES = /[\u2010-\u2015\u2043\u2212\uFE58\uFE63\uFF0D]/gu;

/** Middle-dot look-alikes for the `・` printed on cards. */
const DOTS = /[\u00B7\u2022\u2219\u22C5\uFF65]/gu;

/**
 * Normalises keyed text. Steps: drop whitespace, NFKC (full-width digits and Latin letters become
 * half-width, half-width katakana becomes full-width, e.g. `㍻` becomes `平成`), unify dashes to `-` and
 * middle dots to `・`, drop whitespace again (NFKC can expose some) and normalise once more. Idempotent.
 * Letter case is kept as typed: the insurer's registered form is what the eligibility system compares.
 */
export function normalizeKeyedText(raw: string): string {
  const first = raw.replace(INVISIBLE, '').normalize('NFKC').replace(DASHES, '-').replace(DOTS, '・');
  return first.replace(INVISIBLE, '').normalize('NFKC');
}

/** Reads an untrusted field value as text: undefined and null are empty; anything else that is not a string is refused. */
export function readText(value: unknown): { ok: true; text: string } | { ok: false } {
  if (value === undefined || value === null) return { ok: true, text: '' };
  return typeof value === 'string' ? { ok: true, text: value } : { ok: false };
}
