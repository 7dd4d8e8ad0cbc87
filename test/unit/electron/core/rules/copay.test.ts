// Tests of the copay rule at every boundary of the law, worked out by hand, and properties over any answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayReachingAge, firstDayAtAge } from '../../../../../electron/core/rules/age';
import {
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
  type CalendarDate,
} from '../../../../../electron/core/rules/calendar-date';
import {
  PRESCHOOL_CLASSIFICATION,
  copayProblems,
  deriveCopay,
  statutoryCopayTable,
  type CopayFacts,
} from '../../../../../electron/core/rules/copay';

const day = (text: string): CalendarDate => {
  const d = parseIsoDate(text);
  if (!d) throw new Error(`bad test date ${text}`);
  return d;
};

// Insurer numbers valid under §4.2: 138057 (市町村国保, 6 digits), 06110829 (組合, 法別 06), 39131016 (後期高齢者,
// 法別 39: payload 3913101 weighted 2, 1, 2, … from the right sums to 24, check digit 6).
const KOKUHO = '138057';
const KUMIAI = '06110829';
const KOKI = '39131016';

const facts = (birthdate: string, more: Partial<CopayFacts> = {}): CopayFacts => ({
  birthdate,
  insurerNumber: KOKUHO,
  ...more,
});

/** A 高齢受給者 block valid over the given days. */
const elderly = (validFrom: string, validTo: string, contributionRatio = '020') => ({
  validFrom,
  validTo,
  contributionRatio,
});

const statutory = (tenths: 1 | 2 | 3) => ({ ok: true, tenths, source: 'statutory-age' });
const conflict = (code: keyof typeof copayProblems) => ({ ok: false, reason: 'conflict', code });
const missing = (code: keyof typeof copayProblems) => ({ ok: false, reason: 'missing', code });

describe('the day an age is reached (年齢計算ニ関スル法律, 民法第143条)', () => {
  it.each([
    // The day before the birthday.
    ['2019-06-15', 6, '2025-06-14', '2025-06-15'],
    // Born on the 1st: the last day of the month before.
    ['1956-07-01', 70, '2026-06-30', '2026-07-01'],
    // Born 29 February, anniversary in a common year: the period ends on the last day of February.
    ['1956-02-29', 70, '2026-02-28', '2026-03-01'],
    // …and in a leap year the day before 29 February is 28 February as well.
    ['1952-02-29', 72, '2024-02-28', '2024-02-29'],
  ])('born %s reaches %i on %s; first day at that age %s', (birth, years, reached, first) => {
    expect(dayReachingAge(day(birth), years)).toEqual(day(reached));
    expect(firstDayAtAge(day(birth), years)).toEqual(day(first));
  });
});

