// Migration 5: keyed chaining (the key-start record, keyed purge records) and a purge window tied to its purge record.
import type { Migration } from './migration';

export const migration0005: Migration = {
  version: 5,
  name: 'keyed-chain',
  up(db) {
    db.exec(`
      -- Purge records written under the log key are format 2 (HMAC-SHA-256); older ones stay format 1.
      ALTER TABLE purges ADD COLUMN chain_format INTEGER NOT NULL DEFAULT 1;
      -- One row, written the first time a key opens the log: rows from start_id and purge records from
      -- start_purge_id are keyed; start_hash / start_purge_hash end the unkeyed chains before them.
      CREATE TABLE chain_key (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        start_id INTEGER NOT NULL,
        start_hash BLOB NOT NULL,
        start_purge_id INTEGER NOT NULL,
        start_purge_hash BLOB NOT NULL,
        key_id TEXT NOT NULL,
        marked_at TEXT NOT NULL,
        mac BLOB NOT NULL
      ) STRICT;
      CREATE TRIGGER chain_key_no_update BEFORE UPDATE ON chain_key
      BEGIN
        SELECT RAISE(ABORT, 'the key start is written once');
      END;
      CREATE TRIGGER chain_key_no_delete BEFORE DELETE ON chain_key
      BEGIN
        SELECT RAISE(ABORT, 'the key start is written once');
      END;
      -- The purge window now names the purge record written first in the same transaction, and only the
      -- newest one, up to exactly the row it records as last removed.
      DROP TRIGGER confirmations_delete_only_by_purge;
      DROP TABLE purge_window;
      CREATE TABLE purge_window (purge_id INTEGER NOT NULL, upto_id INTEGER NOT NULL) STRICT;
      CREATE TRIGGER purge_window_names_its_purge BEFORE INSERT ON purge_window
      WHEN NEW.purge_id IS NOT (SELECT max(id) FROM purges)
        OR NEW.upto_id IS NOT (SELECT last_removed_id FROM purges WHERE id = NEW.purge_id)
        OR EXISTS (SELECT 1 FROM purge_window)
      BEGIN
        SELECT RAISE(ABORT, 'a purge window opens only for the purge record just written');
      END;
      CREATE TRIGGER confirmations_delete_only_by_purge BEFORE DELETE ON confirmations
      WHEN OLD.id > COALESCE((SELECT max(upto_id) FROM purge_window), 0)
      BEGIN
        SELECT RAISE(ABORT, 'confirmation rows are removed only by the retention purge');
      END;
    `);
  },
};
