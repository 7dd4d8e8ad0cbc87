// The SQLite confirmation log: committed rows, listing and search, reception numbers, validation, write failures.
import { chmodSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogError, type ConfirmationQuery } from '../../../../../electron/core/log/confirmation-log';
import { openLogDatabase, openPlainConnection } from '../../../../../electron/core/log/open-database';
import {
  confirmationLogOn,
  createConfirmationLog,
  listQueryPlan,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let log: ConfirmationLogFile;
const clock = fixedClock('2026-11-27T01:01:00.000Z');

beforeEach(() => {
  clock.set('2026-11-27T01:01:00.000Z');
  tmp = tempDir();
  log = createConfirmationLog({ path: tmp.file(), clock, retentionDays: 30 });
});
afterEach(() => {
  log.close();
  tmp.remove();
});

function expectLogError(fn: () => unknown, code: string): LogError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LogError);
    expect((error as LogError).code).toBe(code);
    return error as LogError;
  }
  throw new Error(`expected LogError ${code}`);
}

describe('record', () => {
  it('commits the row and returns it as stored, readable from a second connection', () => {
    const stored = log.record(sampleRecord({ durations: { card: 1200.6, total: 42000.2 } }));
    expect(stored.id).toBe(1);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.recordedAt).toBe('2026-11-27T01:01:00.000Z');
    expect(stored.durations).toEqual({ card: 1201, total: 42000 });

    const other = openPlainConnection(tmp.file(), { readonly: true });
    const row = other.prepare('SELECT name, limit_class, medication_consent, hash FROM confirmations').get();
    other.close();
    expect(row).toMatchObject({ name: '山田 太郎', limit_class: '区分ウ', medication_consent: 1 });
  });

  it('round-trips every field through list()', () => {
    const input = sampleRecord({ staffId: 'staff-07', systemCode: 'EGW001', errorCode: 'gateway.rejected' });
    log.record(input);
    const [row] = log.list({});
    const { id, hash, recordedAt, ...rest } = row ?? { id: 0, hash: '', recordedAt: '' };
    expect(id).toBe(1);
    expect(hash).toHaveLength(64);
    expect(recordedAt).toBe('2026-11-27T01:01:00.000Z');
    expect(rest).toEqual(input);
  });

  it('stores only what the record holds: no column for a PIN, My Number, signature, challenge or certificate', () => {
    const columns = (log.db.prepare('PRAGMA table_info(confirmations)').all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    for (const forbidden of ['pin', 'my_number', 'signature', 'challenge', 'certificate']) {
      expect(columns).not.toContain(forbidden);
    }
    expect(columns).toContain('certificate_serial_hash');
  });

  it('chains each row to the one before', () => {
    const a = log.record(sampleRecord());
    const b = log.record(sampleRecord({ outcome: 'cancelled' }));
    expect(b.id).toBe(a.id + 1);
    expect(b.hash).not.toBe(a.hash);
    expect(log.verify()).toMatchObject({ ok: true, rows: 2, headId: 2, headHash: b.hash });
  });
});

describe('validation', () => {
  it('refuses a record with a 12-digit My Number in any text field, naming the field', () => {
    const error = expectLogError(
      () => log.record(sampleRecord({ name: '山田 123456789018' })),
      'log.invalid-record',
    );
    expect(error.message).toContain('name');
    expectLogError(
      () => log.record(sampleRecord({ gatewayRequestId: '1234-5678-9018' })),
      'log.invalid-record',
    );
    expectLogError(
      () => log.record(sampleRecord({ number: '１２３４５６７８９０１８' })),
      'log.invalid-record',
    );
    expect(log.list({})).toHaveLength(0);
  });

  it('refuses unknown fields, so a PIN or signature passed by mistake is never stored', () => {
    const withPin = { ...sampleRecord(), pin: '1234' };
    const error = expectLogError(() => log.record(withPin), 'log.invalid-record');
    expect(error.message).toContain('記録を拒否しました');
  });

  it('refuses bad values with the field name', () => {
    expect(
      expectLogError(() => log.record(sampleRecord({ startedAt: '2026-11-27 10:00' })), 'log.invalid-record')
        .message,
    ).toContain('startedAt');
    expect(
      expectLogError(() => log.record(sampleRecord({ birthdate: '19800231' })), 'log.invalid-record').message,
    ).toContain('birthdate');
    expectLogError(() => log.record(sampleRecord({ insurerNumber: '12AB' })), 'log.invalid-record');
    expectLogError(
      () => log.record(sampleRecord({ certificateSerialHash: 'deadbeef' })),
      'log.invalid-record',
    );
    expectLogError(() => log.record(sampleRecord({ validity: 9 })), 'log.invalid-record');
  });

  it('accepts other 12-digit numbers (no valid My Number check digit)', () => {
    expect(log.record(sampleRecord({ gatewayRequestId: '123456789012' })).id).toBe(1);
  });
});