describe('under 70 without a ratio in the file: the statutory rule by age', () => {
  it('gives a 国保 member of 40 3割 by age (the published 国保 sample has no ratio element)', () => {
    // Born 1985-04-12: 41 on 2026-11-27, past school age and before 70 → 3割 (健康保険法第74条, 国保法第42条).
    expect(deriveCopay(facts('19850412'), day('2026-11-27'))).toEqual(statutory(3));
    // Space- or zero-padded to 8 characters (§2.2) it is still 国保, not 後期.
    expect(deriveCopay(facts('19850412', { insurerNumber: '  138057' }), day('2026-11-27'))).toEqual(
      statutory(3),
    );
    expect(deriveCopay(facts('19850412', { insurerNumber: '00138057' }), day('2026-11-27'))).toEqual(
      statutory(3),
    );
  });

  it.each([
    // Born 2019-06-15 reaches 6 on 2025-06-14; the first 31 March on or after it is 2026-03-31.
    ['20190615', '2026-03-30', 2],
    ['20190615', '2026-03-31', 2],
    ['20190615', '2026-04-01', 3],
    // Born 2019-04-01 reaches 6 on 2025-03-31, itself a 31 March: school starts 2025-04-01 (早生まれ).
    ['20190401', '2025-03-30', 2],
    ['20190401', '2025-03-31', 2],
    ['20190401', '2025-04-01', 3],
    // Born 2019-04-02 reaches 6 on 2025-04-01, after that year's 31 March: preschool until 2026-03-31.
    ['20190402', '2025-04-01', 2],
    ['20190402', '2026-03-31', 2],
    ['20190402', '2026-04-01', 3],
    // Born 2020-02-29 reaches 6 on 2026-02-28 (no 29 February in 2026): preschool until 2026-03-31.
    ['20200229', '2026-03-31', 2],
    ['20200229', '2026-04-01', 3],
    // A newborn on the day of birth.
    ['20261127', '2026-11-27', 2],
  ] as const)('born %s, on %s: %i割', (birthdate, on, tenths) => {
    expect(deriveCopay(facts(birthdate), day(on))).toEqual(statutory(tenths));
  });

  it('checks a ratio the file carries against the law and keeps the law as the source', () => {
    // 40 years old: 3割 by law; "030" agrees, "020" does not.
    expect(deriveCopay(facts('19850412', { insurerRatio: '030' }), day('2026-11-27'))).toEqual(statutory(3));
    expect(deriveCopay(facts('19850412', { insurerRatio: '020' }), day('2026-11-27'))).toEqual(
      conflict('rules.copay.ratio-against-statute'),
    );
    // Preschool (born 2022-03-05, preschool until 2028-03-31): "020" agrees, "030" does not.
    expect(deriveCopay(facts('20220305', { insurerRatio: '020' }), day('2026-11-27'))).toEqual(statutory(2));
    expect(deriveCopay(facts('20220305', { insurerRatio: '030' }), day('2026-11-27'))).toEqual(
      conflict('rules.copay.ratio-against-statute'),
    );
  });

  it('cross-checks PreschoolClassification (unconfirmed codes, one constant)', () => {
    expect(PRESCHOOL_CLASSIFICATION).toEqual({ preschool: '1', inSchool: '2' });
    expect(deriveCopay(facts('20220305', { preschool: '1' }), day('2026-11-27'))).toEqual(statutory(2));
    // A 10-year-old flagged 未就学, a 4-year-old flagged 就学中: the data contradicts itself.
    expect(deriveCopay(facts('20160505', { preschool: '1' }), day('2026-11-27'))).toEqual(
      conflict('rules.copay.preschool-flag-disagrees'),
    );
    expect(deriveCopay(facts('20220305', { preschool: '2' }), day('2026-11-27'))).toEqual(
      conflict('rules.copay.preschool-flag-disagrees'),
    );
    // A value the rule does not know is not interpreted.
    expect(deriveCopay(facts('20220305', { preschool: '9' }), day('2026-11-27'))).toEqual(statutory(2));
  });
});

