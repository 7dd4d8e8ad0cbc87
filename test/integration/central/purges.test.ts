// Local retention purges reach the central record: rows purged before shipping leave a gap only a purge record explains.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCentral } from '../../../electron/core/central/central-verify';
import { openLocalLogSource } from '../../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../../electron/core/central/replication-state';
import { createReplicator } from '../../../electron/core/central/replicator';
import { connectCentral } from '../../../electron/core/central/start-central';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addTerminal,
  centralConfigFor,
  centralCounts,
  createClinicDatabase,
  DATABASE,
  localLog,
  until,
  type LocalLog,
  type RoleLogin,
} from './central-fixtures';

const available = hasPostgres();
const DAY = 86_400_000;

describe.skipIf(!available)('purge records in the central record', () => {
  let cluster: PostgresCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await createClinicDatabase(cluster);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-purge-'));
  });

  afterAll(() => {
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Ships until the central head reaches `headId`, then stops. */
  async function shipUntil(local: LocalLog, login: RoleLogin, id: string, headId: number): Promise<void> {
    const source = openLocalLogSource(local.path);
    const controller = new AbortController();
    const done = createReplicator({
      source,
      state: fileReplicationState(replicationStatePath(local.path)),
      connect: (signal) => connectCentral(centralConfigFor(login, cluster.port, 7), {}, signal),
      nowMs: () => local.clock.nowMs(),
      pollMs: 50,
      backoff: { initialMs: 50, maxMs: 400 },
    }).run(controller.signal);
    try {
      await until(`central head ${headId}`, async () => (await centralCounts(cluster, id)).maxId === headId);
    } finally {
      controller.abort();
      await done;
      source.close();
    }
  }

  async function verification(id: string): Promise<unknown> {
    const client = await cluster.superClient(DATABASE);
    try {
      return (await verifyCentral(client)).find((r) => r.terminalId === id);
    } finally {
      await client.end();
    }
  }

  it('rows shipped, then purged locally: all stay centrally, and the purge record follows', async () => {
    const id = 'p1';
    const login = await addTerminal(cluster, dir, id);
    const local = localLog(path.join(dir, `${id}.sqlite`), { retentionDays: 1 });
    try {
      local.checkIns(10);
      await shipUntil(local, login, id, 10);
      local.clock.advance(3 * DAY);
      expect(local.log.purgeExpired().removed).toBe(10);
      local.checkIns(5);
      await shipUntil(local, login, id, 15);
      expect(await centralCounts(cluster, id)).toEqual({ rows: 15, distinct: 15, maxId: 15 });
      expect(await verification(id)).toMatchObject({
        ok: true,
        rows: 15,
        purges: 1,
        purgedBeforeShipping: 0,
      });
    } finally {
      local.log.close();
    }
  });

  it('rows purged before they were ever shipped: the gap is accounted for by the purge record', async () => {
    const id = 'p2';
    const login = await addTerminal(cluster, dir, id);
    const local = localLog(path.join(dir, `${id}.sqlite`), { retentionDays: 1 });
    try {
      local.checkIns(8);
      local.clock.advance(3 * DAY);
      expect(local.log.purgeExpired().removed).toBe(8);
      local.checkIns(4);
      await shipUntil(local, login, id, 12);
      expect(await centralCounts(cluster, id)).toEqual({ rows: 4, distinct: 4, maxId: 12 });
      expect(await verification(id)).toMatchObject({ ok: true, rows: 4, purges: 1, purgedBeforeShipping: 8 });
    } finally {
      local.log.close();
    }
  });

  it('a gap no purge record explains fails the central check', async () => {
    const id = 'p2';
    const owner = await cluster.superClient(DATABASE);
    try {
      // Someone with the owner's rights removes the purge record behind the triggers' back.
      await owner.query('ALTER TABLE kiosk_central.purges DISABLE TRIGGER purges_append_only');
      await owner.query('DELETE FROM kiosk_central.purges WHERE terminal_id = $1', [id]);
      await owner.query('ALTER TABLE kiosk_central.purges ENABLE TRIGGER purges_append_only');
    } finally {
      await owner.end();
    }
    expect(await verification(id)).toMatchObject({ ok: false, table: 'confirmations', localId: 9 });
  });
});
