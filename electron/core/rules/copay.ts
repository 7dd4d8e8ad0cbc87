// The copay (一部負担金の割合) of one person on the confirmation date: from the result file, else by statute and age.
import { dayReachingAge, firstDayAtAge } from './age';
import type { CalendarDate } from './calendar-date';
import { compareDates, parseCompactDate, parseIsoDate } from './calendar-date';
import { describeInsurerKind } from './houbetsu';

/** 1 = 1割, 2 = 2割, 3 = 3割. */
export type CopayTenths = 1 | 2 | 3;

/** Where a copay came from. */
export type CopaySource =
  /** `InsuredPartialContributionRatio` of the result: the 後期高齢者 ratio (§2.2). */
  | 'insurer-ratio'
  /** `ElderlyRecipientContributionRatio` of the 高齢受給者 block, ages 70–74 (§2.2). */
  | 'elderly-certificate'
  /** No ratio in the file: the statutory rule by age on the confirmation date (§2.2). */
  | 'statutory-age'
  /** 医療扶助 / 公費: the 医療券 and the public-expense rules decide; no insurance ratio is derived. */
  | 'public-assistance';

/**
 * What the eligibility result says about one person, as the gateway model carries it: dates `yyyyMMdd`,
 * codes as sent. Defined here so the rules stay independent of the gateway.
 */
export interface CopayFacts {
  /** yyyyMMdd */
  birthdate: string;
  /** `InsurerNumber` as sent: 8 digits, or a 6-digit 国保 number (space- or zero-padded to 8). */
  insurerNumber?: string;
  /** `InsuredPartialContributionRatio` as sent: "010" | "020" | "030" (§2.2). */
  insurerRatio?: string;
  /** `PreschoolClassification` as sent. */
  preschool?: string;
  /** `ElderlyRecipientCertificateInfo` (高齢受給者, 70–74), dates yyyyMMdd. */
  elderly?: { validFrom?: string; validTo?: string; contributionRatio?: string };
  /** `InsuredCardClassification` (OQSCD010, §2.4). */
  cardClassification?: string;
  /** 公費負担者番号 of a 医療扶助 answer. */
  publicExpenseNumber?: string;
}

/** Why no copay could be derived. Stable codes; `reason` says whether data is absent or contradicts itself. */
export const copayProblems = {
  'rules.copay.birthdate-unreadable': 'missing',
  /** For callers: no usable confirmation date to derive the copay for. */
  'rules.copay.date-unreadable': 'missing',
  'rules.copay.outside-table': 'missing',
  'rules.copay.seventies-without-certificate': 'missing',
  'rules.copay.seventy-five-outside-late-elderly': 'missing',
  'rules.copay.born-after-date': 'conflict',
  'rules.copay.ratio-invalid': 'conflict',
  'rules.copay.elderly-ratio-invalid': 'conflict',
  'rules.copay.elderly-dates-unreadable': 'conflict',
  'rules.copay.elderly-not-valid-on-date': 'conflict',
  'rules.copay.elderly-outside-70-74': 'conflict',
  'rules.copay.ratios-disagree': 'conflict',
  'rules.copay.preschool-flag-disagrees': 'conflict',
  'rules.copay.late-elderly-without-ratio': 'conflict',
  'rules.copay.late-elderly-under-65': 'conflict',
  'rules.copay.ratio-against-statute': 'conflict',
} as const;
export type CopayProblemCode = keyof typeof copayProblems;
export type CopayProblem = (typeof copayProblems)[CopayProblemCode];

export type DerivedCopay =
  | { ok: true; tenths: CopayTenths; source: Exclude<CopaySource, 'public-assistance'> }
  | { ok: true; source: 'public-assistance' }
  | { ok: false; reason: CopayProblem; code: CopayProblemCode };

/** One period of the statutory rule, both ends inclusive (yyyy-mm-dd), by the confirmation date. */
export interface StatutoryCopayPeriod {
  from: string;
  through?: string;
  source: string;
  /** Up to the first 31 March on or after the day of reaching 6 (義務教育就学前). */
  preschool: CopayTenths;
  /** From the next day up to the end of the month in which the person reaches 70. */
  underSeventy: CopayTenths;
  /**
   * From the first of the next month until the 75th birthday: the ratios the law allows. Which one
   * applies depends on income (現役並み所得 3割) and is printed on the 高齢受給者証, so the age alone never
   * decides it.
   */
  seventyToSeventyFour: readonly CopayTenths[];
  /** Birth cohorts the law kept at other ratios between 70 and 74. */
  cohorts?: readonly {
    /** Born on or before (yyyy-mm-dd). */
    bornThrough: string;
    seventyToSeventyFour: readonly CopayTenths[];
    source: string;
  }[];
}

/**
 * The statutory copay, by the confirmation date. A change in the law is a new row; past rows stay so a
 * dated log row can be explained. Dates before the first row are outside the table (no OQS answer is older).
 */
