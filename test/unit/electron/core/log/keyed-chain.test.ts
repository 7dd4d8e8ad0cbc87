// The keyed chain: forged purges, recomputed chains, early purges and wrong keys are found; real purges and old logs verify.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import { verifyChain } from '../../../../../electron/core/log/chain-verify';
import {
  CHAIN_COLUMNS_V1,
  confirmationHash,
  GENESIS_HASH,
  keyedConfirmationHash,
  purgeHash,
  type SqlValue,
} from '../../../../../electron/core/log/hash-chain';
import { MIGRATIONS } from '../../../../../electron/core/log/migrations/index';
import {
  openLogDatabase,
  openPlainConnection,
  type LogDatabase,
} from '../../../../../electron/core/log/open-database';
import {
  confirmationLogOn,
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

const key = Buffer.alloc(32, 7);
const clock = fixedClock('2026-11-27T03:00:00Z');
let tmp: TempDir;
let log: ConfirmationLogFile | undefined;
let attacker: LogDatabase | undefined;

beforeEach(() => {
  tmp = tempDir();
  clock.set('2026-11-27T03:00:00Z');
});
afterEach(() => {
  log?.close();
  log = undefined;
  if (attacker?.open) attacker.close();
  attacker = undefined;
  tmp.remove();
});

/** A keyed log of one row a day at 10:00 JST, 2026-11-01 … 2026-11-27 (ids 1–27), closed. */
function keyedLog(retentionDays = 7): string {
  const file = tmp.file();
  const writer = createConfirmationLog({ path: file, clock, retentionDays, chainKey: key });
  for (let day = 1; day <= 27; day += 1) {
    const d = String(day).padStart(2, '0');
    writer.record(sampleRecord({ startedAt: `2026-11-${d}T01:00:00Z`, name: `患者 ${d}` }));
  }
  writer.close();
  return file;
}

/** Someone with the file and a SQLite shell (better-sqlite3 on the same file), triggers dropped. */
function openAsAttacker(file: string): LogDatabase {
  attacker = openPlainConnection(file);
  attacker.exec(`
    DROP TRIGGER confirmations_no_update;
    DROP TRIGGER confirmations_delete_only_by_purge;
    DROP TRIGGER purge_window_names_its_purge;
  `);
  return attacker;
}

function values(db: LogDatabase, id: number): SqlValue[] {
  return db
    .prepare(`SELECT ${CHAIN_COLUMNS_V1.join(', ')} FROM confirmations WHERE id = ?`)
    .raw()
    .get(id) as SqlValue[];
}

/** Rewrites every row's hash from `fromId` on with `hashOf`, and the head, as a careful forger would. */
function rechain(
  db: LogDatabase,
  fromId: number,
  format: number,
  hashOf: (previous: Buffer, row: SqlValue[]) => Buffer,
): void {
  let previous = db
    .prepare('SELECT hash FROM confirmations WHERE id = ?')
    .pluck()
    .get(fromId - 1) as Buffer | undefined;
  previous ??= GENESIS_HASH;
  const ids = db
    .prepare('SELECT id FROM confirmations WHERE id >= ? ORDER BY id')
    .pluck()
    .all(fromId) as number[];
  for (const id of ids) {
    previous = hashOf(previous, values(db, id));
    db.prepare('UPDATE confirmations SET hash = ?, chain_format = ? WHERE id = ?').run(previous, format, id);
  }
  db.prepare('UPDATE chain_head SET last_id = ?, last_hash = ?').run(ids.at(-1), previous);
}

describe('keyed chain', () => {
  it('a keyed log verifies with its key only', () => {
    const file = keyedLog();
    const db = openPlainConnection(file, { readonly: true });
    expect(verifyChain(db, { key })).toMatchObject({
      ok: true,
      rows: 27,
      headId: 27,
      keyedFromId: 1,
      unkeyedRows: 0,
    });
    expect(verifyChain(db, { key: randomBytes(32) })).toMatchObject({ ok: false, problem: 'wrong-key' });
    expect(verifyChain(db)).toMatchObject({ ok: false, problem: 'key-needed' });
    db.close();
  });

  it('refuses to open a keyed log with another key, or with none', () => {
    const file = keyedLog();
    const codeOf = (open: () => unknown): string | undefined => {
      try {
        open();
      } catch (error) {
        return error instanceof LogError ? error.code : String(error);
      }
      return undefined;
    };
    expect(codeOf(() => createConfirmationLog({ path: file, clock, chainKey: randomBytes(32) }))).toBe(
      'log.key-mismatch',
    );
    expect(codeOf(() => createConfirmationLog({ path: file, clock }))).toBe('log.key-required');
  });

  it('an edited row with the chain recomputed without the key is found', () => {
    const db = openAsAttacker(keyedLog());
    db.prepare("UPDATE confirmations SET name = '別人 太郎' WHERE id = 5").run();
    rechain(db, 5, 1, (previous, row) => confirmationHash(previous, row));
    expect(verifyChain(db, { key })).toMatchObject({ ok: false, table: 'confirmations', id: 5 });
  });

  it('an edited row re-MACed with a guessed key is found at that row', () => {
    const db = openAsAttacker(keyedLog());
    db.prepare('UPDATE confirmations SET copay_tenths = 1 WHERE id = 9').run();
    const guess = randomBytes(32);
    rechain(db, 9, 2, (previous, row) => keyedConfirmationHash(guess, previous, row));
    expect(verifyChain(db, { key })).toMatchObject({
      ok: false,
      table: 'confirmations',
      id: 9,
      reason: expect.stringMatching(/MAC mismatch/),
    });
  });

  it('a whole log rewritten unkeyed, its key start removed, fails with the key', () => {
    const db = openAsAttacker(keyedLog());
    db.exec('DROP TRIGGER chain_key_no_delete; DELETE FROM chain_key;');
    db.prepare("UPDATE confirmations SET name = '別人 太郎' WHERE id = 1").run();
    rechain(db, 1, 1, (previous, row) => confirmationHash(previous, row));
    expect(verifyChain(db)).toMatchObject({ ok: true });
    expect(verifyChain(db, { key })).toMatchObject({ ok: false, table: 'chain_key' });
  });
});

describe('purges under the key', () => {
  it('a legitimate purge verifies, against the retention in force', () => {
    log = createConfirmationLog({ path: keyedLog(7), clock, retentionDays: 7, chainKey: key });
    expect(log.purgeExpired()).toMatchObject({ removed: 19, cutoffDay: '2026-11-20', anchorId: 19 });
    log.record(sampleRecord({ startedAt: '2026-11-27T02:00:00Z' }));
    expect(log.verify()).toMatchObject({ ok: true, rows: 9, purges: 1, anchorId: 19, headId: 28 });
    expect(verifyChain(log.db, { key, retentionDays: 7 })).toMatchObject({ ok: true, purges: 1 });
  });

  it('a purge younger than the retention in force is reported', () => {
    log = createConfirmationLog({ path: keyedLog(7), clock, retentionDays: 7, chainKey: key });
    log.purgeExpired();
    // Purged 2026-11-27 (JST) with cutoff 2026-11-20; 30 days allow a cutoff no later than 2026-10-28.
    expect(verifyChain(log.db, { key, retentionDays: 30 })).toMatchObject({
      ok: false,
      table: 'purges',
      id: 1,
      problem: 'retention',
      reason: expect.stringContaining('2026-10-28'),
    });
    // 7 days, the retention it ran under, allows exactly that cutoff.
    expect(verifyChain(log.db, { key, retentionDays: 7 })).toMatchObject({ ok: true });
  });

  it('a purge window opened from plain SQL without its purge record is refused', () => {
    const db = openPlainConnection(keyedLog());
    expect(() => db.prepare('INSERT INTO purge_window (purge_id, upto_id) VALUES (1, 5)').run()).toThrow(
      /purge window/,
    );
    expect(() => db.prepare('DELETE FROM confirmations WHERE id <= 5').run()).toThrow(/retention purge/);
    db.close();
  });

  it('a purge record forged from SQL, with its window and deletion, is found as tampering', () => {
    const file = keyedLog();
    const db = openPlainConnection(file);
    // The old attack: a purge record hashed the unkeyed way, then a window naming it, then the deletion.
    const anchor = db.prepare('SELECT hash FROM confirmations WHERE id = 4').pluck().get() as Buffer;
    const forged: SqlValue[] = [1, '2026-11-27T03:00:00.000Z', '2026-11-05', 4, 1, 4, 4];
    db.prepare(
      `INSERT INTO purges (id, purged_at, cutoff_day, removed_count, first_removed_id, last_removed_id, anchor_id,
        anchor_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...forged, anchor, purgeHash(GENESIS_HASH, forged, anchor));
    db.prepare('INSERT INTO purge_window (purge_id, upto_id) VALUES (1, 4)').run();
    db.prepare('DELETE FROM confirmations WHERE id <= 4').run();
    db.prepare('DELETE FROM purge_window').run();
    db.close();
    const check = openPlainConnection(file, { readonly: true });
    expect(verifyChain(check, { key })).toMatchObject({
      ok: false,
      table: 'purges',
      id: 1,
      problem: 'broken',
    });
    check.close();
  });

  it('a forged keyed-looking purge record fails its MAC; a window left open is reported', () => {
    const db = openAsAttacker(keyedLog());
    const anchor = db.prepare('SELECT hash FROM confirmations WHERE id = 4').pluck().get() as Buffer;
    db.prepare(
      `INSERT INTO purges (id, purged_at, cutoff_day, removed_count, first_removed_id, last_removed_id, anchor_id,
        anchor_hash, hash, chain_format) VALUES (1, '2026-11-27T03:00:00.000Z', '2026-11-05', 4, 1, 4, 4, ?, ?, 2)`,
    ).run(anchor, randomBytes(32));
    db.prepare('DELETE FROM confirmations WHERE id <= 4').run();
    expect(verifyChain(db, { key })).toMatchObject({
      ok: false,
      table: 'purges',
      id: 1,
      reason: expect.stringMatching(/MAC mismatch/),
    });
    db.prepare('INSERT INTO purge_window (purge_id, upto_id) VALUES (1, 27)').run();
    expect(verifyChain(db, { key })).toMatchObject({ ok: false, table: 'purge_window' });
  });
});

describe('an unkeyed log from an older version', () => {
  /** Version 4 (before keyed chaining): three unkeyed rows and an unkeyed purge record. */
  function oldLog(): string {
    const file = tmp.file();
    const old = confirmationLogOn(openLogDatabase(file, { migrations: MIGRATIONS.slice(0, 4) }), { clock });
    for (const d of ['01', '02', '03', '26']) {
      old.record(sampleRecord({ startedAt: `2026-11-${d}T01:00:00Z`, name: `患者 ${d}` }));
    }
    const purge = old.db.transaction(() => {
      const anchor = old.db.prepare('SELECT hash FROM confirmations WHERE id = 1').pluck().get() as Buffer;
      const row: SqlValue[] = [1, '2026-11-27T03:00:00.000Z', '2026-11-02', 1, 1, 1, 1];
      old.db
        .prepare(
          `INSERT INTO purges (id, purged_at, cutoff_day, removed_count, first_removed_id, last_removed_id,
            anchor_id, anchor_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...row, anchor, purgeHash(GENESIS_HASH, row, anchor));
      old.db.prepare('INSERT INTO purge_window (upto_id) VALUES (1)').run();
      old.db.prepare('DELETE FROM confirmations WHERE id <= 1').run();
      old.db.prepare('DELETE FROM purge_window').run();
    });
    purge.immediate();
    old.close();
    return file;
  }

  it('migrates, keys from the next row, and reports the unkeyed prefix as such', () => {
    const file = oldLog();
    log = createConfirmationLog({ path: file, clock, retentionDays: 1, chainKey: key });
    expect(log.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    log.record(sampleRecord({ startedAt: '2026-11-27T01:00:00Z' }));
    log.record(sampleRecord({ startedAt: '2026-11-27T02:00:00Z' }));
    expect(verifyChain(log.db, { key })).toMatchObject({
      ok: true,
      rows: 5,
      purges: 1,
      anchorId: 1,
      headId: 6,
      keyedFromId: 5,
      unkeyedRows: 3,
    });
    // A keyed purge after the old unkeyed one: 1 day before 2026-11-27 cuts at 2026-11-26, so ids 2–3
    // (days 02 and 03) go and id 4 (day 26) stays, the last unkeyed row.
    expect(log.purgeExpired()).toMatchObject({ purgeId: 2, removed: 2, anchorId: 3 });
    expect(verifyChain(log.db, { key, retentionDays: 1 })).toMatchObject({
      ok: true,
      rows: 3,
      purges: 2,
      unkeyedRows: 1,
    });
  });

  it('a rewritten unkeyed prefix no longer meets the key start', () => {
    const file = oldLog();
    createConfirmationLog({ path: file, clock, chainKey: key }).close();
    const db = openAsAttacker(file);
    db.prepare("UPDATE confirmations SET name = '別人 太郎' WHERE id = 3").run();
    rechain(db, 3, 1, (previous, row) => confirmationHash(previous, row));
    expect(verifyChain(db, { key })).toMatchObject({
      ok: false,
      table: 'chain_head',
      reason: expect.stringMatching(/before the key start/),
    });
  });
});
