// Maintenance of the log file: the daily purge job's schedule and error reports, retention checks, backup.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import {
  backupDatabase,
  checkedRetentionDays,
  DAILY_MS,
  startDailyPurge,
} from '../../../../../electron/core/log/maintenance';
import { openPlainConnection } from '../../../../../electron/core/log/open-database';
import type { PurgeReport } from '../../../../../electron/core/log/retention';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

const report = (removed: number): PurgeReport => ({
  purgeId: 1,
  purgedAt: '2026-11-27T01:00:00.000Z',
  cutoffDay: '2021-11-28',
  removed,
  anchorId: 0,
});

describe('startDailyPurge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then once per interval until stopped', () => {
    vi.useFakeTimers();
    let runs = 0;
    const reports: number[] = [];
    const job = startDailyPurge(() => report((runs += 1)), { onPurged: (r) => reports.push(r.removed) });
    expect(reports).toEqual([1]);
    vi.advanceTimersByTime(DAILY_MS - 1);
    expect(reports).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([1, 2]);
    job.stop();
    vi.advanceTimersByTime(DAILY_MS * 3);
    expect(reports).toEqual([1, 2]);
  });

  it('reports any failure as a LogError and keeps its schedule', () => {
    vi.useFakeTimers();
    const errors: LogError[] = [];
    const job = startDailyPurge(
      () => {
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_FULL' });
      },
      { intervalMs: 10, onError: (e) => errors.push(e) },
    );
    vi.advanceTimersByTime(10);
    job.stop();
    expect(errors.map((e) => e.code)).toEqual(['log.disk-full', 'log.disk-full']);
    expect(errors[0]).toBeInstanceOf(LogError);
  });
});

describe('checkedRetentionDays', () => {
  it('takes a positive whole number of days, and names the setting otherwise', () => {
    expect(checkedRetentionDays(30)).toBe(30);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => checkedRetentionDays(bad)).toThrow(/retentionDays/);
    }
  });
});

describe('backupDatabase', () => {
  let tmp: TempDir;
  let log: ConfirmationLogFile;
  beforeEach(() => {
    tmp = tempDir();
    log = createConfirmationLog({ path: tmp.file(), clock: fixedClock('2026-11-27T01:01:00.000Z') });
  });
  afterEach(() => {
    log.close();
    tmp.remove();
  });

  it('copies the open log into a new owner-only file holding the same rows', async () => {
    log.record(sampleRecord());
    const destination = tmp.file('copy.sqlite');
    await backupDatabase(log.db, destination);
    if (process.platform !== 'win32') expect(statSync(destination).mode & 0o777).toBe(0o600);
    const copy = openPlainConnection(destination, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM confirmations').pluck().get()).toBe(1);
    copy.close();
  });

  it('never overwrites an existing file', async () => {
    const destination = tmp.file('copy.sqlite');
    await backupDatabase(log.db, destination);
    await expect(backupDatabase(log.db, destination)).rejects.toMatchObject({ code: 'log.unwritable' });
  });
});
