// Migration 2: normalised search terms for the staff text search (prefix ranges on an index), backfilled.
import { searchTerms } from '../search-text';
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'search-terms',
  up(db) {
    db.exec(`
      CREATE TABLE search_terms (
        term TEXT NOT NULL,
        confirmation_id INTEGER NOT NULL REFERENCES confirmations (id) ON DELETE CASCADE,
        PRIMARY KEY (term, confirmation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX search_terms_by_confirmation ON search_terms (confirmation_id);
    `);
    const insert = db.prepare('INSERT OR IGNORE INTO search_terms (term, confirmation_id) VALUES (?, ?)');
    const rows = db
      .prepare(
        'SELECT id, name, name_kana AS nameKana, insurer_number AS insurerNumber, number FROM confirmations',
      )
      .all() as Array<{
      id: number;
      name: string | null;
      nameKana: string | null;
      insurerNumber: string | null;
      number: string | null;
    }>;
    for (const row of rows) for (const term of searchTerms(row)) insert.run(term, row.id);
  },
};
