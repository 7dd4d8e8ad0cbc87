// Tests of calendar arithmetic and the JST date of an instant, independent of the machine time zone.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  formatCompactDate,
  formatIsoDate,
  fromDayNumber,
  isValidCalendarDate,
  jstDateOf,
  jstToday,
  parseIsoDate,
  toDayNumber,
} from '../../../../../electron/core/rules/calendar-date';

describe('day numbers', () => {
  it('agree with Date.UTC for 1868–2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1868, 0, 1), max: Date.UTC(2200, 11, 31) }), (ms) => {
        const d = new Date(ms);
        const cal = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
        const expected = Math.floor(ms / 86_400_000);
        expect(toDayNumber(cal)).toBe(expected);
        expect(fromDayNumber(expected)).toEqual(cal);
      }),
      { numRuns: 500, seed: 20251202 },
    );
  });

  it('count days across leap years', () => {
    expect(daysBetween({ year: 2024, month: 2, day: 28 }, { year: 2024, month: 3, day: 1 })).toBe(2);
    expect(daysBetween({ year: 2025, month: 2, day: 28 }, { year: 2025, month: 3, day: 1 })).toBe(1);
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
  });
});

describe('month arithmetic', () => {
  it('clamps to the last day of shorter months', () => {
    expect(addMonths({ year: 2026, month: 11, day: 30 }, 3)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonths({ year: 2027, month: 11, day: 30 }, 3)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addMonths({ year: 2026, month: 5, day: 31 }, -3)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(addMonths({ year: 2026, month: 1, day: 15 }, -1)).toEqual({ year: 2025, month: 12, day: 15 });
  });

  it('finds the end of the month', () => {
    expect(endOfMonth({ year: 2024, month: 2, day: 3 })).toEqual({ year: 2024, month: 2, day: 29 });
    expect(endOfMonth({ year: 2026, month: 4, day: 3 })).toEqual({ year: 2026, month: 4, day: 30 });
  });
});

describe('formats', () => {
  it('writes ISO and compact forms and reads ISO back', () => {
    const d = { year: 1990, month: 3, day: 5 };
    expect(formatIsoDate(d)).toBe('1990-03-05');
    expect(formatCompactDate(d)).toBe('19900305');
    expect(parseIsoDate('1990-03-05')).toEqual(d);
    expect(parseIsoDate('1990-02-30')).toBeUndefined();
    expect(parseIsoDate('1990-3-5')).toBeUndefined();
    expect(isValidCalendarDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isValidCalendarDate({ year: 2100, month: 2, day: 29 })).toBe(false);
    expect(isValidCalendarDate({ year: 2000, month: 2, day: 29 })).toBe(true);
  });
});

describe('JST date of an instant', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('turns over at 15:00 UTC, whatever the machine time zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(jstDateOf(new Date('2025-12-01T14:59:59.999Z'))).toEqual({ year: 2025, month: 12, day: 1 });
      expect(jstDateOf(new Date('2025-12-01T15:00:00.000Z'))).toEqual({ year: 2025, month: 12, day: 2 });
      expect(jstToday(() => new Date('2026-03-31T15:00:00Z'))).toEqual({ year: 2026, month: 4, day: 1 });
    }
  });

  it('gives undefined for an unusable clock instead of throwing', () => {
    expect(jstDateOf(new Date(Number.NaN))).toBeUndefined();
    expect(
      jstToday(() => {
        throw new Error('clock broken');
      }),
    ).toBeUndefined();
  });
});
