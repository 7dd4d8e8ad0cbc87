// Tests of keyed-date parsing: 和暦 forms, era boundaries on both sides, western forms, impossible dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidCalendarDate } from '../../../../../electron/core/rules/calendar-date';
import { ERAS, formatJapaneseDate, parseKeyedDate } from '../../../../../electron/core/rules/japanese-date';

const date = (year: number, month: number, day: number) => ({ ok: true, date: { year, month, day } });
const problem = (p: string) => ({ ok: false, problem: p });

describe('era boundaries (official start dates)', () => {
  it.each([
    // 明治 starts 1868-10-23
    ['明治元年10月22日', problem('era-range')],
    ['明治元年10月23日', date(1868, 10, 23)],
    // 明治 → 大正 on 1912-07-30
    ['明治45年7月29日', date(1912, 7, 29)],
    ['明治45年7月30日', problem('era-range')],
    ['大正元年7月29日', problem('era-range')],
    ['大正元年7月30日', date(1912, 7, 30)],
    // 大正 → 昭和 on 1926-12-25
    ['大正15年12月24日', date(1926, 12, 24)],
    ['大正15年12月25日', problem('era-range')],
    ['昭和元年12月24日', problem('era-range')],
    ['昭和元年12月25日', date(1926, 12, 25)],
    // 昭和 → 平成 on 1989-01-08
    ['昭和64年1月7日', date(1989, 1, 7)],
    ['昭和64年1月8日', problem('era-range')],
    ['平成元年1月7日', problem('era-range')],
    ['平成元年1月8日', date(1989, 1, 8)],
    // 平成 → 令和 on 2019-05-01
    ['平成31年4月30日', date(2019, 4, 30)],
    ['平成31年5月1日', problem('era-range')],
    ['令和1年4月30日', problem('era-range')],
    ['令和元年5月1日', date(2019, 5, 1)],
    ['令和1年5月1日', date(2019, 5, 1)],
    // far beyond an era's end
    ['昭和70年1月1日', problem('era-range')],
  ])('%s', (input, expected) => {
    expect(parseKeyedDate(input)).toEqual(expected);
  });

  it('has the five eras with their codes and letters in order', () => {
    expect(ERAS.map((e) => `${e.code}${e.letter}${e.name}`)).toEqual([
      '1M明治',
      '2T大正',
      '3S昭和',
      '4H平成',
      '5R令和',
    ]);
  });
});

describe('和暦 forms', () => {
  it.each([
    ['平成2年3月15日', date(1990, 3, 15)],
    ['平成２年３月１５日', date(1990, 3, 15)],
    ['平成 2年 3月 15日', date(1990, 3, 15)],
    ['㍻2年3月15日', date(1990, 3, 15)],
    ['平成2.3.15', date(1990, 3, 15)],
    ['H2.3.15', date(1990, 3, 15)],
    ['h02/03/15', date(1990, 3, 15)],
    ['Ｈ２．３．１５', date(1990, 3, 15)],
    ['H.2.3.15', date(1990, 3, 15)],
    ['H2-3-15', date(1990, 3, 15)],
    ['H020315', date(1990, 3, 15)],
    ['4.02.03.15', date(1990, 3, 15)],
    ['4020315', date(1990, 3, 15)],
    ['M45.7.29', date(1912, 7, 29)],
    ['T1.7.30', date(1912, 7, 30)],
    ['S20.8.15', date(1945, 8, 15)],
    ['3200815', date(1945, 8, 15)],
    ['R元.5.1', date(2019, 5, 1)],
    ['R7年12月1日', date(2025, 12, 1)],
    ['5071201', date(2025, 12, 1)],
  ])('%s', (input, expected) => {
    expect(parseKeyedDate(input)).toEqual(expected);
  });

  it.each([
    ['平成0年1月1日', 'impossible'],
    ['平成2年2月30日', 'impossible'],
    ['平成2年13月1日', 'impossible'],
    ['平成2年3月0日', 'impossible'],
    ['平成元年2月29日', 'impossible'],
    ['平成4年2月29日', date(1992, 2, 29)],
    ['X2.3.15', 'format'],
    ['6020315', 'format'],
    ['0020315', 'format'],
    ['42.3.15', 'format'],
    ['平成二年三月十五日', 'format'],
    ['元.3.15', 'format'],
    ['H元0315', 'format'],
  ])('%s', (input, expected) => {
    expect(parseKeyedDate(input)).toEqual(typeof expected === 'string' ? problem(expected) : expected);
  });
});

describe('western forms', () => {
  it.each([
    ['1990-03-15', date(1990, 3, 15)],
    ['1990/03/15', date(1990, 3, 15)],
    ['1990/3/5', date(1990, 3, 5)],
    ['1990.3.5', date(1990, 3, 5)],
    ['19900315', date(1990, 3, 15)],
    ['１９９０－０３－１５', date(1990, 3, 15)],
    ['1990年3月15日', date(1990, 3, 15)],
    ['2000-02-29', date(2000, 2, 29)],
    ['1868-01-01', date(1868, 1, 1)],
  ])('%s', (input, expected) => {
    expect(parseKeyedDate(input)).toEqual(expected);
  });

  it.each([
    ['1990-02-30', 'impossible'],
    ['1900-02-29', 'impossible'],
    ['2023-02-29', 'impossible'],
    ['1990-04-31', 'impossible'],
    ['1990-00-10', 'impossible'],
    ['19901301', 'impossible'],
    ['1867-12-31', 'too-early'],
    ['0000-01-01', 'too-early'],
    ['90-03-15', 'format'],
    ['900315', 'format'],
    ['1990-03', 'format'],
    ['15/03/1990', 'format'],
    ['', 'required'],
    [' \u3000 ', 'required'],
    ['x'.repeat(100_000), 'format'],
  ])('%j → %s', (input, expected) => {
    expect(parseKeyedDate(input)).toEqual(problem(expected));
  });
});

describe('round trip', () => {
  const validDate = fc
    .record({
      year: fc.integer({ min: 1869, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(isValidCalendarDate);

  it('reads back the 和暦 text of any date since 1869', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        expect(parseKeyedDate(formatJapaneseDate(d))).toEqual({ ok: true, date: d });
      }),
      { numRuns: 500, seed: 20251202 },
    );
  });

  it('reads back the western forms of any date since 1869', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        const mm = String(d.month).padStart(2, '0');
        const dd = String(d.day).padStart(2, '0');
        for (const text of [
          `${d.year}-${mm}-${dd}`,
          `${d.year}/${d.month}/${d.day}`,
          `${d.year}${mm}${dd}`,
        ]) {
          expect(parseKeyedDate(text)).toEqual({ ok: true, date: d });
        }
      }),
      { numRuns: 300, seed: 20251202 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        const result = parseKeyedDate(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500, seed: 20251202 },
    );
  });
});
