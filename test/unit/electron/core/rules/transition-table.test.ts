// Tests of the dated transition table and its evaluation at the days around each boundary.
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../../../../electron/core/rules/calendar-date';
import {
  CERTIFICATE_GRACE_ANCHOR,
  certificateGraceRule,
  transitionTable,
} from '../../../../../electron/core/rules/transition-table';
import { isInPeriod, ruleApplies, ruleThrough } from '../../../../../electron/core/rules/transitions';

const day = (text: string) => {
  const d = parseIsoDate(text);
  if (!d) throw new Error(`bad test date ${text}`);
  return d;
};

describe('transitionTable', () => {
  it('holds the dates of the reference §5 as real calendar dates', () => {
    expect(transitionTable.healthInsuranceCard.through).toBe('2025-12-01');
    expect(transitionTable.provisionalMeasure).toMatchObject({ from: '2025-12-02', through: '2026-03-31' });
    expect(transitionTable.smartphoneMynaInsurance.from).toBe('2025-09-19');
    for (const period of Object.values(transitionTable)) {
      for (const value of [
        'from' in period ? period.from : undefined,
        'through' in period ? period.through : undefined,
      ]) {
        if (value !== undefined) expect(parseIsoDate(value), value).toBeDefined();
      }
    }
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
    ['provisionalMeasure', '2025-12-01', false],
    ['provisionalMeasure', '2025-12-02', true],
    ['provisionalMeasure', '2026-03-31', true],
    ['provisionalMeasure', '2026-04-01', false],
    ['smartphoneMynaInsurance', '2025-09-18', false],
    ['smartphoneMynaInsurance', '2025-09-19', true],
    ['smartphoneMynaInsurance', '2030-01-01', true],
  ] as const)('%s on %s: %s', (rule, today, expected) => {
    expect(ruleApplies(rule, day(today))).toBe(expected);
  });

  it('reads open and closed ends', () => {
    expect(isInPeriod({ source: 'always' }, day('1900-01-01'))).toBe(true);
    expect(isInPeriod({ from: '2026-01-01', source: 'x' }, day('2025-12-31'))).toBe(false);
    expect(ruleThrough('provisionalMeasure')).toEqual(day('2026-03-31'));
    expect(ruleThrough('smartphoneMynaInsurance')).toBeUndefined();
  });
});
