// The one dated table of transitional rules (oqs-and-insurance.md §5): a new notice is a new window here.
import type { InsurerKind } from './houbetsu';

/** A window of days, both ends inclusive, as `yyyy-mm-dd` calendar dates in Japan. */
export interface DatedWindow {
  /** First day the window applies; absent = since always. */
  from?: string;
  /** Last day the window applies; absent = open-ended. */
  through?: string;
  /** Where the dates come from, and how sure they are. */
  source: string;
  /** The insurers the window is limited to; absent = every insurer. */
  insurerKinds?: readonly InsurerKind[];
}

/**
 * Insurers of the first 暫定措置 window (from 2025-08-01). The notice of 2025-06-27 answers for the
 * 国民健康保険 cards lapsing in many municipalities; the notice of 2025-08-04 applied it to 後期高齢者 too.
 * Whether 国民健康保険組合 are meant is unconfirmed: they share the 6-digit form of 市町村国保 (§4.2) and are
 * read as `national-health-insurance`, so they are in. Change this list if a source says otherwise.
 */
export const PROVISIONAL_FIRST_WINDOW_INSURERS: readonly InsurerKind[] = [
  'national-health-insurance',
  'late-elderly',
];

/**
 * Every rule is a list of dated windows, each with its source. Past windows stay: a dated log row must
 * still be explainable by the rule of its day.
 */
export const transitionTable = {
  /**
   * A 健康保険証 in hand stays valid up to its printed expiry, at most until 2025-12-01; no new cards
   * from 2024-12-02. §5, MHLW, confirmed.
   */
  healthInsuranceCard: [{ through: '2025-12-01', source: '§5 MHLW; confirmed' }],
  /**
   * 暫定措置: an expired 健康保険証, or the 資格情報のお知らせ alone, is accepted when eligibility is
   * confirmed online with the printed numbers. Two windows, both to 2026-03-31 (§5, confirmed); no
   * extension is known (single source, February 2026).
   */
  provisionalMeasure: [
    {
      from: '2025-08-01',
      through: '2026-03-31',
      insurerKinds: PROVISIONAL_FIRST_WINDOW_INSURERS,
      source:
        '§5 MHLW 事務連絡 2025-06-27 「健康保険証の有効期限切れに伴う暫定的な取扱い」 ' +
        '(https://www.zenshoren.or.jp/2025/07/28/post-40881 ; https://www.city.karatsu.lg.jp/page/40137.html); ' +
        '後期高齢者: MHLW 事務連絡 2025-08-04 (https://hodanren.doc-net.or.jp/info/news/2025-08-05); confirmed',
    },
    {
      from: '2025-12-02',
      through: '2026-03-31',
      source:
        '§5 MHLW notice 2025-11-12, every 保険証 (https://prorelations.jp/?p=550 ; ' +
        'https://newsdig.tbs.co.jp/articles/bss/2319949?page=2); confirmed',
    },
  ],
  /**
   * 限度額 information reaches the clinic without the patient's consent: the reader's consent screen was
   * removed in the release of 2024-10-07 (限度額 is not 要配慮個人情報; its provision is statutory). §3, confirmed.
   */
  limitInfoWithoutConsent: [
    {
      from: '2024-10-07',
      source: '§3 release of 2024-10-07 (shaho.co.jp; MHLW 医療保険部会); confirmed',
    },
  ],
  /** スマホのマイナ保険証 at equipped facilities. §5, confirmed. */
  smartphoneMynaInsurance: [{ from: '2025-09-19', source: '§5 MHLW portal; confirmed' }],
} as const satisfies Record<string, readonly DatedWindow[]>;

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
