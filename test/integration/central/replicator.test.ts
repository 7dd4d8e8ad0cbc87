// The replicator against a real PostgreSQL: outages, restarts, cut and stalled links, duplicates, refused rows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CentralConfig } from '../../../electron/core/central/central-config';
import { verifyCentral } from '../../../electron/core/central/central-verify';
import { openLocalLogSource } from '../../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../../electron/core/central/replication-state';
import { createReplicator, type ReplicationStatus } from '../../../electron/core/central/replicator';
import { connectCentral } from '../../../electron/core/central/start-central';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
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

interface Running {
  controller: AbortController;
  done: Promise<void>;
  statuses: ReplicationStatus[];
  status(): ReplicationStatus;
  stop(): Promise<void>;
}

describe.skipIf(!available)('replicator against PostgreSQL', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let terminalSeq = 0;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await createClinicDatabase(cluster);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-'));
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(() => {
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A new terminal: its role and its local log file. */
  async function terminal(
    options: { chainKey?: Buffer } = {},
  ): Promise<{ id: string; login: RoleLogin; local: LocalLog }> {
    terminalSeq += 1;
    const id = `t${terminalSeq}`;
    const login = await addTerminal(cluster, dir, id);
    const local = localLog(path.join(dir, `${id}.sqlite`), options);
    cleanups.push(() => local.log.close());
    return { id, login, local };
  }

  /** Runs a replicator for `local` against `central`, with short waits so outages resolve within a test. */
  function replicate(
    local: LocalLog,
    central: CentralConfig,
    queryTimeoutMs = 30_000,
    connectTimeoutMs = 2_000,
    /** Called after each committed batch's mark is saved, before the next batch is read. */
    onMark?: (shippedId: number) => void,
  ): Running {
    const source = openLocalLogSource(local.path);
    const statuses: ReplicationStatus[] = [];
    const marks = fileReplicationState(replicationStatePath(local.path));
    const replicator = createReplicator({
      source,
      state: {
        read: () => marks.read(),
        write(next) {
          marks.write(next);
          onMark?.(next.shippedId);
        },
      },
      connect: (signal) => connectCentral(central, { queryTimeoutMs, connectTimeoutMs }, signal),
      nowMs: () => local.clock.nowMs(),
      batchSize: central.batchSize,
      heartbeatMs: 0,
      pollMs: 50,
      backoff: { initialMs: 50, maxMs: 400 },
      onStatus: (status) => statuses.push(status),
    });
    const controller = new AbortController();
    const done = replicator.run(controller.signal);
    const running: Running = {
      controller,
      done,
      statuses,
      status: () => replicator.status(),
      async stop() {
        controller.abort();
        await done;
        source.close();
      },
    };
    cleanups.push(() => running.stop());
    return running;
  }

  async function expectAllVerified(): Promise<void> {
    const client = await cluster.superClient(DATABASE);
    try {
      const results = await verifyCentral(client);
      for (const result of results) expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    } finally {
      await client.end();
    }
  }

  it('ships every row once, in order, and the chain verifies centrally', async () => {
    const { id, login, local } = await terminal();
    local.checkIns(25);
    const running = replicate(local, centralConfigFor(login, cluster.port, 10));
    await until('25 rows centrally', async () => (await centralCounts(cluster, id)).rows === 25);
    local.checkIns(5);
    await until('30 rows centrally', async () => (await centralCounts(cluster, id)).rows === 30);
    expect(await centralCounts(cluster, id)).toEqual({ rows: 30, distinct: 30, maxId: 30 });
    expect(running.status()).toMatchObject({ state: 'ok', shippedId: 30 });
    await expectAllVerified();
  });

  it('drains a whole morning of check-ins after the server was away, and sends heartbeats again', async () => {
    const { id, login, local } = await terminal();
    cluster.stop('fast');
    let restarted = false;
    cleanups.push(() => {
      if (!restarted) cluster.start();
    });
    const running = replicate(local, centralConfigFor(login, cluster.port, 100));
    // 08:30–12:30 JST at one patient a minute, while nobody answers at the server.
    local.checkIns(240);
    await until(
      'the replicator to see the server away',
      () => running.status().state === 'central.unreachable',
    );
    cluster.start();
    restarted = true;
    await until('the backlog to drain', async () => (await centralCounts(cluster, id)).rows === 240, 45_000);
    expect(await centralCounts(cluster, id)).toEqual({ rows: 240, distinct: 240, maxId: 240 });
    await until('state ok', () => running.status().state === 'ok');
    const client = await cluster.superClient(DATABASE);
    try {
      const beats = await client.query<{ lag_rows: string; replication: string }>(
        'SELECT lag_rows, replication FROM kiosk_central.heartbeats WHERE terminal_id = $1 ORDER BY id DESC LIMIT 1',
        [id],
      );
      expect(beats.rows[0]).toEqual({ lag_rows: '0', replication: 'ok' });
    } finally {
      await client.end();
    }
    await expectAllVerified();
  });

  it('recovers from a server crash in the middle of an upload', async () => {
    const { id, login, local } = await terminal();
    local.checkIns(1500);
    let crashed = false;
    // The server dies the moment the batch ending at row 200 is committed: the next batch is on its way.
    const running = replicate(
      local,
      centralConfigFor(login, cluster.port, 20),
      30_000,
      2_000,
      (shippedId) => {
        if (shippedId >= 200 && !crashed) {
          crashed = true;
          cluster.stop('immediate');
        }
      },
    );
    await until('the crash', () => crashed && running.status().state === 'central.unreachable', 30_000);
    expect(running.status().shippedId).toBe(200);
    cluster.start();
    await until('every row centrally', async () => (await centralCounts(cluster, id)).rows === 1500, 60_000);
    expect(await centralCounts(cluster, id)).toEqual({ rows: 1500, distinct: 1500, maxId: 1500 });
    expect(running.statuses.some((s) => s.state === 'central.unreachable')).toBe(true);
    await expectAllVerified();
  });

  describe('through a proxy', () => {
    let proxy: TcpProxy;
    beforeAll(async () => {
      proxy = await startTcpProxy({ host: '127.0.0.1', port: cluster.port });
    });
    afterAll(async () => {
      await proxy?.close();
    });

    it('carries on after the link is cut mid-upload', async () => {
      const { id, login, local } = await terminal();
      local.checkIns(2000);
      let cut = false;
      // The link is cut right after the batch ending at row 400 commits, with 1,600 rows still to go.
      const running = replicate(
        local,
        centralConfigFor(login, proxy.port, 40),
        30_000,
        2_000,
        (shippedId) => {
          if (shippedId >= 400 && !cut) {
            cut = true;
            proxy.cut();
          }
        },
      );
      await until('the cut to be noticed', () => cut && running.status().state === 'central.unreachable');
      await until(
        'every row centrally',
        async () => (await centralCounts(cluster, id)).rows === 2000,
        45_000,
      );
      expect(await centralCounts(cluster, id)).toEqual({ rows: 2000, distinct: 2000, maxId: 2000 });
      expect(running.statuses.some((s) => s.state === 'central.unreachable')).toBe(true);
      await expectAllVerified();
    });

    it('gives up on a stalled link after the query timeout, and ships once it flows again', async () => {
      const { id, login, local } = await terminal();
      local.checkIns(10);
      const running = replicate(local, centralConfigFor(login, proxy.port, 5), 1_000);
      await until('the first rows', async () => (await centralCounts(cluster, id)).rows === 10);
      proxy.stall();
      local.checkIns(20);
      await until('the stall to be noticed', () => running.status().state === 'central.unreachable', 20_000);
      proxy.resume();
      await until('every row centrally', async () => (await centralCounts(cluster, id)).rows === 30, 30_000);
      expect(await centralCounts(cluster, id)).toEqual({ rows: 30, distinct: 30, maxId: 30 });
      await expectAllVerified();
    });

    it('stops at once while connecting over a stalled link', async () => {
      const { login, local } = await terminal();
      proxy.stall();
      try {
        const running = replicate(local, centralConfigFor(login, proxy.port), 30_000, 30_000);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const started = performance.now();
        await running.stop();
        expect(performance.now() - started).toBeLessThan(1_000);
      } finally {
        proxy.resume();
      }
    });

    it('keeps refusing new connections while down, then drains', async () => {
      const { id, login, local } = await terminal();
      proxy.setDown(true);
      const running = replicate(local, centralConfigFor(login, proxy.port, 25));
      local.checkIns(60);
      await until('the server to count as away', () => running.status().state === 'central.unreachable');
      proxy.setDown(false);
      await until('every row centrally', async () => (await centralCounts(cluster, id)).rows === 60);
      await expectAllVerified();
    });
  });

  it('stores a row delivered twice only once (the high-water mark lost)', async () => {
    const { id, login, local } = await terminal();
    local.checkIns(40);
    const first = replicate(local, centralConfigFor(login, cluster.port, 15));
    await until('40 rows', async () => (await centralCounts(cluster, id)).rows === 40);
    await first.stop();
    // The mark file is gone (a restored folder, a crash before it was written): everything is offered again.
    rmSync(replicationStatePath(local.path));
    local.checkIns(10);
    const second = replicate(local, centralConfigFor(login, cluster.port, 15));
    await until('50 rows', async () => (await centralCounts(cluster, id)).rows === 50);
    expect(await centralCounts(cluster, id)).toEqual({ rows: 50, distinct: 50, maxId: 50 });
    expect(second.statuses.every((s) => s.state === 'ok')).toBe(true);
    await expectAllVerified();
  });

  it('reports a different row under an id already held as tampering, and never overwrites it', async () => {
    const { id, login, local } = await terminal();
    local.checkIns(5);
    const first = replicate(local, centralConfigFor(login, cluster.port));
    await until('5 rows', async () => (await centralCounts(cluster, id)).rows === 5);
    await first.stop();
    // Another log file under the same terminal role: its row 1 is not the row 1 the server holds.
    const other = localLog(path.join(dir, `${id}-other.sqlite`), { terminal: '受付9' });
    cleanups.push(() => other.log.close());
    other.checkIns(3);
    const second = replicate(other, centralConfigFor(login, cluster.port));
    await until('tampering reported', () => second.status().state === 'central.tampering');
    expect(second.status().detail).toContain('row 1');
    const client = await cluster.superClient(DATABASE);
    try {
      const terminals = await client.query<{ terminal: string }>(
        'SELECT DISTINCT terminal FROM kiosk_central.confirmations WHERE terminal_id = $1',
        [id],
      );
      expect(terminals.rows).toEqual([{ terminal: '受付1' }]);
    } finally {
      await client.end();
    }
    expect(await centralCounts(cluster, id)).toEqual({ rows: 5, distinct: 5, maxId: 5 });
  });

  it('refuses a row that does not continue the central chain', async () => {
    const { id, login, local } = await terminal();
    local.checkIns(4);
    const first = replicate(local, centralConfigFor(login, cluster.port));
    await until('4 rows', async () => (await centralCounts(cluster, id)).rows === 4);
    await first.stop();
    // A log whose rows 1–4 are some other history: its row 5 is chained to a row 4 the server never saw.
    const other = localLog(path.join(dir, `${id}-forked.sqlite`), { terminal: '受付9' });
    cleanups.push(() => other.log.close());
    other.checkIns(6);
    writeFileSync(replicationStatePath(other.path), JSON.stringify({ shippedId: 4, shippedPurgeId: 0 }));
    const second = replicate(other, centralConfigFor(login, cluster.port));
    await until('the break reported', () => second.status().state === 'central.chain-break');
    expect(second.status().detail).toContain('row 5');
    expect(await centralCounts(cluster, id)).toEqual({ rows: 4, distinct: 4, maxId: 4 });
    await expectAllVerified();
  });

  it('ships a keyed log; the central check follows its links without the key', async () => {
    const { id, login, local } = await terminal({ chainKey: Buffer.alloc(32, 7) });
    local.checkIns(12);
    replicate(local, centralConfigFor(login, cluster.port));
    await until('12 rows', async () => (await centralCounts(cluster, id)).rows === 12);
    const client = await cluster.superClient(DATABASE);
    try {
      const results = await verifyCentral(client);
      expect(results.find((r) => r.terminalId === id)).toMatchObject({
        ok: true,
        rows: 12,
        recomputed: 0,
        keyedLinksOnly: 12,
      });
    } finally {
      await client.end();
    }
  });
});
