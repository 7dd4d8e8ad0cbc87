// Least privilege in the central schema: a terminal only adds its own rows; the console only reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../electron/core/log/hash-chain';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addConsole,
  addTerminal,
  clientAs,
  createClinicDatabase,
  DATABASE,
  type RoleLogin,
} from './central-fixtures';

const available = hasPostgres();

/** A minimal chained row for `localId` (hash values are arbitrary: the server checks links, not contents). */
function rowSql(
  terminalId: string | undefined,
  localId: number,
  prev: Buffer,
  hash: Buffer,
): { text: string; values: unknown[] } {
  const columns = [
    ...(terminalId ? ['terminal_id'] : []),
    'local_id',
    'chain_format',
    'recorded_at',
    'started_at',
    'started_ms',
    'day',
    'ended_at',
    'terminal',
    'route',
    'outcome',
    'total_ms',
    'prev_hash',
    'hash',
  ];
  const values = [
    ...(terminalId ? [terminalId] : []),
    localId,
    1,
    '2026-12-01T00:00:00.000Z',
    '2026-12-01T00:00:00.000Z',
    1_796_083_200_000,
    '2026-12-01',
    '2026-12-01T00:00:30.000Z',
    '受付1',
    'keyed',
    'confirmed',
    30_000,
    prev,
    hash,
  ];
  return {
    text: `INSERT INTO kiosk_central.confirmations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  };
}

const hashOf = (n: number): Buffer => Buffer.alloc(32, n);

describe.skipIf(!available)('central roles and row-level security', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let a: RoleLogin;
  let b: RoleLogin;
  let viewer: RoleLogin;
  let asA: pg.Client;
  let asB: pg.Client;
  let asViewer: pg.Client;

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await createClinicDatabase(cluster);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-rls-'));
    a = await addTerminal(cluster, dir, 'a');
    b = await addTerminal(cluster, dir, 'b');
    viewer = await addConsole(cluster, dir);
    asA = await clientAs(cluster, a);
    asB = await clientAs(cluster, b);
    asViewer = await clientAs(cluster, viewer);
    const first = rowSql(undefined, 1, GENESIS_HASH, hashOf(1));
    await asA.query(first.text, first.values);
  });

  afterAll(async () => {
    await Promise.all([asA, asB, asViewer].map((c) => c?.end()));
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a terminal adds its own rows; its terminal id comes from its login', async () => {
    const row = rowSql(undefined, 2, hashOf(1), hashOf(2));
    expect((await asA.query(row.text, row.values)).rowCount).toBe(1);
    const own = rowSql('a', 3, hashOf(2), hashOf(3));
    expect((await asA.query(own.text, own.values)).rowCount).toBe(1);
  });

  it("a terminal cannot add another terminal's rows", async () => {
    const forged = rowSql('a', 1, GENESIS_HASH, hashOf(9));
    await expect(asB.query(forged.text, forged.values)).rejects.toMatchObject({ code: '42501' });
    const next = rowSql('a', 4, hashOf(3), hashOf(4));
    await expect(asB.query(next.text, next.values)).rejects.toMatchObject({ code: '42501' });
  });

  it('a terminal cannot read, change or delete rows, not even its own', async () => {
    for (const sql of [
      'SELECT * FROM kiosk_central.confirmations',
      'SELECT * FROM kiosk_central.terminals',
      'SELECT * FROM kiosk_central.heartbeats',
      'SELECT * FROM kiosk_central.chain_heads',
      "UPDATE kiosk_central.confirmations SET terminal = 'x' WHERE local_id = 1",
      'DELETE FROM kiosk_central.confirmations',
      'DELETE FROM kiosk_central.heartbeats',
      "INSERT INTO kiosk_central.terminals (terminal_id, role_name) VALUES ('c', 'kiosk_a')",
      'TRUNCATE kiosk_central.confirmations',
    ]) {
      await expect(asA.query(sql), sql).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('a terminal reads back only where its own chain ends', async () => {
    const head = await asA.query<{ last_id: string; last_hash: Buffer }>(
      'SELECT * FROM kiosk_central.my_head()',
    );
    expect(head.rows[0]?.last_id).toBe('3');
    expect(head.rows[0]?.last_hash.equals(hashOf(3))).toBe(true);
    const other = await asB.query('SELECT * FROM kiosk_central.my_head()');
    expect(other.rows).toEqual([]);
  });

  it("a terminal's heartbeat goes in under its own id only", async () => {
    const beat = `INSERT INTO kiosk_central.heartbeats
      (sent_at, reader, gateway, log, local_head_id, shipped_id, lag_rows, lag_seconds, replication)
      VALUES (now(), 'up', 'up', 'up', 3, 3, 0, 0, 'ok')`;
    expect((await asA.query(beat)).rowCount).toBe(1);
    const forged = `INSERT INTO kiosk_central.heartbeats
      (terminal_id, sent_at, reader, gateway, log, local_head_id, shipped_id, lag_rows, lag_seconds, replication)
      VALUES ('a', now(), 'down', 'down', 'down', 0, 0, 0, 0, 'ok')`;
    await expect(asB.query(forged)).rejects.toMatchObject({ code: '42501' });
  });

  it('the console reads everything and writes nothing', async () => {
    const rows = await asViewer.query<{ terminal_id: string; local_id: string }>(
      'SELECT terminal_id, local_id FROM kiosk_central.confirmations ORDER BY local_id',
    );
    expect(rows.rows).toEqual([
      { terminal_id: 'a', local_id: '1' },
      { terminal_id: 'a', local_id: '2' },
      { terminal_id: 'a', local_id: '3' },
    ]);
    expect((await asViewer.query('SELECT * FROM kiosk_central.heartbeats')).rowCount).toBe(1);
    const insert = rowSql('a', 4, hashOf(3), hashOf(4));
    for (const [sql, values] of [
      [insert.text, insert.values],
      ["UPDATE kiosk_central.confirmations SET terminal = 'x'", []],
      ['DELETE FROM kiosk_central.confirmations', []],
      ["INSERT INTO kiosk_central.terminals (terminal_id, role_name) VALUES ('v', 'kiosk_view')", []],
    ] as const) {
      await expect(asViewer.query(sql, [...values]), sql).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('not even the owner can change or remove a received row', async () => {
    const owner = await cluster.superClient(DATABASE);
    try {
      await expect(
        owner.query("UPDATE kiosk_central.confirmations SET terminal = 'x' WHERE terminal_id = 'a'"),
      ).rejects.toMatchObject({ code: 'KC003' });
      await expect(
        owner.query("DELETE FROM kiosk_central.confirmations WHERE terminal_id = 'a'"),
      ).rejects.toMatchObject({
        code: 'KC003',
      });
    } finally {
      await owner.end();
    }
  });

  it('a retired terminal can add nothing more', async () => {
    const c = await addTerminal(cluster, dir, 'c');
    const asC = await clientAs(cluster, c);
    try {
      const first = rowSql(undefined, 1, GENESIS_HASH, hashOf(1));
      expect((await asC.query(first.text, first.values)).rowCount).toBe(1);
      await cluster.sql(
        "UPDATE kiosk_central.terminals SET retired_at = now() WHERE terminal_id = 'c'",
        DATABASE,
      );
      const next = rowSql(undefined, 2, hashOf(1), hashOf(2));
      await expect(asC.query(next.text, next.values)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await asC.end();
    }
  });
});
