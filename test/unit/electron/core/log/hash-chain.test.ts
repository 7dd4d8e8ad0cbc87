// Tamper detection: a changed, deleted or inserted row (even with triggers dropped) breaks the chain at that row.
import { openPlainConnection, type LogDatabase } from '../../../../../electron/core/log/open-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../../../electron/core/log/chain-verify';
import {
  CHAIN_COLUMNS_V1,
  confirmationHash,
  type SqlValue,
} from '../../../../../electron/core/log/hash-chain';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../../electron/core/log/sqlite-confirmation-log';
import { fixedClock, sampleRecord, tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let log: ConfirmationLogFile;
let attacker: LogDatabase;

beforeEach(() => {
  tmp = tempDir();
  log = createConfirmationLog({
    path: tmp.file(),
    clock: fixedClock('2026-11-27T01:00:00Z'),
  });
  for (let i = 0; i < 10; i += 1) log.record(sampleRecord({ receptionNumber: i + 1 }));
  log.close();
  // Someone with the file and a SQLite shell: the append-only triggers are the first thing they would drop.
  attacker = openPlainConnection(tmp.file());
  attacker.exec(`
    DROP TRIGGER confirmations_no_update;
    DROP TRIGGER confirmations_delete_only_by_purge;
  `);
});
afterEach(() => {
  if (attacker.open) attacker.close();
  tmp.remove();
});

function rowValues(id: number): SqlValue[] {
  return attacker
    .prepare(`SELECT ${CHAIN_COLUMNS_V1.join(', ')} FROM confirmations WHERE id = ?`)
    .raw()
    .get(id) as SqlValue[];
}

function hashOf(id: number): Buffer {
  return attacker.prepare('SELECT hash FROM confirmations WHERE id = ?').pluck().get(id) as Buffer;
}

describe('verifyChain', () => {
  it('reports an intact chain with its head', () => {
    const result = verifyChain(attacker);
    expect(result).toMatchObject({ ok: true, rows: 10, anchorId: 0, headId: 10, purges: 0 });
  });

  it('the triggers refuse a plain UPDATE or DELETE', () => {
    const guarded = createConfirmationLog({ path: tmp.file('guarded.sqlite') });
    guarded.record(sampleRecord());
    expect(() => guarded.db.prepare("UPDATE confirmations SET name = '別人'").run()).toThrow(/append-only/);
    expect(() => guarded.db.prepare('DELETE FROM confirmations').run()).toThrow(/retention purge/);
    guarded.close();
  });

  it('finds a changed field at that row', () => {
    attacker.prepare("UPDATE confirmations SET outcome = 'not-insured' WHERE id = 4").run();
    expect(verifyChain(attacker)).toMatchObject({ ok: false, table: 'confirmations', id: 4, rows: 3 });
  });

  it('finds a changed row even when its own hash was recomputed: the next row breaks', () => {
    const values = rowValues(4);
    values[CHAIN_COLUMNS_V1.indexOf('name')] = '別人 次郎';
    const forged = confirmationHash(hashOf(3), values);
    attacker.prepare("UPDATE confirmations SET name = '別人 次郎', hash = ? WHERE id = 4").run(forged);
    expect(verifyChain(attacker)).toMatchObject({ ok: false, table: 'confirmations', id: 5 });
  });

  it('finds a deleted row in the middle', () => {
    attacker.prepare('DELETE FROM confirmations WHERE id = 6').run();
    const result = verifyChain(attacker);
    expect(result).toMatchObject({ ok: false, table: 'confirmations', id: 7 });
    expect(!result.ok && result.reason).toContain('missing');
  });

  it('finds deleted rows at the end through the chain head', () => {
    attacker.prepare('DELETE FROM confirmations WHERE id >= 9').run();
    expect(verifyChain(attacker)).toMatchObject({ ok: false, table: 'chain_head', id: 10 });
  });

  it('finds a deleted first row (no purge record accounts for it)', () => {
    attacker.prepare('DELETE FROM confirmations WHERE id = 1').run();
    expect(verifyChain(attacker)).toMatchObject({ ok: false, table: 'confirmations', id: 2 });
  });

  it('finds an inserted row, even one with a correctly computed hash', () => {
    // Appended after the last row, linked correctly to it: only the stored head shows it.
    const values = rowValues(5);
    values[0] = 11;
    const hash = confirmationHash(hashOf(10), values);
    const cols = [...CHAIN_COLUMNS_V1, 'chain_format', 'hash'];
    attacker
      .prepare(`INSERT INTO confirmations (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...values, 1, hash);
    expect(verifyChain(attacker)).toMatchObject({ ok: false, table: 'chain_head' });
  });

  it('finds a row inserted into a gap left by a deleted one', () => {
    attacker.prepare('DELETE FROM confirmations WHERE id = 6').run();
    const values = rowValues(5);
    values[0] = 6;
    values[CHAIN_COLUMNS_V1.indexOf('name')] = '偽 患者';
    const cols = [...CHAIN_COLUMNS_V1, 'chain_format', 'hash'];
    attacker
      .prepare(`INSERT INTO confirmations (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...values, 1, confirmationHash(hashOf(5), values));
    expect(verifyChain(attacker)).toMatchObject({ ok: false, table: 'confirmations', id: 7 });
  });

  it('finds a row swapped in from elsewhere with a forged hash: the following row no longer links', () => {
    const values = rowValues(2);
    values[CHAIN_COLUMNS_V1.indexOf('copay_tenths')] = 1;
    attacker
      .prepare('UPDATE confirmations SET copay_tenths = 1, hash = ? WHERE id = 2')
      .run(confirmationHash(hashOf(1), values));
    expect(verifyChain(attacker)).toMatchObject({ ok: false, id: 3 });
  });
});

describe('canonical serialisation', () => {
  it("SQLite's json_array matches JSON.stringify for stored text, and rows that differ still verify", () => {
    const tricky = [
      '引用"符"',
      'back\\slash',
      '𠮷野家 🍣',
      'ｶﾀｶﾅ　全角',
      '</script>',
      'tab\there',
      'line\nbreak',
    ];
    const log = createConfirmationLog({ path: tmp.file('tricky.sqlite') });
    for (const name of tricky) log.record(sampleRecord({ name }));
    const pairs = log.db
      .prepare(`SELECT json_array(${CHAIN_COLUMNS_V1.join(', ')}) AS j, name FROM confirmations ORDER BY id`)
      .all() as Array<{ j: string; name: string }>;
    const same = pairs.map((p) => JSON.parse(p.j)[CHAIN_COLUMNS_V1.indexOf('name')] === p.name);
    expect(same).toEqual(tricky.map(() => true));
    expect(log.verify()).toMatchObject({ ok: true, rows: tricky.length });
    log.close();
  });
});
