// Evaluates the dated transition table against a JST calendar date.
import type { CalendarDate } from './calendar-date';
import { compareDates, parseIsoDate } from './calendar-date';
import type { DatedPeriod, TransitionRule } from './transition-table';
import { transitionTable } from './transition-table';

/** True when `today` lies inside the rule's period (both ends inclusive). */
export function isInPeriod(period: DatedPeriod, today: CalendarDate): boolean {
  const from = period.from === undefined ? undefined : parseIsoDate(period.from);
  const through = period.through === undefined ? undefined : parseIsoDate(period.through);
  if (from && compareDates(today, from) < 0) return false;
  if (through && compareDates(today, through) > 0) return false;
  return true;
}

export function ruleApplies(rule: TransitionRule, today: CalendarDate): boolean {
  return isInPeriod(transitionTable[rule], today);
}

/** The last day of a rule, when it has one. */
export function ruleThrough(rule: TransitionRule): CalendarDate | undefined {
  const period: DatedPeriod = transitionTable[rule];
  return period.through === undefined ? undefined : parseIsoDate(period.through);
}