describe('70 to 74: the 高齢受給者 ratio', () => {
  const block = elderly('20260701', '20270731');

  it.each([
    // Born 1956-06-15 reaches 70 on 2026-06-14 (June): the 70–74 rule starts 2026-07-01.
    ['19560615', '2026-06-30', statutory(3)],
    ['19560615', '2026-07-01', missing('rules.copay.seventies-without-certificate')],
    // Born on the 1st (1956-07-01) reaches 70 on 2026-06-30: the rule starts in the birthday month.
    ['19560701', '2026-06-30', statutory(3)],
    ['19560701', '2026-07-01', missing('rules.copay.seventies-without-certificate')],
    // Born 1956-07-02 reaches 70 on 2026-07-01 (July): the rule starts 2026-08-01.
    ['19560702', '2026-07-31', statutory(3)],
    ['19560702', '2026-08-01', missing('rules.copay.seventies-without-certificate')],
    // Born 1956-02-29 reaches 70 on 2026-02-28 (February): the rule starts 2026-03-01.
    ['19560229', '2026-02-28', statutory(3)],
    ['19560229', '2026-03-01', missing('rules.copay.seventies-without-certificate')],
  ] as const)('born %s, no 高齢受給者 block, on %s', (birthdate, on, expected) => {
    // Without the block the ratio depends on income (2割, 現役並み 3割): the age alone cannot say.
    expect(deriveCopay(facts(birthdate), day(on))).toEqual(expected);
  });

  it('takes the block’s ratio from the first day of the rule', () => {
    expect(deriveCopay(facts('19560615', { elderly: block }), day('2026-07-01'))).toEqual({
      ok: true,
      tenths: 2,
      source: 'elderly-certificate',
    });
    expect(
      deriveCopay(facts('19560615', { elderly: elderly('20260701', '20270731', '030') }), day('2027-01-05')),
    ).toEqual({ ok: true, tenths: 3, source: 'elderly-certificate' });
    // The file's own ratio, when it agrees (a published face sample carries both as "020").
    expect(
      deriveCopay(facts('19560615', { elderly: block, insurerRatio: '020' }), day('2026-07-01')),
    ).toEqual({
      ok: true,
      tenths: 2,
      source: 'elderly-certificate',
    });
  });

  it('refuses a block for someone outside 70–74 or outside its own dates', () => {
    // The day before the rule starts for a person born 1956-06-15.
    expect(
      deriveCopay(facts('19560615', { elderly: elderly('20260601', '20270731') }), day('2026-06-30')),
    ).toEqual(conflict('rules.copay.elderly-outside-70-74'));
    expect(deriveCopay(facts('19560615', { elderly: block }), day('2027-08-01'))).toEqual(
      conflict('rules.copay.elderly-not-valid-on-date'),
    );
    expect(deriveCopay(facts('19560615', { elderly: block }), day('2026-06-30'))).toEqual(
      conflict('rules.copay.elderly-not-valid-on-date'),
    );
    expect(
      deriveCopay(facts('19560615', { elderly: elderly('2026-07-01', '20270731') }), day('2026-07-01')),
    ).toEqual(conflict('rules.copay.elderly-dates-unreadable'));
    expect(
      deriveCopay(facts('19560615', { elderly: elderly('20260701', '20270731', '015') }), day('2026-07-01')),
    ).toEqual(conflict('rules.copay.elderly-ratio-invalid'));
    // An empty group says nothing.
    expect(deriveCopay(facts('19850412', { elderly: {} }), day('2026-11-27'))).toEqual(statutory(3));
  });

  it('refuses a file ratio that disagrees with the block', () => {
    expect(
      deriveCopay(facts('19560615', { elderly: block, insurerRatio: '030' }), day('2026-07-01')),
    ).toEqual(conflict('rules.copay.ratios-disagree'));
  });

  it('keeps the 1割 only for those born on or before 1944-04-01 (the table’s cohort)', () => {
    // On 2018-06-01 both are 74: born 1944-04-01 reached 70 on 2014-03-31, born 1944-04-02 on 2014-04-01.
    expect(deriveCopay(facts('19440401', { insurerRatio: '010' }), day('2018-06-01'))).toEqual({
      ok: true,
      tenths: 1,
      source: 'insurer-ratio',
    });
    expect(deriveCopay(facts('19440402', { insurerRatio: '010' }), day('2018-06-01'))).toEqual(
      conflict('rules.copay.ratio-against-statute'),
    );
    expect(deriveCopay(facts('19440402', { insurerRatio: '020' }), day('2018-06-01'))).toEqual({
      ok: true,
      tenths: 2,
      source: 'insurer-ratio',
    });
  });
});

