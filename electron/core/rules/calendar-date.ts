// Calendar dates without time zones: validity, ordering, month arithmetic and the JST "today" of a clock.
import { JST_UTC_OFFSET_MINUTES } from '../../common/vocabulary';

/** A date on the proleptic Gregorian calendar; month 1–12, day 1–31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Injected time source; the rules never read the machine clock themselves. */
export type Clock = () => Date;

/** Japan Standard Time (UTC+9, no daylight saving) in milliseconds. */
const JST_OFFSET_MS = JST_UTC_OFFSET_MINUTES * 60 * 1000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCalendarDate(d: CalendarDate): boolean {
  return (
    Number.isSafeInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** Days since 1970-01-01 (integer arithmetic; independent of `Date` and its two-digit-year quirk). */
export function toDayNumber(d: CalendarDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (d.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function endOfMonth(d: CalendarDate): CalendarDate {
  return { year: d.year, month: d.month, day: daysInMonth(d.year, d.month) };
}

/** Adds whole months; a day that does not exist in the target month becomes its last day (11-30 + 3 → 02-28). */
export function addMonths(d: CalendarDate, months: number): CalendarDate {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `yyyy-mm-dd` */
export function formatIsoDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** `yyyyMMdd`, the form of the eligibility request XML (oqs-and-insurance.md §2.2). */
export function formatCompactDate(d: CalendarDate): string {
  return `${pad(d.year, 4)}${pad(d.month, 2)}${pad(d.day, 2)}`;
}

/** Reads a table literal `yyyy-mm-dd`; undefined when it is not a real date. */
export function parseIsoDate(text: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCalendarDate(d) ? d : undefined;
}

/** Reads a `yyyyMMdd` date of the eligibility XML (oqs-and-insurance.md §2.2); undefined when it is not a real date. */
export function parseCompactDate(text: string): CalendarDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidCalendarDate(d) ? d : undefined;
}

/** The calendar date of an instant in Asia/Tokyo, computed from the UTC offset, not the machine's TZ. */
export function jstDateOf(instant: Date): CalendarDate | undefined {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) return undefined;
  const shifted = new Date(t + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Today in Japan according to the clock; undefined when the clock gives no usable time. */
export function jstToday(clock: Clock): CalendarDate | undefined {
  try {
    return jstDateOf(clock());
  } catch {
    return undefined;
  }
}

/** Inverse of `toDayNumber`. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(d) + days);
}
