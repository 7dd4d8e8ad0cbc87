// Who took a CSV of patients' data: each export recorded in the log file with the signed-in account.
import type Database from 'better-sqlite3';

/** `terminal`: this terminal's log; `clinic`: every terminal's rows from the central record. */
export type ExportScope = 'terminal' | 'clinic';

export interface ExportRecord {
  /** The signed-in account's name (its staff id in the log). */
  staffId: string;
  scope: ExportScope;
  /** The clinic days exported, yyyy-MM-dd. */
  from: string;
  to: string;
}

export interface StoredExportRecord extends ExportRecord {
  id: number;
  exportedAt: string;
}

/** Appends one export record; the table refuses UPDATE and DELETE (migration 0006). */
export function writeExportRecord(db: Database.Database, record: ExportRecord, exportedAt: Date): void {
  db.prepare(
    'INSERT INTO export_records (exported_at, staff_id, scope, from_day, to_day) VALUES (?, ?, ?, ?, ?)',
  ).run(exportedAt.toISOString(), record.staffId, record.scope, record.from, record.to);
}

/** The latest export records, newest first. */
export function readExportRecords(db: Database.Database, limit: number): StoredExportRecord[] {
  const rows = db
    .prepare(
      'SELECT id, exported_at, staff_id, scope, from_day, to_day FROM export_records ORDER BY id DESC LIMIT ?',
    )
    .all(limit) as {
    id: number;
    exported_at: string;
    staff_id: string;
    scope: ExportScope;
    from_day: string;
    to_day: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    exportedAt: r.exported_at,
    staffId: r.staff_id,
    scope: r.scope,
    from: r.from_day,
    to: r.to_day,
  }));
}
