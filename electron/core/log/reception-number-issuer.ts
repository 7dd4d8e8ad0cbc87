// Reception numbers (受付番号): the next free number of a clinic day within this terminal's range.
import type Database from 'better-sqlite3';
import { MAX_RECEPTION_NUMBER, type ReceptionNumberRange } from './confirmation-log';
import { logError } from './sqlite-errors';

export interface ReceptionNumberIssuer {
  /** The next number of `day` in the range; LogError `log.numbers-exhausted` when the range is used up. */
  next(day: string): number;
  /**
   * Uses `number` for `day` on behalf of the confirmation about to be written. Run inside that row's
   * transaction: the primary key of reception_numbers refuses a second use in the same day.
   */
  issue(day: string, number: number, confirmationId: number): void;
}

/** A valid range of reception numbers, or a RangeError naming the setting. */
export function checkedRange(range: ReceptionNumberRange): ReceptionNumberRange {
  const ok = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_RECEPTION_NUMBER;
  if (!ok(range.first) || !ok(range.last) || range.first > range.last) {
    throw new RangeError(
      `receptionNumbers must be whole numbers with 1 ≤ first ≤ last ≤ ${MAX_RECEPTION_NUMBER}, got ${range.first}–${range.last}`,
    );
  }
  return range;
}

/** The issuer over `db`'s reception_numbers table (migration 0001) for one terminal's checked range. */
export function receptionNumberIssuer(
  db: Database.Database,
  range: ReceptionNumberRange,
): ReceptionNumberIssuer {
  const lastIssued = db
    .prepare('SELECT max(number) FROM reception_numbers WHERE day = ? AND number BETWEEN ? AND ?')
    .pluck();
  const insert = db.prepare('INSERT INTO reception_numbers (day, number, confirmation_id) VALUES (?, ?, ?)');
  return {
    next(day) {
      const last = lastIssued.get(day, range.first, range.last) as number | null;
      const next = last === null ? range.first : last + 1;
      if (next > range.last) {
        throw logError('log.numbers-exhausted', `${day}: ${range.first}〜${range.last}`);
      }
      return next;
    },
    issue(day, number, confirmationId) {
      insert.run(day, number, confirmationId);
    },
  };
}
