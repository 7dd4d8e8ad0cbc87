// Schema migrations: each one on its own, all pending in one transaction, the newer-version refusal, a snapshot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import { migrate, schemaVersion } from '../../../../../electron/core/log/migrate';
import { MIGRATIONS } from '../../../../../electron/core/log/migrations/index';
import type { Migration } from '../../../../../electron/core/log/migrations/migration';
import {
  openLogDatabase,
  openPlainConnection,
  type LogDatabase,
} from '../../../../../electron/core/log/open-database';
import { confirmationLogOn } from '../../../../../electron/core/log/sqlite-confirmation-log';
import { verifyChain } from '../../../../../electron/core/log/chain-verify';
import { sampleRecord, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const objects = (db: LogDatabase): string[] =>
  (
    db
      .prepare("SELECT type || ' ' || name AS o FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY 1")
      .all() as Array<{ o: string }>
  ).map((r) => r.o);

/** Inserts a chained row with the columns of migration 1 (what a version-1 file holds). */
function insertV1Row(db: LogDatabase, id: number, name: string): void {
  db.prepare(
    `INSERT INTO confirmations (id, chain_format, recorded_at, started_at, started_ms, day, ended_at, terminal, route,
       outcome, name, name_kana, insurer_number, number, total_ms, hash)
     VALUES (?, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1767225600000, '2026-01-01',
       '2026-01-01T00:00:01.000Z', '受付1', 'keyed', 'confirmed', ?, 'ヤマダ タロウ', '06139994', '42', 1000, zeroblob(32))`,
  ).run(id, name);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, one per file', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('0001 creates the confirmations table, its indexes and the chain head', () => {
    const db = openPlainConnection(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(db)).toBe(1);
    expect(objects(db)).toEqual([
      'index confirmations_by_day',
      'index confirmations_by_outcome',
      'index confirmations_by_route',
      'index confirmations_by_terminal',
      'table chain_head',
      'table confirmations',
    ]);
    expect(db.prepare('SELECT last_id, hex(last_hash) AS h FROM chain_head').get()).toEqual({
      last_id: 0,
      h: '0'.repeat(64),
    });
    expect(() =>
      db
        .prepare(
          "INSERT INTO confirmations (id, chain_format, recorded_at, started_at, started_ms, day, ended_at, terminal, route, outcome, total_ms, hash) VALUES (1, 1, 'a', 'a', 0, 'd', 'a', 't', 'walk-in', 'confirmed', 0, x'00')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('0002 adds search terms and backfills them for rows already there', () => {
    const db = openPlainConnection(':memory:');
    migrate(db, MIGRATIONS.slice(0, 1));
    insertV1Row(db, 1, '山田 太郎');
    insertV1Row(db, 2, '鈴木 花子');
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    const terms = db
      .prepare('SELECT term FROM search_terms WHERE confirmation_id = 2 ORDER BY term')
      .pluck()
      .all();
    expect(terms).toEqual(['06139994', '42', 'タロウ', 'ヤマダ', 'ヤマダタロウ', '花子', '鈴木', '鈴木花子']);
    db.close();
  });

  it('0003 adds purge records and makes confirmations append-only', () => {
    const db = openPlainConnection(':memory:');
    migrate(db, MIGRATIONS.slice(0, 2));
    insertV1Row(db, 1, '山田 太郎');
    migrate(db, MIGRATIONS.slice(0, 3));
    expect(schemaVersion(db)).toBe(3);
    expect(objects(db)).toEqual(
      expect.arrayContaining(['table purges', 'table purge_window', 'trigger confirmations_no_update']),
    );
    expect(() => db.prepare("UPDATE confirmations SET name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM confirmations').run()).toThrow(/retention purge/);
    db.close();
  });

  it('applies every pending migration in one transaction: a failure leaves the file at its old version', () => {
    const file = tmp.file();
    const db = openLogDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    const failing: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (d) => d.exec('CREATE TABLE half_done (x); SELECT * FROM no_such_table;'),
    };
    expect(() => migrate(db, [...MIGRATIONS, failing])).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(objects(db)).not.toContain('table search_terms');
    expect(objects(db)).not.toContain('table half_done');
    db.close();
  });

  it('a file from a newer version is refused, writable or read-only, and left untouched', () => {
    const file = tmp.file();
    openLogDatabase(file).close();
    const raw = openPlainConnection(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    for (const readonly of [false, true]) {
      try {
        openLogDatabase(file, { readonly });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(LogError);
        expect((error as LogError).code).toBe('log.newer-version');
      }
    }
    const check = openPlainConnection(file, { readonly: true });
    expect(schemaVersion(check)).toBe(MIGRATIONS.length + 1);
    check.close();
  });

  it('a file written by an older version is upgraded with its rows and chain intact', () => {
    const file = tmp.file();
    const log = confirmationLogOn(openLogDatabase(file, { migrations: MIGRATIONS.slice(0, 4) }), {});
    log.record(sampleRecord({ receptionNumber: 12 }));
    log.record(sampleRecord({ name: '佐藤 一', receptionNumber: 13 }));
    log.record(sampleRecord({ name: '鈴木 花子', outcome: 'cancelled', receptionNumber: undefined }));
    log.close();
    // What version 3 left behind: the same rows, no table of issued numbers.
    const raw = openPlainConnection(file);
    raw.exec('DROP TABLE reception_numbers');
    raw.pragma('user_version = 3');
    raw.close();
    const db = openLogDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(verifyChain(db)).toMatchObject({ ok: true, rows: 3 });
    // Numbers issued before the upgrade count as used on their row's day (sampleRecord: 2026-11-27 JST).
    expect(db.prepare('SELECT day, number FROM reception_numbers ORDER BY number').all()).toEqual([
      { day: '2026-11-27', number: 12 },
      { day: '2026-11-27', number: 13 },
    ]);
    db.close();
  });

  it('schema snapshot', () => {
    const db = openLogDatabase(tmp.file());
    const schema = db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all();
    expect({ user_version: schemaVersion(db), schema }).toMatchSnapshot();
    db.close();
  });
});