describe('list', () => {
  beforeEach(() => {
    // 2026-11-26 23:30 JST, 2026-11-27 09:00 / 10:00 / 11:00 JST, 2026-11-28 08:00 JST
    log.record(
      sampleRecord({ startedAt: '2026-11-26T14:30:00Z', name: '佐藤 花子', nameKana: 'サトウ ハナコ' }),
    );
    log.record(sampleRecord({ startedAt: '2026-11-27T00:00:00Z', outcome: 'not-insured', route: 'keyed' }));
    log.record(
      sampleRecord({
        startedAt: '2026-11-27T01:00:00Z',
        name: '鈴木 一郎',
        nameKana: 'スズキ イチロウ',
        number: '777',
      }),
    );
    log.record(sampleRecord({ startedAt: '2026-11-27T02:00:00Z', route: 'card-visual', staffId: 's1' }));
    log.record(sampleRecord({ startedAt: '2026-11-27T23:00:00Z' }));
  });

  it('returns one local (JST) day, newest first', () => {
    const day = log.list({ from: '2026-11-27', to: '2026-11-27' });
    expect(day.map((r) => r.id)).toEqual([4, 3, 2]);
    expect(log.list({ from: '2026-11-28' }).map((r) => r.id)).toEqual([5]);
    expect(log.list({ to: '2026-11-26' }).map((r) => r.id)).toEqual([1]);
  });

  it('filters by outcome and route, and limits', () => {
    expect(log.list({ outcome: 'not-insured' }).map((r) => r.id)).toEqual([2]);
    expect(log.list({ route: 'card-visual' }).map((r) => r.id)).toEqual([4]);
    expect(log.list({ route: 'card-pin', from: '2026-11-27', to: '2026-11-27' }).map((r) => r.id)).toEqual([
      3,
    ]);
    expect(log.list({ limit: 2 }).map((r) => r.id)).toEqual([5, 4]);
  });

  it('searches name, kana (either script, any width), insurer number and number by prefix', () => {
    expect(log.list({ text: '鈴木' }).map((r) => r.id)).toEqual([3]);
    expect(log.list({ text: '一郎' }).map((r) => r.id)).toEqual([3]);
    expect(log.list({ text: 'すずき' }).map((r) => r.id)).toEqual([3]);
    expect(log.list({ text: 'ｽｽﾞｷ' }).map((r) => r.id)).toEqual([3]);
    expect(log.list({ text: '鈴木一郎' }).map((r) => r.id)).toEqual([3]);
    expect(log.list({ text: '777' }).map((r) => r.id)).toEqual([3]);
    expect(log.list({ text: '061399' })).toHaveLength(5);
    expect(log.list({ text: '花子', to: '2026-11-26' }).map((r) => r.id)).toEqual([1]);
    expect(log.list({ text: '田中' })).toEqual([]);
    expect(log.list({ text: '%' })).toEqual([]);
  });

  it('uses an index for every kind of query it builds (the plan of the SQL list() runs)', () => {
    const plan = (query: ConfirmationQuery): string => listQueryPlan(log.db, query).join(' | ');
    const day = { from: '2026-11-27', to: '2026-11-27' };
    expect(plan(day)).toContain('USING INDEX confirmations_by_day');
    expect(plan({})).toContain('USING INDEX confirmations_by_day');
    expect(plan({ ...day, outcome: 'error' })).toContain('confirmations_by_outcome');
    expect(plan({ ...day, route: 'keyed' })).toContain('confirmations_by_route');
    expect(plan({ text: 'すずき' })).toMatch(/SEARCH search_terms USING (COVERING |PRIMARY KEY)/);
    expect(plan({ ...day, text: 'すずき' })).toMatch(
      /SEARCH s EXISTS USING COVERING INDEX search_terms_by_confirmation/,
    );
    expect(plan({ to: '2026-11-26', text: '花子' })).toMatch(
      /SEARCH s EXISTS USING COVERING INDEX search_terms_by_confirmation/,
    );
    for (const query of [{}, day, { text: 'すずき' }, { ...day, text: 'すずき' }]) {
      expect(plan(query)).not.toMatch(/SCAN confirmations(?! USING)/);
    }
  });

  it('rejects a malformed day', () => {
    expectLogError(() => log.list({ from: '27/11/2026' }), 'log.invalid-record');
  });
});

