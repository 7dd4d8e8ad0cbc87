// The one dated table of transitional rules (oqs-and-insurance.md §5): a new notice is a one-line change here.

/** A period, both ends inclusive, as `yyyy-mm-dd` calendar dates in Japan. */
export interface DatedPeriod {
  /** First day the rule applies; absent = since always. */
  from?: string;
  /** Last day the rule applies; absent = open-ended. */
  through?: string;
  /** Where the dates come from, and how sure they are. */
  source: string;
}

export const transitionTable = {
  /**
   * A 健康保険証 in hand stays valid up to its printed expiry, at most until 2025-12-01; no new cards
   * from 2024-12-02. §5, MHLW, confirmed.
   */
  healthInsuranceCard: { through: '2025-12-01', source: '§5 MHLW; confirmed' },
  /**
   * 暫定措置: an expired 健康保険証, or the 資格情報のお知らせ alone, is accepted when eligibility is
   * confirmed online with the printed numbers. §5, MHLW notice of 2025-11-12, confirmed until 2026-03-31;
   * applies from the day the cards lapse. No extension is known (single source, February 2026).
   */
  provisionalMeasure: {
    from: '2025-12-02',
    through: '2026-03-31',
    source: '§5 MHLW notice 2025-11-12; confirmed',
  },
  /**
   * 限度額 information reaches the clinic without the patient's consent: the reader's consent screen was
   * removed in the release of 2024-10-07 (限度額 is not 要配慮個人情報; its provision is statutory). §3, confirmed.
   */
  limitInfoWithoutConsent: {
    from: '2024-10-07',
    source: '§3 release of 2024-10-07 (shaho.co.jp; MHLW 医療保険部会); confirmed',
  },
  /** スマホのマイナ保険証 at equipped facilities. §5, confirmed. */
  smartphoneMynaInsurance: { from: '2025-09-19', source: '§5 MHLW portal; confirmed' },
} as const satisfies Record<string, DatedPeriod>;

export type TransitionRule = keyof typeof transitionTable;

/**
 * Where the post-expiry grace of the 利用者証明用 certificate counts from (§5): most sources say the END of
 * the month containing the expiry date, one says the expiry date itself. Unconfirmed: change it here.
 */
export const CERTIFICATE_GRACE_ANCHOR: 'end-of-month' | 'expiry-date' = 'end-of-month';

/** Certificate grace and warning (§5): eligibility only (no data sharing) for 3 months; warning 3 months ahead. */
export const certificateGraceRule = {
  graceMonths: 3,
  anchor: CERTIFICATE_GRACE_ANCHOR,
  warnMonthsBefore: 3,
  /** Which token kinds get the grace: the smartphone マイナ保険証 has none (§5, confirmed). */
  graceByTokenKind: { card: true, android: false, iphone: false },
} as const;
