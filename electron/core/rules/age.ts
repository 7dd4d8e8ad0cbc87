// Ages as Japanese law counts them: the day a person reaches an age, and the first day at that age.
import type { CalendarDate } from './calendar-date';
import { addDays, isValidCalendarDate } from './calendar-date';

/**
 * The day on which a person reaches `years` (「…歳に達する日」). 年齢計算ニ関スル法律 counts age from the day of
 * birth, and 民法第143条 ends a period of years on the day before the anniversary; so the age is reached at
 * the end of the day before the birthday. When the anniversary does not exist (29 February in a common
 * year), 民法第143条第2項ただし書 ends the period on the last day of that month: 28 February. In a leap year
 * the day before 29 February is 28 February too, so a person born on 29 February always reaches an age on
 * 28 February.
 */
export function dayReachingAge(birth: CalendarDate, years: number): CalendarDate {
  const anniversary = { year: birth.year + years, month: birth.month, day: birth.day };
  if (!isValidCalendarDate(anniversary)) return { year: anniversary.year, month: 2, day: 28 };
  return addDays(anniversary, -1);
}

/**
 * The first day a person is `years` old: the day after `dayReachingAge`, i.e. the birthday (1 March for a
 * 29 February birthday in a common year). 後期高齢者医療 starts on this day at 75 (高齢者の医療の確保に関する法律
 * 第52条; "75歳の誕生日から", https://faq.city.kobe.lg.jp/print/faq/1707).
 */
export function firstDayAtAge(birth: CalendarDate, years: number): CalendarDate {
  return addDays(dayReachingAge(birth, years), 1);
}
