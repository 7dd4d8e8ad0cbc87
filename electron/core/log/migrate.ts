// Applies pending schema migrations, all in one transaction, and refuses a file from a newer version.
import type Database from 'better-sqlite3';
import { logError } from './sqlite-errors';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/migration';

export interface MigrationResult {
  from: number;
  to: number;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws LogError('log.newer-version') when the file was written by a newer schema than `latest`. */
export function refuseNewer(version: number, latest: number): void {
  if (version > latest) {
    throw logError('log.newer-version', `ファイルの版 ${version}、このアプリの版 ${latest}`);
  }
}

/**
 * Brings the schema to the last migration given. Everything pending runs in one IMMEDIATE transaction, so a
 * crash or a failing migration leaves the file exactly at its previous version.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationResult {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = migrations.length;
  const apply = db.transaction((): MigrationResult => {
    const from = schemaVersion(db);
    refuseNewer(from, latest);
    for (const m of migrations.slice(from)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    return { from, to: latest };
  });
  const from = schemaVersion(db);
  refuseNewer(from, latest);
  return from === latest ? { from, to: latest } : apply.immediate();
}