describe('reception numbers', () => {
  /** A record as the session hands it over: the log issues the number. */
  const unnumbered = (overrides: Parameters<typeof sampleRecord>[0] = {}) => {
    const { receptionNumber: _issuedByTheLog, ...record } = sampleRecord(overrides);
    return record;
  };
  // The clinic day of a number is the day (UTC+9) of the commit that issues it: 2026-11-27T15:00Z is
  // 2026-11-28 00:00 JST, the first instant of a new day.
  it("issues 1, 2, 3 … per clinic day in the row's own commit, whatever the outcome", () => {
    expect(log.peekReceptionNumber()).toBe(1);
    const first = log.recordNumbered(unnumbered());
    expect(first.receptionNumber).toBe(1);
    expect(log.get(first.id)?.receptionNumber).toBe(1);
    log.record(sampleRecord({ outcome: 'cancelled' }));
    expect(log.recordNumbered(unnumbered({ outcome: 'not-insured' })).receptionNumber).toBe(2);
    expect(
      log.recordNumbered(unnumbered({ outcome: 'needs-attention', route: 'keyed' })).receptionNumber,
    ).toBe(3);
    expect(log.peekReceptionNumber()).toBe(4);
  });

  it('counts the day of issue, not the day the attempt started', () => {
    clock.set('2026-11-27T14:59:58Z'); // 23:59:58 JST
    expect(log.recordNumbered(unnumbered()).receptionNumber).toBe(1);
    // Started 23:59:50, committed 00:00:05 on the 28th: the first number of the 28th.
    clock.set('2026-11-27T15:00:05Z');
    const crossing = log.recordNumbered(
      unnumbered({ startedAt: '2026-11-27T14:59:50Z', endedAt: '2026-11-27T15:00:05Z' }),
    );
    expect(crossing.receptionNumber).toBe(1);
    expect(log.recordNumbered(unnumbered({ startedAt: '2026-11-27T15:00:06Z' })).receptionNumber).toBe(2);
    expect(log.db.prepare('SELECT day, number FROM reception_numbers ORDER BY day, number').all()).toEqual([
      { day: '2026-11-27', number: 1 },
      { day: '2026-11-28', number: 1 },
      { day: '2026-11-28', number: 2 },
    ]);
  });

  it('refuses a record that brings its own number', () => {
    expectLogError(() => log.recordNumbered(sampleRecord({ receptionNumber: 7 })), 'log.invalid-record');
  });

  it('continues the day after the log is reopened', () => {
    const file = tmp.file('reopen.sqlite');
    const first = createConfirmationLog({ path: file, clock });
    first.recordNumbered(unnumbered());
    first.recordNumbered(unnumbered());
    first.close();
    const again = createConfirmationLog({ path: file, clock });
    expect(again.recordNumbered(unnumbered()).receptionNumber).toBe(3);
    again.close();
  });

  it('keeps to the configured range and says when it is used up', () => {
    const file = tmp.file('range.sqlite');
    const ranged = createConfirmationLog({ path: file, clock, receptionNumbers: { first: 501, last: 502 } });
    expect(ranged.recordNumbered(unnumbered()).receptionNumber).toBe(501);
    expect(ranged.recordNumbered(unnumbered()).receptionNumber).toBe(502);
    expectLogError(() => ranged.peekReceptionNumber(), 'log.numbers-exhausted');
    expectLogError(() => ranged.recordNumbered(unnumbered()), 'log.numbers-exhausted');
    // The refused attempt left no row and no number behind.
    expect(ranged.list({}).length).toBe(2);
    ranged.close();
    // A range moved mid-day never reissues a number already used today.
    const moved = createConfirmationLog({ path: file, clock, receptionNumbers: { first: 1, last: 999 } });
    expect(moved.recordNumbered(unnumbered()).receptionNumber).toBe(503);
    moved.close();
    expect(() =>
      createConfirmationLog({ path: file, clock, receptionNumbers: { first: 9, last: 3 } }),
    ).toThrow(RangeError);
  });

  it('the database itself refuses a second use of a number in one day', () => {
    log.recordNumbered(unnumbered());
    expect(() =>
      log.db
        .prepare("INSERT INTO reception_numbers (day, number, confirmation_id) VALUES ('2026-11-27', 1, 99)")
        .run(),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});

describe('write failures surface as LogError and leave the log consistent', () => {
  it('disk full (max_page_count reached) → log.disk-full', () => {
    log.record(sampleRecord());
    const pages = log.db.pragma('page_count', { simple: true }) as number;
    log.db.pragma(`max_page_count = ${pages}`);
    let error: LogError | undefined;
    for (let i = 0; i < 50 && !error; i += 1) {
      try {
        log.record(sampleRecord({ name: `患者 ${'長い名前'.repeat(20)}${i}` }));
      } catch (e) {
        error = e as LogError;
      }
    }
    expect(error).toBeInstanceOf(LogError);
    expect(error?.code).toBe('log.disk-full');
    log.db.pragma('max_page_count = 1073741823');
    expect(log.verify().ok).toBe(true);
    expect(log.record(sampleRecord()).id).toBe((log.verify() as { headId: number }).headId);
  });

  it('read-only database → log.unwritable', () => {
    log.close();
    const db = openLogDatabase(tmp.file());
    db.pragma('query_only = ON');
    const readOnly = confirmationLogOn(db, { clock });
    expectLogError(() => readOnly.record(sampleRecord()), 'log.unwritable');
    readOnly.close();
    log = createConfirmationLog({ path: tmp.file(), clock });
    expect(log.list({})).toHaveLength(0);
  });

  // root ignores file modes, so this variant runs only as a normal user; query_only above runs everywhere.
  it.runIf(process.getuid?.() !== 0)('read-only file (chmod 0400) → log.unwritable', () => {
    log.close();
    chmodSync(tmp.file(), 0o400);
    const error = (() => {
      try {
        log = createConfirmationLog({ path: tmp.file(), clock });
        log.record(sampleRecord());
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect((error as LogError).code).toBe('log.unwritable');
    chmodSync(tmp.file(), 0o600);
    log = createConfirmationLog({ path: tmp.file(), clock });
  });

  it('a folder that cannot hold the file → log.unwritable at open', () => {
    const notAFolder = tmp.file('plain-file');
    writeFileSync(notAFolder, 'x');
    expectLogError(
      () => createConfirmationLog({ path: `${notAFolder}/log.sqlite`, clock }),
      'log.unwritable',
    );
  });

  it('another connection holding the write lock → log.locked after the busy timeout', () => {
    log.close();
    log = createConfirmationLog({ path: tmp.file(), clock, busyTimeoutMs: 20 });
    log.record(sampleRecord());
    const other = openPlainConnection(tmp.file());
    other.exec('BEGIN IMMEDIATE');
    try {
      expectLogError(() => log.record(sampleRecord()), 'log.locked');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(log.record(sampleRecord()).id).toBe(2);
    expect(log.verify()).toMatchObject({ ok: true, rows: 2 });
  });
});

describe('text the chain cannot hold', () => {
  it('refuses a lone surrogate (it would be stored as U+FFFD and break the row hash)', () => {
    expectLogError(() => log.record(sampleRecord({ name: 'broken \uD842' })), 'log.invalid-record');
  });
});
