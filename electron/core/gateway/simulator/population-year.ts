// The simulated population is written as of one fiscal year; on any other confirmation date every date of a person moves by whole years.
import type { CalendarDate } from '../../rules/calendar-date';
import { isValidCalendarDate } from '../../rules/calendar-date';
import type { InsuredPerson } from '../qualification-gateway';

/**
 * The fiscal year (April–March, the school and 高齢受給者 year) that people.ts describes. A person's label
 * ("未就学児", "70〜74歳", "後期高齢者") and certificate windows hold throughout it; moving every date by
 * whole fiscal years keeps them true on any day, so the simulator never ages out of its own labels.
 */
export const POPULATION_FISCAL_YEAR = 2026;

/** Japan's fiscal year of a day: 1 April to 31 March. */
export const fiscalYearOf = (date: CalendarDate): number => (date.month >= 4 ? date.year : date.year - 1);

/** yyyyMMdd (or yyyyMM) moved by `years`; 29 February becomes the 28th in a common year. Others unchanged. */
export function shiftCompactDate(value: string, years: number): string {
  if (years === 0) return value;
  const full = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (full) {
    const date = { year: Number(full[1]) + years, month: Number(full[2]), day: Number(full[3]) };
    if (!isValidCalendarDate(date) && date.month === 2 && date.day === 29) date.day = 28;
    if (!isValidCalendarDate(date)) return value;
    return `${String(date.year).padStart(4, '0')}${full[2]}${String(date.day).padStart(2, '0')}`;
  }
  const month = /^(\d{4})(\d{2})$/.exec(value);
  if (month) return `${String(Number(month[1]) + years).padStart(4, '0')}${month[2]}`;
  return value;
}

function shiftFields<T extends object>(record: T, keys: readonly (keyof T)[], years: number): T {
  const out = { ...record };
  for (const key of keys) {
    const value = out[key];
    if (typeof value === 'string') out[key] = shiftCompactDate(value, years) as T[keyof T];
  }
  return out;
}

/** The same person `years` fiscal years later (or earlier): every date moved, nothing else. */
export function personShiftedBy(person: InsuredPerson, years: number): InsuredPerson {
  if (years === 0) return person;
  const out = shiftFields(
    person,
    [
      'birthdate',
      'qualificationDate',
      'disqualificationDate',
      'cardValidFrom',
      'cardExpiresOn',
      'cardIssuedOn',
    ],
    years,
  );
  if (person.elderly) out.elderly = shiftFields(person.elderly, ['issuedOn', 'validFrom', 'validTo'], years);
  if (person.limit)
    out.limit = shiftFields(person.limit, ['issuedOn', 'validFrom', 'validTo', 'longTermDate'], years);
  out.specificDiseases = person.specificDiseases.map((d) =>
    shiftFields(d, ['issuedOn', 'validFrom', 'validTo'], years),
  );
  if (person.medicalTickets) {
    // 医療券 members are named by the system (…Date, …Month); every date-shaped member moves.
    out.medicalTickets = person.medicalTickets.map((ticket) =>
      Object.fromEntries(
        Object.entries(ticket).map(([key, value]) => [
          key,
          /(Date|Month)$/.test(key) ? shiftCompactDate(value, years) : value,
        ]),
      ),
    );
  }
  return out;
}

/** The person as they stand on `date`: moved by the fiscal years between the population's year and it. */
export function personOn(person: InsuredPerson, date: CalendarDate): InsuredPerson {
  return personShiftedBy(person, fiscalYearOf(date) - POPULATION_FISCAL_YEAR);
}
