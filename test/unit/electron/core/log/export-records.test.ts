// Export records: who took a CSV, of which days, kept in the log file and never changed or removed by SQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPlainConnection } from '../../../../../electron/core/log/open-database';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let log: ConfirmationLogFile;
const clock = fixedClock('2026-12-01T00:30:00.000Z');

beforeEach(() => {
  tmp = tempDir();
  log = createConfirmationLog({ path: tmp.file(), clock });
});
afterEach(() => {
  log.close();
  tmp.remove();
});

describe('export records', () => {
  it('keeps each export with its account, scope, days and time, newest first, after a reopen', () => {
    log.recordExport({ staffId: '佐藤', scope: 'terminal', from: '2026-11-01', to: '2026-11-30' });
    clock.set('2026-12-01T01:00:00.000Z');
    log.recordExport({ staffId: '鈴木', scope: 'clinic', from: '2026-12-01', to: '2026-12-01' });
    log.close();
    log = createConfirmationLog({ path: tmp.file(), clock });
    expect(log.exportRecords()).toEqual([
      {
        id: 2,
        exportedAt: '2026-12-01T01:00:00.000Z',
        staffId: '鈴木',
        scope: 'clinic',
        from: '2026-12-01',
        to: '2026-12-01',
      },
      {
        id: 1,
        exportedAt: '2026-12-01T00:30:00.000Z',
        staffId: '佐藤',
        scope: 'terminal',
        from: '2026-11-01',
        to: '2026-11-30',
      },
    ]);
  });

  it('refuses UPDATE and DELETE from plain SQL on the same file', () => {
    log.recordExport({ staffId: '佐藤', scope: 'terminal', from: '2026-11-01', to: '2026-11-30' });
    const other = openPlainConnection(tmp.file());
    try {
      expect(() => other.prepare("UPDATE export_records SET staff_id = '誰か'").run()).toThrow(/append-only/);
      expect(() => other.prepare('DELETE FROM export_records').run()).toThrow(/append-only/);
    } finally {
      other.close();
    }
    expect(log.exportRecords().map((r) => r.staffId)).toEqual(['佐藤']);
  });

  it('a log that cannot take the record says so with a LogError', () => {
    log.close();
    expect(() =>
      log.recordExport({ staffId: '佐藤', scope: 'terminal', from: '2026-11-01', to: '2026-11-30' }),
    ).toThrow(expect.objectContaining({ code: expect.stringMatching(/^log\./) }));
    log = createConfirmationLog({ path: tmp.file(), clock });
  });
});
