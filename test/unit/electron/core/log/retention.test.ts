// Retention: expired rows go, a chained purge record says what went, and the rest of the chain still verifies.
import { openPlainConnection } from '../../../../../electron/core/log/open-database';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogError } from '../../../../../electron/core/log/confirmation-log';
import { verifyChain } from '../../../../../electron/core/log/chain-verify';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let log: ConfirmationLogFile;
const clock = fixedClock('2026-11-27T03:00:00Z');

/** One row a day at 10:00 JST from 2026-11-01 to 2026-11-27 (ids 1..27). */
beforeEach(() => {
  tmp = tempDir();
  clock.set('2026-11-27T03:00:00Z');
  log = createConfirmationLog({ path: tmp.file(), clock, retentionDays: 7 });
  for (let day = 1; day <= 27; day += 1) {
    const d = String(day).padStart(2, '0');
    log.record(sampleRecord({ startedAt: `2026-11-${d}T01:00:00Z`, name: `患者 ${d}` }));
  }
});
afterEach(() => {
  log.close();
  tmp.remove();
});

describe('purgeExpired', () => {
  it('removes rows before today − retentionDays and records what it removed', () => {
    const report = log.purgeExpired();
    expect(report).toEqual({
      purgeId: 1,
      purgedAt: '2026-11-27T03:00:00.000Z',
      cutoffDay: '2026-11-20',
      removed: 19,
      firstRemovedId: 1,
      lastRemovedId: 19,
      anchorId: 19,
    });
    expect(log.list({}).map((r) => r.id)).toEqual([27, 26, 25, 24, 23, 22, 21, 20]);
    const purge = log.db
      .prepare('SELECT purged_at, cutoff_day, removed_count, first_removed_id, last_removed_id FROM purges')
      .get();
    expect(purge).toEqual({
      purged_at: '2026-11-27T03:00:00.000Z',
      cutoff_day: '2026-11-20',
      removed_count: 19,
      first_removed_id: 1,
      last_removed_id: 19,
    });
    expect(
      log.db.prepare('SELECT count(*) FROM search_terms WHERE confirmation_id <= 19').pluck().get(),
    ).toBe(0);
    expect(log.verify()).toMatchObject({ ok: true, rows: 8, anchorId: 19, headId: 27, purges: 1 });
  });

  it('keeps the chain verifiable across purges and new rows, and runs again with nothing to remove', () => {
    log.purgeExpired();
    expect(log.purgeExpired()).toMatchObject({ purgeId: 2, removed: 0, anchorId: 19 });
    clock.set('2026-11-30T03:00:00Z');
    log.record(sampleRecord({ startedAt: '2026-11-30T01:00:00Z' }));
    expect(log.purgeExpired()).toMatchObject({
      purgeId: 3,
      removed: 3,
      firstRemovedId: 20,
      lastRemovedId: 22,
    });
    expect(log.verify()).toMatchObject({ ok: true, rows: 6, anchorId: 22, headId: 28, purges: 3 });
  });

  it('purging everything leaves an empty, verifiable log that new rows chain onto', () => {
    clock.set('2027-06-01T00:00:00Z');
    expect(log.purgeExpired()).toMatchObject({ removed: 27, anchorId: 27 });
    expect(log.verify()).toMatchObject({ ok: true, rows: 0, anchorId: 27, headId: 27 });
    expect(log.record(sampleRecord({ startedAt: '2027-06-01T00:00:00Z' })).id).toBe(28);
    expect(log.verify()).toMatchObject({ ok: true, rows: 1, headId: 28 });
  });

  it('removes only a prefix, so a late row with an old time waits for the rows before it', () => {
    log.record(sampleRecord({ startedAt: '2026-10-01T01:00:00Z' })); // id 28, clock set back
    expect(log.purgeExpired()).toMatchObject({ removed: 19, lastRemovedId: 19 });
    expect(log.get(28)).toBeDefined();
    expect(log.verify().ok).toBe(true);
  });

  it('a tampered purge record or a deletion disguised as a purge breaks verification', () => {
    log.purgeExpired();
    log.close();
    const db = openPlainConnection(tmp.file());
    db.exec('DROP TRIGGER purges_no_update; DROP TRIGGER confirmations_delete_only_by_purge;');
    db.prepare('DELETE FROM confirmations WHERE id = 20').run();
    expect(verifyChain(db)).toMatchObject({ ok: false, table: 'confirmations', id: 21 });
    db.prepare('UPDATE purges SET anchor_id = 20, last_removed_id = 20, removed_count = 20').run();
    expect(verifyChain(db)).toMatchObject({ ok: false, table: 'purges', id: 1 });
    db.close();
    log = createConfirmationLog({ path: tmp.file(), clock, retentionDays: 7 });
  });

  it('the daily job purges at start and then every interval, reporting each run', () => {
    vi.useFakeTimers();
    try {
      const reports: number[] = [];
      const errors: LogError[] = [];
      const job = log.startDailyPurge({
        onPurged: (r) => reports.push(r.removed),
        onError: (e) => errors.push(e),
      });
      expect(reports).toEqual([19]);
      clock.set('2026-11-28T03:00:00Z');
      vi.advanceTimersByTime(86_400_000);
      expect(reports).toEqual([19, 1]);
      job.stop();
      vi.advanceTimersByTime(86_400_000 * 3);
      expect(reports).toEqual([19, 1]);
      expect(errors).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the daily job reports a failure instead of throwing', () => {
    vi.useFakeTimers();
    try {
      const errors: string[] = [];
      log.db.pragma('query_only = ON');
      const job = log.startDailyPurge({ onError: (e) => errors.push(e.code) });
      job.stop();
      expect(errors).toEqual(['log.unwritable']);
    } finally {
      vi.useRealTimers();
    }
  });
});
