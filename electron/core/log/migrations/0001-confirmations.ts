// Migration 1: one row per confirmation attempt, the chain head, and the listing indexes.
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'confirmations',
  up(db) {
    db.exec(`
      CREATE TABLE confirmations (
        id INTEGER PRIMARY KEY,
        chain_format INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        day TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        terminal TEXT NOT NULL,
        reader TEXT,
        route TEXT NOT NULL CHECK (route IN ('card-pin', 'card-visual', 'keyed')),
        outcome TEXT NOT NULL
          CHECK (outcome IN ('confirmed', 'not-insured', 'needs-attention', 'error', 'cancelled', 'timed-out')),
        validity INTEGER,
        error_code TEXT,
        system_code TEXT,
        insurer_number TEXT,
        symbol TEXT,
        number TEXT,
        branch TEXT,
        name TEXT,
        name_kana TEXT,
        birthdate TEXT,
        copay_tenths INTEGER,
        limit_class TEXT,
        limit_consent INTEGER,
        limit_consent_at TEXT,
        medication_consent INTEGER,
        medication_consent_at TEXT,
        checkup_consent INTEGER,
        checkup_consent_at TEXT,
        diagnosis_consent INTEGER,
        diagnosis_consent_at TEXT,
        surgery_consent INTEGER,
        surgery_consent_at TEXT,
        staff_id TEXT,
        gateway TEXT,
        gateway_request_id TEXT,
        certificate_serial_hash TEXT,
        reception_number INTEGER,
        card_ms INTEGER,
        gateway_ms INTEGER,
        total_ms INTEGER NOT NULL,
        hash BLOB NOT NULL
      ) STRICT;
      CREATE INDEX confirmations_by_day ON confirmations (day, started_ms);
      CREATE INDEX confirmations_by_outcome ON confirmations (outcome, day, started_ms);
      CREATE INDEX confirmations_by_route ON confirmations (route, day, started_ms);
      CREATE INDEX confirmations_by_terminal ON confirmations (terminal, day, outcome);
      CREATE TABLE chain_head (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        last_id INTEGER NOT NULL,
        last_hash BLOB NOT NULL
      ) STRICT;
      INSERT INTO chain_head (singleton, last_id, last_hash) VALUES (1, 0, zeroblob(32));
    `);
  },
};
