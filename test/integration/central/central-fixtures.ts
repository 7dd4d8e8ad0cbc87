// Shared material of the central tests: a migrated clinic database, terminal and console roles, local logs.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { CentralConfig } from '../../../electron/core/central/central-config';
import { CentralConfigSchema } from '../../../electron/core/central/central-config';
import { migrateCentral } from '../../../electron/core/central/migrate';
import type { ConfirmationRecord } from '../../../electron/core/log/confirmation-log';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../electron/core/log/sqlite-confirmation-log';
import type { PostgresCluster } from '../../support/postgres';
import { manualClock, type ManualClinicClock } from '../../support/manual-clock';
import { sampleRecord } from '../../unit/electron/core/log/log-fixtures';

export const DATABASE = 'kiosk';

/** Creates the clinic database and applies the central migrations as the superuser (the schema's owner). */
export async function createClinicDatabase(cluster: PostgresCluster): Promise<void> {
  await cluster.sql(`CREATE DATABASE ${DATABASE}`);
  const client = await cluster.superClient(DATABASE);
  try {
    await migrateCentral(client);
  } finally {
    await client.end();
  }
}

export interface RoleLogin {
  role: string;
  passwordFile: string;
}

/** A login role with a random password, its password in an owner-only file under `dir`. */
async function loginRole(
  cluster: PostgresCluster,
  dir: string,
  role: string,
  group: string,
): Promise<RoleLogin> {
  const password = `pw-${role}-${Math.random().toString(36).slice(2)}`;
  await cluster.sql(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE ${group}`, DATABASE);
  const passwordFile = path.join(dir, `${role}.password`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  return { role, passwordFile };
}

/** Adds a terminal as docs/operations.md says: a login role in kiosk_terminal and its row in terminals. */
export async function addTerminal(
  cluster: PostgresCluster,
  dir: string,
  terminalId: string,
): Promise<RoleLogin> {
  const login = await loginRole(cluster, dir, `kiosk_${terminalId}`, 'kiosk_terminal');
  await cluster.sql(
    `INSERT INTO kiosk_central.terminals (terminal_id, role_name) VALUES ('${terminalId}', '${login.role}')`,
    DATABASE,
  );
  return login;
}

export function addConsole(cluster: PostgresCluster, dir: string, role = 'kiosk_view'): Promise<RoleLogin> {
  return loginRole(cluster, dir, role, 'kiosk_console');
}

/** The `central` settings of a terminal that reaches the server at `port` (the server itself, or a proxy). */
export function centralConfigFor(login: RoleLogin, port: number, batchSize = 500): CentralConfig {
  return CentralConfigSchema.parse({
    url: `postgres://${login.role}@127.0.0.1:${port}/${DATABASE}`,
    passwordFile: login.passwordFile,
    tls: { mode: 'disable' },
    batchSize,
  });
}

/** A connected client as `login`. */
export async function clientAs(
  cluster: PostgresCluster,
  login: RoleLogin,
  port = cluster.port,
): Promise<pg.Client> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: login.role,
    password: readFileSync(login.passwordFile, 'utf8').trim(),
    database: DATABASE,
  });
  await client.connect();
  return client;
}

export interface LocalLog {
  log: ConfirmationLogFile;
  clock: ManualClinicClock;
  path: string;
  /** Records `count` check-ins a minute apart, numbered, as a morning at the desk would. */
  checkIns(count: number, overrides?: Partial<ConfirmationRecord>): void;
}

/** A terminal's local log file (optionally keyed with a terminal secret, as a production kiosk's is). */
export function localLog(
  file: string,
  options: { chainKey?: Buffer; terminal?: string; retentionDays?: number } = {},
): LocalLog {
  const clock = manualClock('2026-12-01T00:00:00.000Z');
  const log = createConfirmationLog({
    path: file,
    clock,
    ...(options.chainKey ? { chainKey: options.chainKey } : {}),
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
  });
  let n = 0;
  return {
    log,
    clock,
    path: file,
    checkIns(count, overrides = {}) {
      for (let i = 0; i < count; i += 1) {
        n += 1;
        const started = clock.nowMs();
        log.record(
          sampleRecord({
            startedAt: new Date(started).toISOString(),
            endedAt: new Date(started + 30_000).toISOString(),
            terminal: options.terminal ?? '受付1',
            gatewayRequestId: `REQ-${String(n).padStart(6, '0')}`,
            receptionNumber: n,
            limitConsent: undefined,
            consents: {},
            ...overrides,
          }),
        );
        clock.advance(60_000);
      }
    },
  };
}

/** Rows held centrally for a terminal (as the superuser): count and distinct ids. */
export async function centralCounts(
  cluster: PostgresCluster,
  terminalId: string,
): Promise<{ rows: number; distinct: number; maxId: number }> {
  const client = await cluster.superClient(DATABASE);
  try {
    const result = await client.query<{ rows: string; distinct: string; max: string | null }>(
      `SELECT count(*) AS rows, count(DISTINCT local_id) AS distinct, max(local_id) AS max
       FROM kiosk_central.confirmations WHERE terminal_id = $1`,
      [terminalId],
    );
    const row = result.rows[0];
    return {
      rows: Number(row?.rows ?? 0),
      distinct: Number(row?.distinct ?? 0),
      maxId: Number(row?.max ?? 0),
    };
  } finally {
    await client.end();
  }
}

/** Polls `check` until it holds or `timeoutMs` passes (then fails with `what`). */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
