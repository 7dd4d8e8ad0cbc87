// State of the 利用者証明用 certificate on a マイナ保険証: valid, expiring soon, in post-expiry grace, or expired.
import type { TokenKind } from '../../common/vocabulary';
import type { CalendarDate, Clock } from './calendar-date';
import {
  addMonths,
  compareDates,
  daysBetween,
  endOfMonth,
  formatIsoDate,
  jstDateOf,
  jstToday,
} from './calendar-date';
import { certificateGraceRule } from './transition-table';

/** Physical card, or the smartphone マイナ保険証 (as reported by the card layer). */
export type { TokenKind };

export interface CertificateFacts {
  /** The certificate's notAfter instant. */
  validTo: Date;
  tokenKind: TokenKind;
}

export type CertificateStatus =
  | { state: 'valid' }
  /** Within `warnMonthsBefore` of expiry; `daysLeft` is 0 on the expiry day itself (JST). */
  | { state: 'expiring-soon'; daysLeft: number }
  /** Expired, but the card still confirms eligibility — only eligibility, no 薬剤・診療情報 sharing — through `until` (yyyy-mm-dd, inclusive). */
  | { state: 'grace'; until: string; dataSharingAllowed: false }
  | { state: 'expired' };

/** Last day of the grace for a certificate expiring on `expiry` (JST date), per `CERTIFICATE_GRACE_ANCHOR`. */
export function certificateGraceUntil(expiry: CalendarDate): CalendarDate {
  if (certificateGraceRule.anchor === 'end-of-month') {
    return endOfMonth(addMonths(endOfMonth(expiry), certificateGraceRule.graceMonths));
  }
  return addMonths(expiry, certificateGraceRule.graceMonths);
}

/**
 * oqs-and-insurance.md §5: the certificate expires at its notAfter; a physical card then still confirms
 * eligibility for 3 months (anchor unconfirmed, see transition-table.ts), without data sharing; the
 * smartphone version has no grace. Readers warn from 3 months before expiry. An unreadable `validTo`
 * or clock is treated as expired, never as valid.
 */
export function certificateStatus(facts: CertificateFacts, clock: Clock): CertificateStatus {
  let now: Date;
  try {
    now = clock();
  } catch {
    return { state: 'expired' };
  }
  const validTo: unknown = typeof facts === 'object' && facts !== null ? facts.validTo : undefined;
  const today = jstToday(() => now);
  const expiry = validTo instanceof Date ? jstDateOf(validTo) : undefined;
  if (!today || !expiry || !(validTo instanceof Date)) return { state: 'expired' };

  if (now.getTime() <= validTo.getTime()) {
    const warnFrom = addMonths(expiry, -certificateGraceRule.warnMonthsBefore);
    if (compareDates(today, warnFrom) >= 0)
      return { state: 'expiring-soon', daysLeft: daysBetween(today, expiry) };
    return { state: 'valid' };
  }

  const hasGrace = certificateGraceRule.graceByTokenKind[facts.tokenKind] as boolean | undefined;
  if (hasGrace !== true) return { state: 'expired' };
  const until = certificateGraceUntil(expiry);
  if (compareDates(today, until) <= 0)
    return { state: 'grace', until: formatIsoDate(until), dataSharingAllowed: false };
  return { state: 'expired' };
}
