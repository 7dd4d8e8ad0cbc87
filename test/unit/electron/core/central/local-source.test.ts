// What the replicator reads from a log file: rows in order, each with the hash it is chained to, and purge records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CentralError } from '../../../../../electron/core/central/central-error';
import { openLocalLogSource } from '../../../../../electron/core/central/local-source';
import { confirmationHash, GENESIS_HASH, purgeHash } from '../../../../../electron/core/log/hash-chain';
import { openPlainConnection } from '../../../../../electron/core/log/open-database';
import { createConfirmationLog } from '../../../../../electron/core/log/sqlite-confirmation-log';
import { manualClock } from '../../../../support/manual-clock';
import { sampleRecord } from '../log/log-fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function logWith(name: string, rows: number, retentionDays = 1825) {
  const clock = manualClock('2026-12-01T00:00:00.000Z');
  const file = path.join(dir, name);
  const log = createConfirmationLog({ path: file, clock, retentionDays });
  const add = (n: number): void => {
    for (let i = 0; i < n; i += 1) {
      log.record(sampleRecord({ startedAt: clock.now().toISOString(), endedAt: clock.now().toISOString() }));
      clock.advance(60_000);
    }
  };
  add(rows);
  return { log, clock, file, add };
}

describe('local log source', () => {
  it('gives rows in order, each chained to the one before, the first to the genesis hash', () => {
    const { log, file } = logWith('a.sqlite', 5);
    const source = openLocalLogSource(file);
    try {
      const rows = source.rowsAfter(0, 10);
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      expect(rows[0]?.prevHash.equals(GENESIS_HASH)).toBe(true);
      let previous = GENESIS_HASH;
      for (const row of rows) {
        // The row hash recomputed by the log's own (unkeyed) function from the values shipped.
        expect(row.prevHash.equals(previous)).toBe(true);
        expect(confirmationHash(previous, row.values).equals(row.hash)).toBe(true);
        previous = row.hash;
      }
      expect(source.headId()).toBe(5);
      expect(source.oldestUnshippedAt(3)).toBe(rows[3]?.recordedAt);
      expect(source.oldestUnshippedAt(5)).toBeUndefined();
    } finally {
      source.close();
      log.close();
    }
  });

  it('starts a later batch from the hash of the row before it, and honours the limit', () => {
    const { log, file } = logWith('b.sqlite', 6);
    const source = openLocalLogSource(file);
    try {
      const all = source.rowsAfter(0, 10);
      const later = source.rowsAfter(2, 3);
      expect(later.map((r) => r.id)).toEqual([3, 4, 5]);
      expect(later[0]?.prevHash.equals(all[1]?.hash ?? Buffer.alloc(0))).toBe(true);
    } finally {
      source.close();
      log.close();
    }
  });

  it('after a purge, chains the first remaining row to the purge anchor, and gives the purge records', () => {
    const { log, clock, file, add } = logWith('c.sqlite', 4, 1);
    clock.advance(3 * 86_400_000);
    const report = log.purgeExpired();
    expect(report.removed).toBe(4);
    add(2);
    const source = openLocalLogSource(file);
    try {
      const rows = source.rowsAfter(0, 10);
      expect(rows.map((r) => r.id)).toEqual([5, 6]);
      const purges = source.purgesAfter(0);
      expect(purges).toHaveLength(1);
      const purge = purges[0];
      if (!purge) throw new Error('no purge');
      expect(purge.values.slice(0, 7)).toEqual([1, expect.any(String), expect.any(String), 4, 1, 4, 4]);
      expect(rows[0]?.prevHash.equals(purge.anchorHash)).toBe(true);
      expect(purge.prevHash.equals(GENESIS_HASH)).toBe(true);
      expect(purgeHash(GENESIS_HASH, purge.values, purge.anchorHash).equals(purge.hash)).toBe(true);
      expect(source.purgesAfter(1)).toEqual([]);
    } finally {
      source.close();
      log.close();
    }
  });

  it('chains a mark inside a purged range to the anchor', () => {
    const { log, clock, file, add } = logWith('d.sqlite', 3, 1);
    clock.advance(3 * 86_400_000);
    log.purgeExpired();
    add(2);
    const source = openLocalLogSource(file);
    try {
      const rows = source.rowsAfter(1, 10);
      expect(rows.map((r) => r.id)).toEqual([4, 5]);
      expect(rows[0]?.prevHash.equals(source.purgesAfter(0)[0]?.anchorHash ?? Buffer.alloc(0))).toBe(true);
    } finally {
      source.close();
      log.close();
    }
  });

  it('reports a hole it cannot chain across (a row deleted behind the log) as a local gap', () => {
    const { log, file } = logWith('e.sqlite', 4);
    log.close();
    const damage = openPlainConnection(file);
    damage.exec('DROP TRIGGER confirmations_delete_only_by_purge; DELETE FROM confirmations WHERE id = 2;');
    damage.close();
    const source = openLocalLogSource(file);
    const codeOf = (fn: () => unknown): string => {
      try {
        fn();
        return 'none';
      } catch (error) {
        return error instanceof CentralError ? error.code : 'other';
      }
    };
    try {
      expect(codeOf(() => source.rowsAfter(0, 10))).toBe('central.local-gap');
      expect(codeOf(() => source.rowsAfter(2, 10))).toBe('central.local-gap');
      expect(source.rowsAfter(3, 10).map((r) => r.id)).toEqual([4]);
    } finally {
      source.close();
    }
  });
});
