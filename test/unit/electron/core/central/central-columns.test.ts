// The central row's columns follow the log's own table: every chained column, in hash order, with its SQLite type.
import { describe, expect, it } from 'vitest';
import { asLogValue, CENTRAL_COLUMNS } from '../../../../../electron/core/central/central-columns';
import { CHAIN_COLUMNS_V1 } from '../../../../../electron/core/log/hash-chain';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';

describe('central columns', () => {
  it('are the chained columns in hash order, the local id renamed', () => {
    expect(CENTRAL_COLUMNS.map((c) => c.log)).toEqual([...CHAIN_COLUMNS_V1]);
    expect(CENTRAL_COLUMNS[0]).toMatchObject({
      log: 'id',
      central: 'local_id',
      kind: 'bigint',
      required: true,
    });
  });

  it('match the type and NOT NULL of each column in the log file itself', () => {
    const db = openLogDatabase(':memory:');
    try {
      const info = db
        .prepare('SELECT name, type, "notnull" AS required FROM pragma_table_info(\'confirmations\')')
        .all() as Array<{
        name: string;
        type: string;
        required: number;
      }>;
      const byName = new Map(info.map((c) => [c.name, c]));
      for (const column of CENTRAL_COLUMNS) {
        const local = byName.get(column.log);
        expect(local, column.log).toBeDefined();
        expect(column.kind === 'text' ? 'TEXT' : 'INTEGER', column.log).toBe(local?.type);
        // The primary key is NOT NULL without saying so.
        expect(column.required, column.log).toBe(column.log === 'id' || local?.required === 1);
      }
    } finally {
      db.close();
    }
  });

  it('turns values read from PostgreSQL back into the values the log hashed', () => {
    const id = CENTRAL_COLUMNS[0];
    const name = CENTRAL_COLUMNS.find((c) => c.log === 'name');
    if (!id || !name) throw new Error('columns missing');
    expect(asLogValue(id, '1796083200000')).toBe(1_796_083_200_000);
    expect(asLogValue(name, '山田 太郎')).toBe('山田 太郎');
    expect(asLogValue(name, null)).toBeNull();
    expect(() => asLogValue(id, '9007199254740993')).toThrow(RangeError);
  });
});
