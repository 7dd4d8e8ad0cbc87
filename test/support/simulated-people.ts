// A simulated person as the simulator answers for them on a given instant (its population moves with the fiscal year).
import type { InsuredPerson } from '../../electron/core/gateway/qualification-gateway';
import { simulatedPeople } from '../../electron/core/gateway/simulator/people';
import { personOn } from '../../electron/core/gateway/simulator/population-year';
import { jstDateOf } from '../../electron/core/rules/calendar-date';

/** Person `id` on the clinic day of `at` (default now): what staff would read off their 資格確認書 that day. */
export function simulatedPersonAt(id: string, at: Date = new Date()): InsuredPerson {
  const person = simulatedPeople.find((p) => p.id === id)?.person;
  const day = jstDateOf(at);
  if (!person || !day) throw new Error(`no simulated person ${id}`);
  return personOn(person, day);
}

/** yyyyMMdd → yyyy-MM-dd, as a keyed form takes it. */
export const isoBirthDate = (compact: string): string =>
  `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;

/** A 有効期限 printed on a 資格確認書 that is still ahead on any run: next year's 31 July (§4.1). */
export const printedExpiryAhead = (at: Date = new Date()): string => `${String(at.getFullYear() + 1)}-07-31`;
