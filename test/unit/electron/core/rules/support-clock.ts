// Test support: a fixed clock at a given instant, or at noon of a JST calendar date.
import type { Clock } from '../../../../../electron/core/rules/calendar-date';

export const at =
  (iso: string): Clock =>
  () =>
    new Date(iso);

/** Noon in Japan on `yyyy-mm-dd`. */
export const onJstDay = (day: string): Clock => at(`${day}T12:00:00+09:00`);
