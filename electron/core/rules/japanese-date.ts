// Dates keyed in 和暦 (Japanese era) or western form, converted to calendar dates with era boundaries enforced.
import type { CalendarDate } from './calendar-date';
import { compareDates, isValidCalendarDate, parseIsoDate } from './calendar-date';
import { MAX_RAW_INPUT_LENGTH, normalizeKeyedText } from './normalize';

export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

export interface Era {
  name: EraName;
  /** Letter used on forms (M/T/S/H/R). */
  letter: string;
  /** Numeric era code used on forms and claims: 1 明治 … 5 令和. */
  code: number;
  /** First day of the era (official start dates). */
  start: CalendarDate;
}

const iso = (text: string): CalendarDate => parseIsoDate(text) ?? { year: 0, month: 1, day: 1 };

/**
 * Official era start dates. 明治 is counted from 1868-10-23 on the Gregorian calendar; dates printed
 * before 1873-01-01 were lunisolar, which no living patient's birth date is.
 */
export const ERAS: readonly Era[] = [
  { name: '明治', letter: 'M', code: 1, start: iso('1868-10-23') },
  { name: '大正', letter: 'T', code: 2, start: iso('1912-07-30') },
  { name: '昭和', letter: 'S', code: 3, start: iso('1926-12-25') },
  { name: '平成', letter: 'H', code: 4, start: iso('1989-01-08') },
  { name: '令和', letter: 'R', code: 5, start: iso('2019-05-01') },
];

/** The earliest date accepted in western form. */
export const EARLIEST_DATE: CalendarDate = iso('1868-01-01');

/** Longest normalised date text looked at; every accepted form is far shorter. */
const MAX_DATE_TEXT = 32;

export type DateProblem =
  /** Nothing entered. */
  | 'required'
  /** Not a recognised form. */
  | 'format'
  /** Month or day does not exist (e.g. 2/30), or era year 0. */
  | 'impossible'
  /** A real date, but outside the era named (e.g. 平成31年5月1日). */
  | 'era-range'
  /** Before 1868. */
  | 'too-early';

export type ParsedDate = { ok: true; date: CalendarDate } | { ok: false; problem: DateProblem };

const ERA_BY_TOKEN = new Map<string, Era>();
for (const era of ERAS) {
  ERA_BY_TOKEN.set(era.name, era);
  ERA_BY_TOKEN.set(era.letter, era);
  ERA_BY_TOKEN.set(era.letter.toLowerCase(), era);
  ERA_BY_TOKEN.set(String(era.code), era);
}

// All patterns are anchored with bounded quantifiers: linear time on any input.
const WESTERN_SEPARATED = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;
const WESTERN_COMPACT = /^(\d{4})(\d{2})(\d{2})$/u;
/** 令和5年4月1日, 令和元年…, R5.4.1, H02/03/15, 4.02.03.15 (a numeric era code needs a separator). */
const ERA_SEPARATED =
  /^(?:(明治|大正|昭和|平成|令和)|([MTSHRmtshr])[-/.]?|([1-5])[-/.])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;
/** H020315, R050401, 4020315 (7 digits: era code + yymmdd, as on claims). */
const ERA_COMPACT = /^(?:([MTSHRmtshr])|([1-5]))(\d{2})(\d{2})(\d{2})$/u;

function eraDate(era: Era | undefined, yearText: string, month: number, day: number): ParsedDate {
  if (!era) return { ok: false, problem: 'format' };
  const eraYear = yearText === '元' ? 1 : Number(yearText);
  if (eraYear < 1) return { ok: false, problem: 'impossible' };
  const date = { year: era.start.year + eraYear - 1, month, day };
  if (!isValidCalendarDate(date)) return { ok: false, problem: 'impossible' };
  const next = ERAS[era.code];
  if (compareDates(date, era.start) < 0 || (next && compareDates(date, next.start) >= 0)) {
    return { ok: false, problem: 'era-range' };
  }
  return { ok: true, date };
}

function westernDate(year: number, month: number, day: number): ParsedDate {
  const date = { year, month, day };
  if (!isValidCalendarDate(date)) return { ok: false, problem: 'impossible' };
  if (compareDates(date, EARLIEST_DATE) < 0) return { ok: false, problem: 'too-early' };
  return { ok: true, date };
}

/**
 * Parses a date keyed by staff. Accepted: 和暦 with era name, letter (M/T/S/H/R, either case) or numeric
 * code (1–5), 元年 for year 1, separators `年月日` `.` `/` `-`, or compact (H020315, 4020315); western
 * `yyyy-mm-dd`, `yyyy/mm/dd`, `yyyy.mm.dd`, `yyyy年m月d日` and `yyyymmdd`. Full-width input and spaces are
 * normalised first. Never throws.
 */
export function parseKeyedDate(raw: string): ParsedDate {
  if (raw.length > MAX_RAW_INPUT_LENGTH) return { ok: false, problem: 'format' };
  const text = normalizeKeyedText(raw);
  if (text === '') return { ok: false, problem: 'required' };
  if (text.length > MAX_DATE_TEXT) return { ok: false, problem: 'format' };

  let m = WESTERN_SEPARATED.exec(text) ?? WESTERN_COMPACT.exec(text);
  if (m) return westernDate(Number(m[1]), Number(m[2]), Number(m[3]));

  m = ERA_SEPARATED.exec(text);
  if (m) {
    const token = m[1] ?? m[2] ?? m[3] ?? '';
    return eraDate(ERA_BY_TOKEN.get(token), m[4] ?? '', Number(m[5]), Number(m[6]));
  }
  m = ERA_COMPACT.exec(text);
  if (m) {
    const token = m[1] ?? m[2] ?? '';
    return eraDate(ERA_BY_TOKEN.get(token), m[3] ?? '', Number(m[4]), Number(m[5]));
  }
  return { ok: false, problem: 'format' };
}

/** The era a date belongs to, or undefined before 明治. */
export function eraOf(date: CalendarDate): Era | undefined {
  let found: Era | undefined;
  for (const era of ERAS) if (compareDates(date, era.start) >= 0) found = era;
  return found;
}

/** Formats a date as 和暦 text, e.g. `令和元年5月1日`; western ISO text before 明治. */
export function formatJapaneseDate(date: CalendarDate): string {
  const era = eraOf(date);
  if (!era) return `${date.year}年${date.month}月${date.day}日`;
  const year = date.year - era.start.year + 1;
  return `${era.name}${year === 1 ? '元' : String(year)}年${date.month}月${date.day}日`;
}