describe('75 and over, and 後期高齢者 (法別 39)', () => {
  it.each([
    // Born 1951-08-10: 後期 from the 75th birthday, 2026-08-10 (高齢者医療確保法第52条).
    ['19510810', '2026-08-09', { ok: true, tenths: 2, source: 'elderly-certificate' }],
    ['19510810', '2026-08-10', conflict('rules.copay.elderly-not-valid-on-date')],
    // Born 1952-02-29: reaches 75 on 2027-02-28, so 75 from 2027-03-01.
    ['19520229', '2027-02-28', { ok: true, tenths: 2, source: 'elderly-certificate' }],
    ['19520229', '2027-03-01', conflict('rules.copay.elderly-not-valid-on-date')],
  ] as const)(
    'a 国保 member born %s with a block valid to the day before 75, on %s',
    (birthdate, on, expected) => {
      const validTo = birthdate === '19510810' ? '20260809' : '20270228';
      expect(deriveCopay(facts(birthdate, { elderly: elderly('20250801', validTo) }), day(on))).toEqual(
        expected,
      );
    },
  );

  it('has no statutory ratio for someone of 75 outside 後期高齢者医療', () => {
    expect(deriveCopay(facts('19510810'), day('2026-08-10'))).toEqual(
      missing('rules.copay.seventy-five-outside-late-elderly'),
    );
    expect(deriveCopay(facts('19510810', { insurerRatio: '010' }), day('2026-08-10'))).toEqual({
      ok: true,
      tenths: 1,
      source: 'insurer-ratio',
    });
  });

  it.each([
    ['010', 1],
    ['020', 2],
    ['030', 3],
    [' 020 ', 2],
  ] as const)('takes the 後期 ratio %j as %i割', (insurerRatio, tenths) => {
    expect(
      deriveCopay({ birthdate: '19510810', insurerNumber: KOKI, insurerRatio }, day('2026-08-10')),
    ).toEqual({ ok: true, tenths, source: 'insurer-ratio' });
  });

  it('refuses a 後期 answer without a ratio, with a malformed one, or for someone under 65', () => {
    expect(deriveCopay({ birthdate: '19460101', insurerNumber: KOKI }, day('2026-11-27'))).toEqual(
      conflict('rules.copay.late-elderly-without-ratio'),
    );
    for (const insurerRatio of ['10', '040', '000', 'abc', '0１0']) {
      expect(
        deriveCopay({ birthdate: '19460101', insurerNumber: KOKI, insurerRatio }, day('2026-11-27')),
      ).toEqual(conflict('rules.copay.ratio-invalid'));
    }
    // 65–74 only with a certified disability (第50条), never under 65: born 1961-05-20 turns 65 on 2026-05-20.
    const young = { birthdate: '19610520', insurerNumber: KOKI, insurerRatio: '010' };
    expect(deriveCopay(young, day('2026-05-19'))).toEqual(conflict('rules.copay.late-elderly-under-65'));
    expect(deriveCopay(young, day('2026-05-20'))).toEqual({ ok: true, tenths: 1, source: 'insurer-ratio' });
  });

  it('refuses a 後期 ratio that disagrees with a valid 高齢受給者 block', () => {
    // Born 1955-01-10: 71 on 2026-11-27, in 後期 by disability, with a block valid on the day.
    const both = {
      birthdate: '19550110',
      insurerNumber: KOKI,
      insurerRatio: '010',
      elderly: elderly('20260801', '20270731'),
    };
    expect(deriveCopay(both, day('2026-11-27'))).toEqual(conflict('rules.copay.ratios-disagree'));
  });
});

describe('医療扶助 and 公費', () => {
  it('derives no insurance ratio: the 医療券 decides', () => {
    expect(deriveCopay(facts('19850412', { cardClassification: 'A1' }), day('2026-11-27'))).toEqual({
      ok: true,
      source: 'public-assistance',
    });
    expect(deriveCopay(facts('19850412', { publicExpenseNumber: '12136010' }), day('2026-11-27'))).toEqual({
      ok: true,
      source: 'public-assistance',
    });
    // Even where the insurance part would be a conflict (後期 without a ratio).
    expect(
      deriveCopay(
        { birthdate: '19460101', insurerNumber: KOKI, cardClassification: 'A1' },
        day('2026-11-27'),
      ),
    ).toEqual({ ok: true, source: 'public-assistance' });
  });
});

