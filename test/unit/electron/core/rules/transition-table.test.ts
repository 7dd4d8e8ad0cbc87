// Tests of the dated transition table and its evaluation at the days around each boundary, per insurer.
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../../../electron/core/rules/calendar-date';
import { describeInsurerKind } from '../../../../../electron/core/rules/houbetsu';
import {
  CERTIFICATE_GRACE_ANCHOR,
  PROVISIONAL_FIRST_WINDOW_INSURERS,
  certificateGraceRule,
  transitionTable,
  type DatedWindow,
} from '../../../../../electron/core/rules/transition-table';
import {
  coversInsurer,
  isInPeriod,
  ruleApplies,
  ruleThrough,
  windowOn,
} from '../../../../../electron/core/rules/transitions';

const day = (text: string) => {
  const d = parseIsoDate(text);
  if (!d) throw new Error(`bad test date ${text}`);
  return d;
};

// Insurer numbers of oqs-and-insurance.md §4.2: 138057 a 6-digit 市町村国保 number, 01130012 協会けんぽ
// (法別 01); 39131016 a 後期高齢者 number (法別 39; payload 3913101 weighted 2, 1, 2, … from the right sums
// to 24, check digit 10 − 4 = 6).
const kokuho = describeInsurerKind('138057').kind;
const koki = describeInsurerKind('39131016').kind;
const kyokai = describeInsurerKind('01130012').kind;

describe('transitionTable', () => {
  it('holds every rule as dated windows with a source and real calendar dates', () => {
    expect(transitionTable.healthInsuranceCard).toEqual([
      { through: '2025-12-01', source: expect.any(String) },
    ]);
    expect(transitionTable.smartphoneMynaInsurance).toEqual([
      { from: '2025-09-19', source: expect.any(String) },
    ]);
    const windows: DatedWindow[] = Object.values(transitionTable).flat();
    for (const w of windows) {
      expect(w.source.length).toBeGreaterThan(10);
      for (const value of [w.from, w.through]) {
        if (value !== undefined) expect(parseIsoDate(value), value).toBeDefined();
      }
    }
  });

  it('keeps both 暫定措置 windows of §5: 国保 and 後期 from 2025-08-01, every 保険証 from 2025-12-02', () => {
    expect(transitionTable.provisionalMeasure).toEqual([
      {
        from: '2025-08-01',
        through: '2026-03-31',
        insurerKinds: ['national-health-insurance', 'late-elderly'],
        source: expect.stringContaining('2025-06-27'),
      },
      { from: '2025-12-02', through: '2026-03-31', source: expect.stringContaining('2025-11-12') },
    ]);
    // The unconfirmed scope of the first window is one named constant.
    expect(PROVISIONAL_FIRST_WINDOW_INSURERS).toEqual(['national-health-insurance', 'late-elderly']);
    expect(kokuho).toBe('national-health-insurance');
    expect(koki).toBe('late-elderly');
    expect(kyokai).toBe('kyokai-kenpo');
  });

  it('keeps the unconfirmed grace anchor in one constant, month-end by default', () => {
    expect(CERTIFICATE_GRACE_ANCHOR).toBe('end-of-month');
    expect(certificateGraceRule).toMatchObject({ graceMonths: 3, warnMonthsBefore: 3 });
    expect(certificateGraceRule.graceByTokenKind).toEqual({ card: true, android: false, iphone: false });
  });
});

describe('ruleApplies', () => {
  it.each([
    ['healthInsuranceCard', '2024-12-02', true],
    ['healthInsuranceCard', '2025-11-30', true],
    ['healthInsuranceCard', '2025-12-01', true],
    ['healthInsuranceCard', '2025-12-02', false],
    ['smartphoneMynaInsurance', '2025-09-18', false],
    ['smartphoneMynaInsurance', '2025-09-19', true],
    ['smartphoneMynaInsurance', '2030-01-01', true],
    ['limitInfoWithoutConsent', '2024-10-06', false],
    ['limitInfoWithoutConsent', '2024-10-07', true],
  ] as const)('%s on %s: %s', (rule, today, expected) => {
    expect(ruleApplies(rule, day(today))).toBe(expected);
  });

  // The boundaries of §5: the first window opens on 2025-08-01 for 国保 and 後期 only, the second on
  // 2025-12-02 for everyone, and both close after 2026-03-31.
  it.each([
    ['2025-07-31', false, false, false],
    ['2025-08-01', true, true, false],
    ['2025-12-01', true, true, false],
    ['2025-12-02', true, true, true],
    ['2026-03-31', true, true, true],
    ['2026-04-01', false, false, false],
  ] as const)('暫定措置 on %s: 国保 %s, 後期 %s, 協会けんぽ %s', (today, forKokuho, forKoki, forKyokai) => {
    expect(ruleApplies('provisionalMeasure', day(today), kokuho)).toBe(forKokuho);
    expect(ruleApplies('provisionalMeasure', day(today), koki)).toBe(forKoki);
    expect(ruleApplies('provisionalMeasure', day(today), kyokai)).toBe(forKyokai);
  });

  it('applies a scoped window to no one whose insurer is unknown, an unscoped one to everyone', () => {
    expect(ruleApplies('provisionalMeasure', day('2025-09-01'))).toBe(false);
    expect(ruleApplies('provisionalMeasure', day('2025-12-02'))).toBe(true);
    const scoped: DatedWindow = { source: 'x', insurerKinds: ['late-elderly'] };
    expect(coversInsurer(scoped, undefined)).toBe(false);
    expect(coversInsurer(scoped, 'late-elderly')).toBe(true);
    expect(coversInsurer({ source: 'x' }, undefined)).toBe(true);
  });

  it('names the window a dated decision rests on, past windows included', () => {
    expect(windowOn('provisionalMeasure', day('2025-08-01'), kokuho)?.source).toContain('2025-06-27');
    expect(windowOn('provisionalMeasure', day('2025-12-02'), kyokai)?.source).toContain('2025-11-12');
    expect(windowOn('provisionalMeasure', day('2025-12-01'), kyokai)).toBeUndefined();
  });

  it('reads open and closed ends', () => {
    expect(isInPeriod({ source: 'always' }, day('1900-01-01'))).toBe(true);
    expect(isInPeriod({ from: '2026-01-01', source: 'x' }, day('2025-12-31'))).toBe(false);
    expect(ruleThrough('provisionalMeasure')).toEqual(day('2026-03-31'));
    expect(ruleThrough('healthInsuranceCard')).toEqual(day('2025-12-01'));
    expect(ruleThrough('smartphoneMynaInsurance')).toBeUndefined();
  });
});