export const statutoryCopayTable: readonly StatutoryCopayPeriod[] = [
  {
    from: '2014-04-01',
    source:
      '健康保険法第74条第1項・第110条第2項、国民健康保険法第42条第1項: 3割; 6歳に達する日以後の最初の3月31日以前 2割; ' +
      '70歳に達する日の属する月の翌月以後 2割（現役並み所得 3割）. oqs-and-insurance.md §2.2; confirmed',
    preschool: 2,
    underSeventy: 3,
    seventyToSeventyFour: [2, 3],
    cohorts: [
      {
        bornThrough: '1944-04-01',
        seventyToSeventyFour: [1, 3],
        source:
          'the 1割 special measure (to 2014-03) stayed, until 75, with those born on or before 1944-04-01; ' +
          '2割 from those born on or after 1944-04-02 (MHLW, via http://www.city.sukagawa.fukushima.jp/2070.htm ; ' +
          'https://ishijihan-kenpo.or.jp/news/?id=10027); confirmed',
      },
    ],
  },
];

/** 医療扶助 in `InsuredCardClassification` (OQSCD010, §2.4; confirmed). */
export const MEDICAL_ASSISTANCE_CARD_CLASSIFICATION = 'A1';

/**
 * `PreschoolClassification` codes. Not in the reference (unconfirmed): hangilc/myclinic-ts lists 1 未就学該当;
 * a face-folder tool lists 1 未就学, 2 就学中. Other values are not interpreted.
 */
export const PRESCHOOL_CLASSIFICATION = { preschool: '1', inSchool: '2' } as const;

/** The ratios as the XML writes them (§2.2: a 3-digit percent-like string). */
const RATIO_TENTHS: Readonly<Record<string, CopayTenths>> = { '010': 1, '020': 2, '030': 3 };

export type AgeBand = 'preschool' | 'under-seventy' | 'seventy-to-seventy-four' | 'seventy-five-plus';

/** The last day before compulsory schooling: the first 31 March on or after the day of reaching 6. */
export function preschoolLastDay(birth: CalendarDate): CalendarDate {
  const reached = dayReachingAge(birth, 6);
  const march31 = { year: reached.year, month: 3, day: 31 };
  return compareDates(reached, march31) <= 0 ? march31 : { year: reached.year + 1, month: 3, day: 31 };
}

/**
 * The first day of the 70–74 rule: the first of the month after the month that holds the day of reaching 70
 * (健康保険法第74条第1項第2号). For a birthday on the 1st that day is the last of the previous month, so the
 * rule starts on the birthday itself — as insurers put it, "70歳の誕生月の翌月（1日が誕生日の方はその月）"
 * (http://www.city.sukagawa.fukushima.jp/2070.htm ; http://www.city.tochigi-sakura.lg.jp/soshiki/7/2604.html).
 */
export function seventiesFirstDay(birth: CalendarDate): CalendarDate {
  const reached = dayReachingAge(birth, 70);
  return reached.month === 12
    ? { year: reached.year + 1, month: 1, day: 1 }
    : { year: reached.year, month: reached.month + 1, day: 1 };
}

/** Which part of the statutory rule a person falls in on `date`. */
export function ageBandOn(birth: CalendarDate, date: CalendarDate): AgeBand {
  if (compareDates(date, preschoolLastDay(birth)) <= 0) return 'preschool';
  if (compareDates(date, seventiesFirstDay(birth)) < 0) return 'under-seventy';
  if (compareDates(date, firstDayAtAge(birth, 75)) < 0) return 'seventy-to-seventy-four';
  return 'seventy-five-plus';
}

function periodOn(date: CalendarDate): StatutoryCopayPeriod | undefined {
  return statutoryCopayTable.find((row) => {
    const from = parseIsoDate(row.from);
    const through = row.through === undefined ? undefined : parseIsoDate(row.through);
    return (!from || compareDates(date, from) >= 0) && (!through || compareDates(date, through) <= 0);
  });
}

function seventiesAllowed(period: StatutoryCopayPeriod, birth: CalendarDate): readonly CopayTenths[] {
  const cohort = period.cohorts?.find((c) => {
    const through = parseIsoDate(c.bornThrough);
    return through !== undefined && compareDates(birth, through) <= 0;
  });
  return cohort?.seventyToSeventyFour ?? period.seventyToSeventyFour;
}

const problem = (code: CopayProblemCode): DerivedCopay => ({ ok: false, reason: copayProblems[code], code });

const present = (text: string | undefined): text is string => text !== undefined && text.trim() !== '';

/** Reads a ratio as sent; undefined when absent, 'invalid' when it is not one of 010 / 020 / 030. */
function readRatio(text: string | undefined): CopayTenths | 'invalid' | undefined {
  if (!present(text)) return undefined;
  return RATIO_TENTHS[text.trim()] ?? 'invalid';
}

/** 後期高齢者医療 (法別 39, §4.2). A 6-digit 国保 number may come padded to 8 with spaces or zeros (§2.2). */
function isLateElderlyInsurer(insurerNumber: string | undefined): boolean {
  const digits = (insurerNumber ?? '').trim();
  return /^\d{8}$/.test(digits) && describeInsurerKind(digits).kind === 'late-elderly';
}

