// The clinic clock: days, day boundaries and wall-clock text in the clinic's offset, whatever the machine's zone.
import { describe, expect, it } from 'vitest';
import {
  createClinicClock,
  formatUtcOffset,
  parseUtcOffset,
} from '../../../../../electron/core/clock/clinic-clock';

const at = (iso: string) => createClinicClock({ source: () => Date.parse(iso) });

describe('clinic clock (default +09:00, JST)', () => {
  // JST = UTC+9 with no daylight saving: 15:00Z is the clinic's midnight.
  it.each([
    ['2026-12-01T14:59:58Z', '2026-12-01', '2026-12-01 23:59:58', '2026-12-01T23:59:58+09:00'],
    ['2026-12-01T15:00:01Z', '2026-12-02', '2026-12-02 00:00:01', '2026-12-02T00:00:01+09:00'],
    ['2026-12-31T14:59:59Z', '2026-12-31', '2026-12-31 23:59:59', '2026-12-31T23:59:59+09:00'],
    ['2026-12-31T15:00:00Z', '2027-01-01', '2027-01-01 00:00:00', '2027-01-01T00:00:00+09:00'],
    ['2028-02-28T15:00:00Z', '2028-02-29', '2028-02-29 00:00:00', '2028-02-29T00:00:00+09:00'],
  ])('%s is %s (%s)', (instant, day, wall, iso) => {
    const clock = at(instant);
    expect(clock.today()).toBe(day);
    expect(clock.dayOf(Date.parse(instant))).toBe(day);
    expect(clock.wallClock(clock.now())).toBe(wall);
    expect(clock.clinicIso(clock.nowMs())).toBe(iso);
    expect(clock.utcOffset).toBe('+09:00');
    expect(clock.utcOffsetMinutes).toBe(540);
  });
});

describe('other offsets', () => {
  it('counts days in the configured offset, west of UTC too', () => {
    const honolulu = createClinicClock({
      utcOffset: '-10:00',
      source: () => Date.parse('2026-12-02T09:59:59Z'),
    });
    expect(honolulu.today()).toBe('2026-12-01');
    expect(honolulu.wallClock(honolulu.now())).toBe('2026-12-01 23:59:59');
    expect(honolulu.clinicIso(honolulu.now())).toBe('2026-12-01T23:59:59-10:00');
    const india = createClinicClock({
      utcOffset: '+05:30',
      source: () => Date.parse('2026-12-01T18:30:00Z'),
    });
    expect(india.today()).toBe('2026-12-02');
  });

  it('reads and writes offsets, and refuses what is not one', () => {
    expect(parseUtcOffset('+09:00')).toBe(540);
    expect(parseUtcOffset('-03:30')).toBe(-210);
    expect(parseUtcOffset('+14:00')).toBe(840);
    for (const bad of ['+9:00', '09:00', '+09:60', '+15:00', '-13:00', 'JST', '']) {
      expect(parseUtcOffset(bad), bad).toBeUndefined();
    }
    expect(formatUtcOffset(540)).toBe('+09:00');
    expect(formatUtcOffset(-210)).toBe('-03:30');
    expect(formatUtcOffset(0)).toBe('+00:00');
    expect(() => createClinicClock({ utcOffset: 'Asia/Tokyo' })).toThrow(RangeError);
  });
});

describe('time sources', () => {
  it('the default source is the machine clock', () => {
    const before = Date.now();
    const now = createClinicClock().nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
