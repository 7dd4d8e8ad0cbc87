// Which 交付年月日 is newer: the one staff keyed from the paper, or the one the eligibility answer names.
import type { CalendarDate } from './calendar-date';
import { compareDates, parseCompactDate } from './calendar-date';

/**
 * "With several 資格確認書 (or 保険証), the one with the newest 交付年月日 is the valid one" (§4.1). The
 * reference has no source for this rule (unconfirmed), so it only informs staff and never refuses an entry;
 * set to false to stop telling them.
 */
export const NEWEST_ISSUANCE_IS_VALID = true;

export interface NewerIssuance {
  /** The 交付年月日 staff keyed. */
  keyed: CalendarDate;
  /** The newer `InsuredCertificateIssuanceDate` of the answer. */
  answer: CalendarDate;
}

/**
 * Compares the keyed 交付年月日 with the answer's `InsuredCertificateIssuanceDate` (both yyyyMMdd). Returns
 * both dates when the answer names a later issue, i.e. the paper in hand may have been replaced; undefined
 * when either is absent or unreadable, or when the paper is as new or newer.
 */
export function newerIssuance(
  keyedIssuedOn: string | undefined,
  answerIssuedOn: string | undefined,
): NewerIssuance | undefined {
  if (!NEWEST_ISSUANCE_IS_VALID || keyedIssuedOn === undefined || answerIssuedOn === undefined)
    return undefined;
  const keyed = parseCompactDate(keyedIssuedOn);
  const answer = parseCompactDate(answerIssuedOn);
  if (!keyed || !answer || compareDates(answer, keyed) <= 0) return undefined;
  return { keyed, answer };
}
