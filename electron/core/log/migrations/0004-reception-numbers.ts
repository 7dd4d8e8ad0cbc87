// Migration 4: the reception numbers issued per clinic day, one row each; the primary key forbids a repeat.
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'reception-numbers',
  up(db) {
    db.exec(`
      -- day: the clinic day the number was issued on (the commit's day, not the attempt's start day).
      CREATE TABLE reception_numbers (
        day TEXT NOT NULL,
        number INTEGER NOT NULL,
        confirmation_id INTEGER NOT NULL,
        PRIMARY KEY (day, number)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER reception_numbers_no_update BEFORE UPDATE ON reception_numbers
      BEGIN
        SELECT RAISE(ABORT, 'reception numbers are never reissued');
      END;
      -- Numbers a log issued before this table existed count as used on the day of their row, so a
      -- kiosk upgraded mid-day carries on after them.
      INSERT OR IGNORE INTO reception_numbers (day, number, confirmation_id)
        SELECT day, reception_number, id FROM confirmations WHERE reception_number IS NOT NULL;
    `);
  },
};
