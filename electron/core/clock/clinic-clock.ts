// The clinic clock: the clinic's UTC offset, now, today, day boundaries and wall-clock text; the only reader of the system clock.

import { JST_UTC_OFFSET } from '../../common/vocabulary';

/** Japan Standard Time. Japan has kept one offset all year since 1951, so a fixed offset is exact. */
export const DEFAULT_CLINIC_UTC_OFFSET = JST_UTC_OFFSET;

const MINUTE_MS = 60_000;
const OFFSET_TEXT = /^([+-])(\d{2}):(\d{2})$/;

/** Epoch milliseconds, from wherever the clinic clock takes its time. */
export type TimeSource = () => number;

/**
 * One clock for the whole core. Every clinic day (reception numbers, log days, "today" on the staff
 * console, retention, CSV ranges) and every wall-clock time shown to staff comes from here, so the
 * machine's own time zone never enters.
 */
export interface ClinicClock {
  /** Minutes east of UTC, e.g. 540 for +09:00. */
  readonly utcOffsetMinutes: number;
  /** The offset as written in settings and ISO 8601, e.g. "+09:00". */
  readonly utcOffset: string;
  now(): Date;
  nowMs(): number;
  /** The clinic's calendar day now, yyyy-MM-dd. */
  today(): string;
  /** The clinic's calendar day of an instant, yyyy-MM-dd. */
  dayOf(instant: Date | number): string;
  /** Clinic wall-clock time "yyyy-MM-dd HH:mm:ss" of an instant, as staff and Excel read it. */
  wallClock(instant: Date | number): string;
  /** ISO 8601 of an instant written in the clinic's offset, e.g. "2026-12-01T09:05:00+09:00". */
  clinicIso(instant: Date | number): string;
}

/** Minutes of a "+09:00"-style offset; undefined when it is not one (range −12:00 … +14:00). */
export function parseUtcOffset(text: string): number | undefined {
  const m = OFFSET_TEXT.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (minutes > 59) return undefined;
  const total = (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  return total >= -12 * 60 && total <= 14 * 60 ? total : undefined;
}

/** "+09:00" for 540. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The machine's clock. Nothing else in the core reads it. */
export const systemTime: TimeSource = () => Date.now();

export interface ClinicClockOptions {
  /** "+09:00" style, or minutes east of UTC; default +09:00. */
  utcOffset?: string | number;
  source?: TimeSource;
}

export function createClinicClock(options: ClinicClockOptions = {}): ClinicClock {
  const offset = options.utcOffset ?? DEFAULT_CLINIC_UTC_OFFSET;
  const utcOffsetMinutes = typeof offset === 'number' ? offset : parseUtcOffset(offset);
  if (
    utcOffsetMinutes === undefined ||
    !Number.isInteger(utcOffsetMinutes) ||
    Math.abs(utcOffsetMinutes) > 14 * 60
  ) {
    throw new RangeError(`clinic UTC offset must look like +09:00, got ${String(offset)}`);
  }
  const source = options.source ?? systemTime;
  const shift = utcOffsetMinutes * MINUTE_MS;
  const utcOffset = formatUtcOffset(utcOffsetMinutes);
  const ms = (instant: Date | number): number => (typeof instant === 'number' ? instant : instant.getTime());
  // The instant moved by the offset, read with UTC getters: the clinic's wall clock, whatever TZ says.
  const shifted = (instant: Date | number): string => new Date(ms(instant) + shift).toISOString();

  const clock: ClinicClock = {
    utcOffsetMinutes,
    utcOffset,
    nowMs: () => source(),
    now: () => new Date(source()),
    today: () => clock.dayOf(source()),
    dayOf: (instant) => shifted(instant).slice(0, 10),
    wallClock: (instant) => shifted(instant).slice(0, 19).replace('T', ' '),
    clinicIso: (instant) => `${shifted(instant).slice(0, 19)}${utcOffset}`,
  };
  return clock;
}
