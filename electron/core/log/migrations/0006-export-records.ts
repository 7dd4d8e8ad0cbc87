// Migration 6: who exported the log, when and which days: append-only, like the rows the CSV carried.
import type { Migration } from './migration';

export const migration0006: Migration = {
  version: 6,
  name: 'export-records',
  up(db) {
    db.exec(`
      CREATE TABLE export_records (
        id INTEGER PRIMARY KEY,
        exported_at TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('terminal', 'clinic')),
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER export_records_no_update BEFORE UPDATE ON export_records
      BEGIN
        SELECT RAISE(ABORT, 'export records are append-only');
      END;
      CREATE TRIGGER export_records_no_delete BEFORE DELETE ON export_records
      BEGIN
        SELECT RAISE(ABORT, 'export records are append-only');
      END;
    `);
  },
};
