// Opening the log file: pragmas, owner-only permissions, and clear errors for files that are not a log.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import { LATEST_VERSION } from '../../../../../electron/core/log/migrations/index';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';
import { tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('openLogDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys, a busy timeout and the latest schema', () => {
    const db = openLogDatabase(tmp.file(), { busyTimeoutMs: 1234 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it.skipIf(process.platform === 'win32')('creates the folder and the file (and its WAL) owner-only', () => {
    const file = path.join(tmp.dir, 'nested', 'log.sqlite');
    const db = openLogDatabase(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    db.close();
  });

  it.skipIf(process.platform === 'win32')('tightens an existing file that others could read', () => {
    const file = tmp.file();
    writeFileSync(file, '', { mode: 0o644 });
    openLogDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a file that is not a database → log.corrupt', () => {
    const file = tmp.file();
    writeFileSync(
      file,
      'this is not a SQLite database, just some text that is long enough to have a header'.repeat(10),
    );
    expect(() => openLogDatabase(file)).toThrow(LogError);
    try {
      openLogDatabase(file);
    } catch (error) {
      expect((error as LogError).code).toBe('log.corrupt');
    }
  });

  it('read-only open of a missing file fails with a LogError and creates nothing', () => {
    const file = tmp.file('missing.sqlite');
    expect(() => openLogDatabase(file, { readonly: true })).toThrow(LogError);
    expect(existsSync(file)).toBe(false);
  });
});
