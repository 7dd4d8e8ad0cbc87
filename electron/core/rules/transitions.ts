// Evaluates the dated transition table against a JST calendar date and, where a window is scoped, an insurer.
import type { CalendarDate } from './calendar-date';
import { compareDates, parseIsoDate } from './calendar-date';
import type { InsurerKind } from './houbetsu';
import type { DatedWindow, TransitionRule } from './transition-table';
import { transitionTable } from './transition-table';

/** True when `today` lies inside the window's dates (both ends inclusive); its scope is not looked at. */
export function isInPeriod(period: DatedWindow, today: CalendarDate): boolean {
  const from = period.from === undefined ? undefined : parseIsoDate(period.from);
  const through = period.through === undefined ? undefined : parseIsoDate(period.through);
  if (from && compareDates(today, from) < 0) return false;
  if (through && compareDates(today, through) > 0) return false;
  return true;
}

/** True when the window covers the insurer: an unscoped window covers everyone, a scoped one only its kinds. */
export function coversInsurer(window: DatedWindow, insurerKind: InsurerKind | undefined): boolean {
  if (window.insurerKinds === undefined) return true;
  return insurerKind !== undefined && window.insurerKinds.includes(insurerKind);
}

/**
 * The window of `rule` that applies on `today` to an insurer of `insurerKind` (the first in table order),
 * or undefined. It names the source, so a dated decision can be explained later.
 */
export function windowOn(
  rule: TransitionRule,
  today: CalendarDate,
  insurerKind?: InsurerKind,
): DatedWindow | undefined {
  const windows: readonly DatedWindow[] = transitionTable[rule];
  return windows.find((w) => isInPeriod(w, today) && coversInsurer(w, insurerKind));
}

export function ruleApplies(rule: TransitionRule, today: CalendarDate, insurerKind?: InsurerKind): boolean {
  return windowOn(rule, today, insurerKind) !== undefined;
}

/** The last day of a rule over all its windows; undefined when one of them is open-ended. */
export function ruleThrough(rule: TransitionRule): CalendarDate | undefined {
  const windows: readonly DatedWindow[] = transitionTable[rule];
  let last: CalendarDate | undefined;
  for (const w of windows) {
    const through = w.through === undefined ? undefined : parseIsoDate(w.through);
    if (!through) return undefined;
    if (!last || compareDates(through, last) > 0) last = through;
  }
  return last;
}
