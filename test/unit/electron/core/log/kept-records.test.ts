// The log keeps entries it refused and writes them first once it takes writes again: no row lost, chain intact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';
import { LogError, MAX_KEPT_RECORDS } from '../../../../../electron/core/log/confirmation-log';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let log: ConfirmationLogFile | undefined;
let holder: ReturnType<typeof openLogDatabase> | undefined;
let warnings: string[];

function open(keptLimit?: number): ConfirmationLogFile {
  log = createConfirmationLog({
    path: tmp.file(),
    clock: fixedClock('2026-11-27T01:05:00.000Z'),
    busyTimeoutMs: 1,
    warn: (line) => warnings.push(line),
    ...(keptLimit === undefined ? {} : { keptLimit }),
  });
  return log;
}

/** Another program holds the write lock: every write of the log fails with log.locked. */
function lockFile(): void {
  holder = openLogDatabase(tmp.file(), { busyTimeoutMs: 1 });
  holder.exec('BEGIN IMMEDIATE');
}
function unlockFile(): void {
  holder?.exec('ROLLBACK');
  holder?.close();
  holder = undefined;
}

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    return error instanceof LogError ? error.code : 'not a LogError';
  }
  return undefined;
};

const rowCount = (l: ConfirmationLogFile): number =>
  l.db.prepare('SELECT count(*) FROM confirmations').pluck().get() as number;

beforeEach(() => {
  tmp = tempDir();
  warnings = [];
});
afterEach(() => {
  unlockFile();
  log?.close();
  log = undefined;
  tmp.remove();
});

describe('entries the log refused', () => {
  it('are kept, written first and in order once the lock is released, and the chain verifies', () => {
    const l = open();
    l.record(sampleRecord({ gatewayRequestId: 'A' }));
    lockFile();
    const refused = sampleRecord({ gatewayRequestId: 'B', outcome: 'cancelled', receptionNumber: undefined });
    expect(codeOf(() => l.record(refused))).toBe('log.locked');
    l.keep(refused);
    l.keep(sampleRecord({ gatewayRequestId: 'C', outcome: 'timed-out', receptionNumber: undefined }));
    expect(l.keptCount).toBe(2);
    expect(codeOf(() => l.flushKept())).toBe('log.locked');
    // A new record is refused too, and the kept ones stay kept, in order.
    expect(codeOf(() => l.record(sampleRecord({ gatewayRequestId: 'D' })))).toBe('log.locked');
    expect(l.keptCount).toBe(2);
    l.keep(sampleRecord({ gatewayRequestId: 'D', outcome: 'error', receptionNumber: undefined }));
    unlockFile();

    const stored = l.record(sampleRecord({ gatewayRequestId: 'E', receptionNumber: 2 }));
    expect(l.keptCount).toBe(0);
    expect(stored.id).toBe(5);
    const ids = l.list({}).map((r) => [r.id, r.gatewayRequestId]);
    expect(ids.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, 'C'],
      [4, 'D'],
      [5, 'E'],
    ]);
    expect(rowCount(l)).toBe(5);
    expect(l.verify()).toMatchObject({ ok: true, rows: 5 });
    expect(warnings).toEqual([]);
  });

  it('flushKept writes them without a new record and answers how many', () => {
    const l = open();
    lockFile();
    l.keep(sampleRecord({ gatewayRequestId: 'A' }));
    l.keep(sampleRecord({ gatewayRequestId: 'B' }));
    expect(codeOf(() => l.flushKept())).toBe('log.locked');
    unlockFile();
    expect(l.flushKept()).toBe(2);
    expect(l.flushKept()).toBe(0);
    expect(rowCount(l)).toBe(2);
    expect(l.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('a read-only connection refuses with log.unwritable; the kept entry is written after it recovers', () => {
    const l = open();
    l.db.pragma('query_only = ON');
    expect(codeOf(() => l.record(sampleRecord()))).toBe('log.unwritable');
    l.keep(sampleRecord());
    expect(codeOf(() => l.flushKept())).toBe('log.unwritable');
    l.db.pragma('query_only = OFF');
    l.record(sampleRecord({ receptionNumber: 2 }));
    expect(l.get(1)?.receptionNumber).toBe(1);
    expect(l.get(2)?.receptionNumber).toBe(2);
    expect(rowCount(l)).toBe(2);
    expect(l.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('an invalid entry is never kept, and only its code is reported', () => {
    const l = open();
    const myNumber = sampleRecord({ name: '123456789018' });
    l.keep(myNumber);
    l.keep({ ...sampleRecord(), extra: '山田' } as never);
    expect(l.keptCount).toBe(0);
    expect(warnings).toEqual([
      'confirmation log: 1 record not kept (log.invalid-record)',
      'confirmation log: 1 record not kept (log.invalid-record)',
    ]);
    expect(warnings.join('')).not.toMatch(/山田|123456789018/);
  });

  it('beyond the cap an entry is reported lost by count and code; the ones kept are still written', () => {
    expect(MAX_KEPT_RECORDS).toBe(10_000);
    const l = open(2);
    lockFile();
    expect(codeOf(() => l.record(sampleRecord()))).toBe('log.locked');
    for (const id of ['A', 'B', 'C']) l.keep(sampleRecord({ gatewayRequestId: id }));
    expect(l.keptCount).toBe(2);
    expect(warnings).toEqual(['confirmation log: 1 record lost, 2 already kept (log.locked)']);
    unlockFile();
    expect(l.flushKept()).toBe(2);
    expect(
      l
        .list({})
        .map((r) => r.gatewayRequestId)
        .sort(),
    ).toEqual(['A', 'B']);
    expect(l.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('close writes what it can; what it cannot is reported by count only', () => {
    const l = open();
    l.keep(sampleRecord());
    l.close();
    const reopened = open();
    expect(rowCount(reopened)).toBe(1);
    reopened.close();

    const again = open();
    lockFile();
    expect(codeOf(() => again.record(sampleRecord()))).toBe('log.locked');
    again.keep(sampleRecord());
    again.keep(sampleRecord());
    again.close();
    expect(warnings).toEqual(['confirmation log: 2 kept records lost at close (log.locked)']);
    expect(again.keptCount).toBe(0);
  });
});
