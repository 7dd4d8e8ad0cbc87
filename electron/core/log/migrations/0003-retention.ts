// Migration 3: purge records (their own hash chain, anchoring what remains) and append-only triggers.
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'retention',
  up(db) {
    db.exec(`
      CREATE TABLE purges (
        id INTEGER PRIMARY KEY,
        purged_at TEXT NOT NULL,
        cutoff_day TEXT NOT NULL,
        removed_count INTEGER NOT NULL,
        first_removed_id INTEGER,
        last_removed_id INTEGER,
        anchor_id INTEGER NOT NULL,
        anchor_hash BLOB NOT NULL,
        hash BLOB NOT NULL
      ) STRICT;
      -- Holds one row only while a purge runs: the highest id it may delete.
      CREATE TABLE purge_window (upto_id INTEGER NOT NULL) STRICT;
      CREATE TRIGGER confirmations_no_update BEFORE UPDATE ON confirmations
      BEGIN
        SELECT RAISE(ABORT, 'confirmation rows are append-only');
      END;
      CREATE TRIGGER confirmations_delete_only_by_purge BEFORE DELETE ON confirmations
      WHEN OLD.id > COALESCE((SELECT max(upto_id) FROM purge_window), 0)
      BEGIN
        SELECT RAISE(ABORT, 'confirmation rows are removed only by the retention purge');
      END;
      CREATE TRIGGER purges_no_update BEFORE UPDATE ON purges
      BEGIN
        SELECT RAISE(ABORT, 'purge records are append-only');
      END;
      CREATE TRIGGER purges_no_delete BEFORE DELETE ON purges
      BEGIN
        SELECT RAISE(ABORT, 'purge records are append-only');
      END;
    `);
  },
};