/**
 * Derives the copay of one person on the confirmation date (oqs-and-insurance.md §2.2):
 * - 医療扶助 / 公費 answers (`A1` or a 公費負担者番号): `public-assistance`, no ratio; the 医療券 decides.
 * - 後期高齢者 (法別 39): `InsuredPartialContributionRatio`, which must be present.
 * - 70–74: the 高齢受給者 ratio, valid on the date; without it the income-dependent 2割/3割 is unknown.
 * - everyone else: the statutory ratio by age (2割 before school, 3割 after); a ratio in the file must match
 *   it and does not change the source.
 * Every inconsistency (ratios that disagree, a 高齢受給者 block outside 70–74 or its dates, a ratio the law
 * does not allow for the age) is a `conflict`; data the rule needs and does not have is `missing`.
 */
export function deriveCopay(facts: CopayFacts, date: CalendarDate): DerivedCopay {
  if (
    facts.cardClassification?.trim() === MEDICAL_ASSISTANCE_CARD_CLASSIFICATION ||
    present(facts.publicExpenseNumber)
  ) {
    return { ok: true, source: 'public-assistance' };
  }
  const birth = parseCompactDate(facts.birthdate);
  if (!birth) return problem('rules.copay.birthdate-unreadable');
  if (compareDates(birth, date) > 0) return problem('rules.copay.born-after-date');
  const period = periodOn(date);
  if (!period) return problem('rules.copay.outside-table');

  const insurerRatio = readRatio(facts.insurerRatio);
  if (insurerRatio === 'invalid') return problem('rules.copay.ratio-invalid');
  const band = ageBandOn(birth, date);

  let elderlyRatio: CopayTenths | undefined;
  const elderly = facts.elderly;
  // An empty 高齢受給者 group says nothing; one with any of its fields is checked in full.
  if (
    elderly &&
    (present(elderly.validFrom) || present(elderly.validTo) || present(elderly.contributionRatio))
  ) {
    const read = readRatio(elderly.contributionRatio);
    if (read === 'invalid') return problem('rules.copay.elderly-ratio-invalid');
    const from = present(elderly.validFrom) ? parseCompactDate(elderly.validFrom) : null;
    const to = present(elderly.validTo) ? parseCompactDate(elderly.validTo) : null;
    if (from === undefined || to === undefined) return problem('rules.copay.elderly-dates-unreadable');
    if ((from && compareDates(date, from) < 0) || (to && compareDates(date, to) > 0)) {
      return problem('rules.copay.elderly-not-valid-on-date');
    }
    if (band !== 'seventy-to-seventy-four') return problem('rules.copay.elderly-outside-70-74');
    elderlyRatio = read;
  }
  if (insurerRatio !== undefined && elderlyRatio !== undefined && insurerRatio !== elderlyRatio) {
    return problem('rules.copay.ratios-disagree');
  }
  const flag = facts.preschool?.trim();
  if (
    (flag === PRESCHOOL_CLASSIFICATION.preschool && band !== 'preschool') ||
    (flag === PRESCHOOL_CLASSIFICATION.inSchool && band === 'preschool')
  ) {
    return problem('rules.copay.preschool-flag-disagrees');
  }

  if (isLateElderlyInsurer(facts.insurerNumber)) {
    // 75 and over, or 65–74 with a disability certified (高齢者の医療の確保に関する法律第50条).
    if (compareDates(date, firstDayAtAge(birth, 65)) < 0) return problem('rules.copay.late-elderly-under-65');
    if (insurerRatio === undefined) return problem('rules.copay.late-elderly-without-ratio');
    return { ok: true, tenths: insurerRatio, source: 'insurer-ratio' };
  }

  switch (band) {
    case 'preschool':
    case 'under-seventy': {
      // The law fixes the ratio here; a ratio the file also carries is only checked against it.
      const statutory = band === 'preschool' ? period.preschool : period.underSeventy;
      if (insurerRatio !== undefined && insurerRatio !== statutory) {
        return problem('rules.copay.ratio-against-statute');
      }
      return { ok: true, tenths: statutory, source: 'statutory-age' };
    }
    case 'seventy-to-seventy-four': {
      const tenths = elderlyRatio ?? insurerRatio;
      if (tenths === undefined) return problem('rules.copay.seventies-without-certificate');
      if (!seventiesAllowed(period, birth).includes(tenths))
        return problem('rules.copay.ratio-against-statute');
      return {
        ok: true,
        tenths,
        source: elderlyRatio === undefined ? 'insurer-ratio' : 'elderly-certificate',
      };
    }
    case 'seventy-five-plus':
      // At 75 everyone joins 後期高齢者医療 (第50条) but those the law leaves out (第51条); no statutory
      // ratio covers them outside it, so only a ratio in the file can say.
      if (insurerRatio === undefined) return problem('rules.copay.seventy-five-outside-late-elderly');
      return { ok: true, tenths: insurerRatio, source: 'insurer-ratio' };
  }
}