describe('unusable data', () => {
  it('reports what is missing and what contradicts itself', () => {
    expect(deriveCopay(facts('1985-04-12'), day('2026-11-27'))).toEqual(
      missing('rules.copay.birthdate-unreadable'),
    );
    expect(deriveCopay(facts('19850230'), day('2026-11-27'))).toEqual(
      missing('rules.copay.birthdate-unreadable'),
    );
    expect(deriveCopay(facts('20261128'), day('2026-11-27'))).toEqual(
      conflict('rules.copay.born-after-date'),
    );
    // The table starts on 2014-04-01; no OQS answer is older.
    expect(statutoryCopayTable[0]?.from).toBe('2014-04-01');
    expect(deriveCopay(facts('19850412'), day('2014-03-31'))).toEqual(missing('rules.copay.outside-table'));
    expect(deriveCopay(facts('19850412'), day('2014-04-01'))).toEqual(statutory(3));
    expect(deriveCopay(facts('19850412', { insurerRatio: '３０' }), day('2026-11-27'))).toEqual(
      conflict('rules.copay.ratio-invalid'),
    );
  });
});

describe('properties', () => {
  const FIRST = toDayNumber(day('2014-04-01'));
  const LAST = toDayNumber(day('2040-12-31'));
  const dateText = (d: CalendarDate) =>
    `${String(d.year).padStart(4, '0')}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
  const ratio = fc.constantFrom(undefined, '010', '020', '030', '000', '040', 'x', '');
  const anyFacts = (birth: fc.Arbitrary<number>) =>
    fc.record({
      birthdate: birth.map((n) => dateText(fromDayNumber(n))),
      insurerNumber: fc.constantFrom(KOKUHO, KUMIAI, KOKI, '  138057', '01130012', ''),
      insurerRatio: ratio,
      preschool: fc.constantFrom(undefined, '1', '2', '9'),
      elderly: fc.option(
        fc.record({
          validFrom: fc.option(
            fc.integer({ min: FIRST, max: LAST }).map((n) => dateText(fromDayNumber(n))),
            {
              nil: undefined,
            },
          ),
          validTo: fc.option(
            fc.integer({ min: FIRST, max: LAST }).map((n) => dateText(fromDayNumber(n))),
            {
              nil: undefined,
            },
          ),
          contributionRatio: ratio,
        }),
        { nil: undefined },
      ),
      cardClassification: fc.constantFrom(undefined, '01', 'A1'),
      publicExpenseNumber: fc.constantFrom(undefined, '', '12136010'),
    });

  it('always answers a ratio of 1 to 3 with a known source, or a known problem; never throws', () => {
    const sources = ['insurer-ratio', 'elderly-certificate', 'statutory-age', 'public-assistance'];
    fc.assert(
      fc.property(
        anyFacts(fc.integer({ min: toDayNumber(day('1900-01-01')), max: LAST })),
        fc.integer({ min: toDayNumber(day('2000-01-01')), max: LAST }),
        (f, on) => {
          const copay = deriveCopay(f as CopayFacts, fromDayNumber(on));
          if (copay.ok) {
            expect(sources).toContain(copay.source);
            if (copay.source !== 'public-assistance') expect([1, 2, 3]).toContain(copay.tenths);
          } else {
            expect(copayProblems[copay.code]).toBe(copay.reason);
          }
        },
      ),
      { numRuns: 2000, seed: 20251202 },
    );
  });

  it('never gives 3割 to a preschool child, whatever the file says', () => {
    // A child is surely before school up to 31 March of the year of the 6th birthday: the first 31 March
    // on or after the day of reaching 6 is never earlier (that day falls in the 6th-birthday year, or is
    // 31 December of the year before for a 1 January birthday).
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber(day('2008-04-01')), max: toDayNumber(day('2034-12-31')) }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(KOKUHO, KUMIAI, '01130012', '  138057'),
        (birthDay, fraction, insurerNumber) => {
          const birth = fromDayNumber(birthDay);
          const lastSure = toDayNumber({ year: birth.year + 6, month: 3, day: 31 });
          const from = Math.max(birthDay, FIRST);
          if (from > lastSure) return;
          const on = fromDayNumber(from + Math.floor(fraction * (lastSure - from)));
          for (const insurerRatio of [undefined, '010', '020', '030']) {
            const copay = deriveCopay({ birthdate: dateText(birth), insurerNumber, insurerRatio }, on);
            if (copay.ok && copay.source !== 'public-assistance') expect(copay.tenths).toBe(2);
          }
        },
      ),
      { numRuns: 1000, seed: 20251202 },
    );
  });
});
