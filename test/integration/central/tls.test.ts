// TLS to the central server: verify-full against the clinic's CA ships; a certificate from another CA is refused.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CentralConfig } from '../../../electron/core/central/central-config';
import { CentralConfigSchema } from '../../../electron/core/central/central-config';
import { openLocalLogSource } from '../../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../../electron/core/central/replication-state';
import { createReplicator, type Replicator } from '../../../electron/core/central/replicator';
import { connectCentral } from '../../../electron/core/central/start-central';
import { requireTool } from '../../support/requirements';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addTerminal,
  centralCounts,
  createClinicDatabase,
  DATABASE,
  localLog,
  until,
  type RoleLogin,
} from './central-fixtures';

const hasOpenssl = (): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const available = hasPostgres() && requireTool('openssl', hasOpenssl(), 'apt-get install openssl');

/** A CA and, signed by it, a certificate for 127.0.0.1; written into `dir`. */
function makeCa(dir: string, name: string): { caFile: string; sign(): { cert: string; key: string } } {
  const run = (args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
  ]);
  return {
    caFile: path.join(dir, `${name}.pem`),
    sign() {
      run([
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        'server.key',
        '-out',
        'server.csr',
      ]);
      writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName = IP:127.0.0.1\n');
      run([
        'x509',
        '-req',
        '-in',
        'server.csr',
        '-CA',
        `${name}.pem`,
        '-CAkey',
        `${name}.key`,
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        'san.ext',
        '-out',
        'server.crt',
      ]);
      return {
        cert: readFileSync(path.join(dir, 'server.crt'), 'utf8'),
        key: readFileSync(path.join(dir, 'server.key'), 'utf8'),
      };
    },
  };
}

describe.skipIf(!available)('TLS to the central server', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let clinicCa: string;
  let otherCa: string;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-tls-'));
    const clinic = makeCa(dir, 'clinic-ca');
    clinicCa = clinic.caFile;
    otherCa = makeCa(dir, 'other-ca').caFile;
    cluster = await createPostgresCluster({ tls: clinic.sign() });
    await createClinicDatabase(cluster);
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  afterAll(() => {
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function replicate(id: string, central: CentralConfig): Replicator {
    const local = localLog(path.join(dir, `${id}.sqlite`));
    local.checkIns(6);
    const source = openLocalLogSource(local.path);
    const replicator = createReplicator({
      source,
      state: fileReplicationState(replicationStatePath(local.path)),
      connect: (signal) => connectCentral(central, {}, signal),
      nowMs: () => local.clock.nowMs(),
      pollMs: 50,
      backoff: { initialMs: 50, maxMs: 400 },
    });
    const controller = new AbortController();
    const done = replicator.run(controller.signal);
    stops.push(async () => {
      controller.abort();
      await done;
      source.close();
      local.log.close();
    });
    return replicator;
  }

  const settings = (login: RoleLogin, tls: { mode: string; caFile?: string }): CentralConfig =>
    CentralConfigSchema.parse({
      url: `postgres://${login.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
      passwordFile: login.passwordFile,
      tls,
    });

  it('verify-full with the clinic CA ships, over an encrypted connection', async () => {
    const login = await addTerminal(cluster, dir, 'tls1');
    replicate('tls1', settings(login, { mode: 'verify-full', caFile: clinicCa }));
    await until('6 rows', async () => (await centralCounts(cluster, 'tls1')).rows === 6);
    const owner = await cluster.superClient(DATABASE);
    try {
      const ssl = await owner.query<{ ssl: boolean }>(
        'SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = $1',
        [login.role],
      );
      expect(ssl.rows.length).toBeGreaterThan(0);
      expect(ssl.rows.every((r) => r.ssl)).toBe(true);
    } finally {
      await owner.end();
    }
  });

  it('verify-full refuses a server whose certificate another CA signed, and ships nothing', async () => {
    const login = await addTerminal(cluster, dir, 'tls2');
    const replicator = replicate('tls2', settings(login, { mode: 'verify-full', caFile: otherCa }));
    await until('the refusal', () => replicator.status().state === 'central.refused');
    expect(replicator.status().detail).toMatch(/^TLS: /);
    expect((await centralCounts(cluster, 'tls2')).rows).toBe(0);
  });

  it('require encrypts without checking the certificate', async () => {
    const login = await addTerminal(cluster, dir, 'tls3');
    replicate('tls3', settings(login, { mode: 'require' }));
    await until('6 rows', async () => (await centralCounts(cluster, 'tls3')).rows === 6);
  });
});
