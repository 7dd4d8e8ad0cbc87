// `central:migrate` and `central:verify` as clinic IT runs them, against a real PostgreSQL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalLogSource } from '../../../electron/core/central/local-source';
import { fileReplicationState, replicationStatePath } from '../../../electron/core/central/replication-state';
import { createReplicator } from '../../../electron/core/central/replicator';
import { connectCentral } from '../../../electron/core/central/start-central';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addConsole,
  addTerminal,
  centralConfigFor,
  centralCounts,
  DATABASE,
  localLog,
  until,
} from './central-fixtures';

const available = hasPostgres();
const root = path.resolve(import.meta.dirname, '../../..');

function npmRun(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, script), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!available)('central commands', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let ownerArgs: string[];

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    // As docs/operations.md §10 sets it up: the schema's owner is no superuser, only allowed to create roles.
    await cluster.sql("CREATE ROLE kiosk_owner LOGIN CREATEROLE PASSWORD 'owner-pw-1'");
    await cluster.sql(`CREATE DATABASE ${DATABASE} OWNER kiosk_owner`);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-cli-'));
    const ownerPassword = path.join(dir, 'owner.password');
    writeFileSync(ownerPassword, 'owner-pw-1\n', { mode: 0o600 });
    ownerArgs = [
      '--url',
      `postgres://kiosk_owner@127.0.0.1:${cluster.port}/${DATABASE}`,
      '--password-file',
      ownerPassword,
      '--tls',
      'disable',
    ];
  });

  afterAll(() => {
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('central:migrate creates the schema once, then finds it up to date', () => {
    const first = npmRun('electron/core/central/cli/migrate.ts', ownerArgs);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('central schema 0 → 2: applied 0001-central-record, 0002-staff-events');
    expect(first.status).toBe(0);
    const again = npmRun('electron/core/central/cli/migrate.ts', ownerArgs);
    expect(again.stdout).toContain('central schema up to date (version 2)');
    expect(again.status).toBe(0);
  });

  it('refuses a password written into the URL', () => {
    const result = npmRun('electron/core/central/cli/migrate.ts', [
      '--url',
      `postgres://postgres:secret@127.0.0.1:${cluster.port}/${DATABASE}`,
      '--tls',
      'disable',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('central.passwordFile');
  });

  it('central:verify checks every terminal as the read-only console role, and names a changed row', async () => {
    const login = await addTerminal(cluster, dir, 'v1');
    const viewer = await addConsole(cluster, dir);
    const local = localLog(path.join(dir, 'v1.sqlite'));
    try {
      local.checkIns(20);
      const source = openLocalLogSource(local.path);
      const controller = new AbortController();
      const done = createReplicator({
        source,
        state: fileReplicationState(replicationStatePath(local.path)),
        connect: (signal) => connectCentral(centralConfigFor(login, cluster.port), {}, signal),
        nowMs: () => local.clock.nowMs(),
        pollMs: 50,
      }).run(controller.signal);
      await until('20 rows', async () => (await centralCounts(cluster, 'v1')).rows === 20);
      controller.abort();
      await done;
      source.close();
    } finally {
      local.log.close();
    }
    const viewerArgs = [
      '--url',
      `postgres://${viewer.role}@127.0.0.1:${cluster.port}/${DATABASE}`,
      '--password-file',
      viewer.passwordFile,
      '--tls',
      'disable',
    ];
    const intact = npmRun('electron/core/central/cli/verify.ts', viewerArgs);
    expect(intact.stdout).toContain(
      'v1: chain intact, 20 rows (head 20), 0 purge records; 20 hashes recomputed',
    );
    expect(intact.status).toBe(0);

    const owner = await cluster.superClient(DATABASE);
    try {
      // A changed name behind the triggers' back (only an owner can): the row no longer hashes to its chain.
      await owner.query('ALTER TABLE kiosk_central.confirmations DISABLE TRIGGER confirmations_append_only');
      await owner.query(
        "UPDATE kiosk_central.confirmations SET name = '鈴木 花子' WHERE terminal_id = 'v1' AND local_id = 7",
      );
      await owner.query('ALTER TABLE kiosk_central.confirmations ENABLE TRIGGER confirmations_append_only');
    } finally {
      await owner.end();
    }
    const broken = npmRun('electron/core/central/cli/verify.ts', viewerArgs);
    expect(broken.stdout).toContain('v1: chain BROKEN at confirmations id 7: hash mismatch');
    expect(broken.status).toBe(1);
  });
});
