// Opens the log file: owner-only permissions, WAL, synchronous=FULL, foreign keys, busy timeout, migrations.
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { migrate, refuseNewer, schemaVersion } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/migration';
import { logError, toLogError } from './sqlite-errors';

/** How long a write waits for another connection's lock before failing with log.locked. */
export const DEFAULT_BUSY_TIMEOUT_MS = 2000;

export interface OpenLogOptions {
  busyTimeoutMs?: number;
  /** Open for reading only (verify, export, backup of a file in use): no file creation, no migration. */
  readonly?: boolean;
  /** The migrations to apply; defaults to all of them. */
  migrations?: readonly Migration[];
  /** synchronous level; FULL unless a benchmark compares against NORMAL. */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Creates the file (and its folder) readable and writable by the owner only, before SQLite touches it. */
function createPrivateFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) {
    try {
      closeSync(openSync(file, 'wx', 0o600));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  // SQLite gives the -wal and -shm files the permissions of the database file.
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}

export function openLogDatabase(file: string, options: OpenLogOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:' && !options.readonly) createPrivateFile(file);
    db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    });
    if (options.readonly) {
      refuseNewer(schemaVersion(db), migrations.length);
      return db;
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal' && file !== ':memory:')
      throw logError('log.unwritable', `journal_mode ${String(mode)}`);
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // 16 MiB page cache (default 2 MiB): keeps the listing indexes' pages in memory on a large log.
    db.pragma('cache_size = -16384');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db?.close();
    throw toLogError(error, `open ${file}`);
  }
}

/** An open SQLite connection to a log file (better-sqlite3), for code outside this folder that holds one. */
export type LogDatabase = Database.Database;

/**
 * A plain second connection to a log file: no pragmas, no migrations, nothing created. For inspection tools
 * and for checks from outside the log (e.g. a reader while the kiosk writes).
 */
export function openPlainConnection(
  file: string,
  options: { readonly?: boolean; busyTimeoutMs?: number } = {},
): LogDatabase {
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: true,
    timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
  });
}
