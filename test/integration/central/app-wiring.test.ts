// A kiosk started with `central.url` ships its log file's rows and sends heartbeats; its stop ends the replicator.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk } from '../../../electron/core/app';
import { parseConfig } from '../../../electron/core/config/load-config';
import { createInMemoryPair } from '../../../electron/core/ipc/in-memory-host';
import { loadOrCreateLogKey, plainKeyFileStore } from '../../../electron/core/log/chain-key';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addTerminal,
  centralCounts,
  createClinicDatabase,
  DATABASE,
  localLog,
  until,
} from './central-fixtures';

const available = hasPostgres();

describe.skipIf(!available)('kiosk with a central record', () => {
  let cluster: PostgresCluster;
  let dir: string;

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await createClinicDatabase(cluster);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-app-'));
    mkdirSync(path.join(dir, 'settings'));
    mkdirSync(path.join(dir, 'data'));
  });

  afterAll(() => {
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the rows of its keyed log and reports its health in heartbeats', async () => {
    const login = await addTerminal(cluster, dir, 'app1');
    const logPath = path.join(dir, 'data', 'confirmation-log.sqlite');
    const configPath = path.join(dir, 'settings', 'config.json');
    const key = loadOrCreateLogKey(
      plainKeyFileStore(path.join(dir, 'settings', 'confirmation-log.key'), logPath),
    );
    // Check-ins from before the server was configured: the backlog the kiosk ships on start.
    const before = localLog(logPath, { chainKey: key });
    before.checkIns(15);
    before.log.close();

    const config = parseConfig({
      log: { path: logPath },
      central: {
        url: `postgres://${login.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
        passwordFile: login.passwordFile,
        tls: { mode: 'disable' },
      },
    });
    const { host } = createInMemoryPair();
    const kiosk = await startKiosk(host, config, undefined, { configPath });
    try {
      await until('15 rows centrally', async () => (await centralCounts(cluster, 'app1')).rows === 15);
      const owner = await cluster.superClient(DATABASE);
      try {
        await until('a heartbeat', async () => {
          const beats = await owner.query('SELECT 1 FROM kiosk_central.heartbeats WHERE terminal_id = $1', [
            'app1',
          ]);
          return (beats.rowCount ?? 0) > 0;
        });
        const beat = await owner.query<{ reader: string; log: string; shipped_id: string }>(
          'SELECT reader, log, shipped_id FROM kiosk_central.heartbeats WHERE terminal_id = $1 ORDER BY id DESC LIMIT 1',
          ['app1'],
        );
        expect(beat.rows[0]).toMatchObject({ log: 'up', shipped_id: '15' });
        expect(['up', 'down', 'unknown']).toContain(beat.rows[0]?.reader);
      } finally {
        await owner.end();
      }
    } finally {
      const started = performance.now();
      await kiosk.stop();
      // The replicator ends with the kiosk, waiting for nothing (it polls every 2 s when idle).
      expect(performance.now() - started).toBeLessThan(1_500);
    }
  });
});
