// The replicator process SIGKILLed in the middle of uploads, then started again: every row arrives exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCentral } from '../../../electron/core/central/central-verify';
import { createPostgresCluster, hasPostgres, type PostgresCluster } from '../../support/postgres';
import {
  addTerminal,
  centralConfigFor,
  centralCounts,
  createClinicDatabase,
  DATABASE,
  localLog,
  until,
} from './central-fixtures';

const available = hasPostgres();
const child = path.join(import.meta.dirname, 'replicator-process.ts');
const ROWS = 1200;
const KILLS = 4;

describe.skipIf(!available)('replicator process killed mid-upload', () => {
  let cluster: PostgresCluster;
  let dir: string;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    cluster = await createPostgresCluster();
    await createClinicDatabase(cluster);
    dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-crash-'));
  });

  afterAll(() => {
    running?.kill('SIGKILL');
    cluster?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the replicator process and resolves once it has reported `commits` more committed batches. */
  function startAndWait(logPath: string, settings: string, commits: number): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, logPath, settings], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running = proc;
      let seen = 0;
      let stderr = '';
      proc.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      proc.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk
          .toString()
          .split('\n')
          .filter((line) => line.startsWith('shipped ')).length;
        if (seen >= commits) resolve(proc);
      });
      proc.once('exit', (code) => {
        if (seen < commits)
          reject(new Error(`replicator exited (${String(code)}) before committing: ${stderr}`));
      });
    });
  }

  function kill(proc: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  it('resumes after each SIGKILL and ships every row once', async () => {
    const id = 'crash1';
    const login = await addTerminal(cluster, dir, id);
    const local = localLog(path.join(dir, `${id}.sqlite`));
    try {
      local.checkIns(ROWS);
      const settings = JSON.stringify(centralConfigFor(login, cluster.port, 20));
      const shippedAtKill: number[] = [];
      for (let i = 0; i < KILLS; i += 1) {
        // Killed right after a commit was reported: the next batch is in flight or its mark not yet written.
        const proc = await startAndWait(local.path, settings, 3);
        await kill(proc);
        shippedAtKill.push((await centralCounts(cluster, id)).rows);
      }
      // Each run got further, and the upload was never complete when the process died.
      expect(shippedAtKill.every((n, i) => n < ROWS && (i === 0 || n > (shippedAtKill[i - 1] ?? 0)))).toBe(
        true,
      );
      const last = await startAndWait(local.path, settings, 1);
      await until(
        'every row centrally',
        async () => (await centralCounts(cluster, id)).rows === ROWS,
        45_000,
      );
      await kill(last);
      expect(await centralCounts(cluster, id)).toEqual({ rows: ROWS, distinct: ROWS, maxId: ROWS });
      const client = await cluster.superClient(DATABASE);
      try {
        expect(await verifyCentral(client)).toEqual([
          expect.objectContaining({ terminalId: id, ok: true, rows: ROWS, recomputed: ROWS }),
        ]);
      } finally {
        await client.end();
      }
    } finally {
      local.log.close();
    }
  });
});
