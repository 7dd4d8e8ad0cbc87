// A throwaway PostgreSQL cluster for tests: initdb + pg_ctl as the postgres user, a free port, removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { requireTool } from './requirements';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl (Debian's layout), or PG_BIN. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return existsSync(path.join(fromEnv, 'initdb')) ? fromEnv : undefined;
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(DEBIAN_ROOT, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** The server refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(result.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** True when a cluster can be made here; skips loudly on a developer machine, fails under CI=true. */
export function hasPostgres(): boolean {
  const bin = postgresBinDir();
  const userOk = !isRoot() || postgresUser() !== undefined;
  return requireTool(
    'PostgreSQL (initdb, pg_ctl)',
    bin !== undefined && userOk,
    'apt-get install postgresql (scripts/install-test-deps.sh), or set PG_BIN to its bin folder',
  );
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The superuser's password (password authentication over TCP, as in production). */
  readonly superPassword: string;
  readonly dir: string;
  /** A connected superuser client of `database`. */
  superClient(database?: string): Promise<pg.Client>;
  /** Runs SQL as the superuser in `database` (one round trip, own connection). */
  sql(text: string, database?: string): Promise<void>;
  start(): void;
  /** Stops the server: `fast` disconnects clients cleanly, `immediate` is like a crash (recovery on start). */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Stops the server and removes every file of the cluster. */
  remove(): void;
}

function run(bin: string, args: string[], owner: boolean): string {
  const file = path.join(bin, args[0] ?? '');
  const rest = args.slice(1);
  return owner
    ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...rest], { encoding: 'utf8', stdio: 'pipe' })
    : execFileSync(file, rest, { encoding: 'utf8', stdio: 'pipe' });
}

export interface ClusterOptions {
  /** Serve TLS with this certificate and key (PEM); both are copied into the cluster's folder. */
  tls?: { cert: string; key: string };
}

/** initdb a new cluster in a temporary folder and start it on a free port of 127.0.0.1. */
export async function createPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const user = postgresUser();
  const asOwner = user !== undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pg-'));
  chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  const superPassword = randomBytes(12).toString('hex');
  const pwFile = path.join(dir, 'pwfile');
  writeFileSync(pwFile, `${superPassword}\n`, { mode: 0o600 });
  mkdirSync(socketDir, { mode: 0o700 });
  const owned = [dir, pwFile, socketDir];
  let tlsSettings = '';
  if (options.tls) {
    const certFile = path.join(dir, 'server.crt');
    const keyFile = path.join(dir, 'server.key');
    writeFileSync(certFile, options.tls.cert, { mode: 0o644 });
    // The server refuses a key file others may read.
    writeFileSync(keyFile, options.tls.key, { mode: 0o600 });
    owned.push(certFile, keyFile);
    tlsSettings = ` -c ssl=on -c ssl_cert_file=${certFile} -c ssl_key_file=${keyFile}`;
  }
  if (user) for (const p of owned) chownSync(p, user.uid, user.gid);
  run(
    bin,
    [
      'initdb',
      '-D',
      data,
      '-U',
      'postgres',
      '--pwfile',
      pwFile,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ],
    asOwner,
  );
  const port = await freePort();
  const logFile = path.join(dir, 'server.log');
  const start = (): void => {
    run(
      bin,
      [
        'pg_ctl',
        '-D',
        data,
        '-l',
        logFile,
        '-w',
        '-t',
        '60',
        '-o',
        `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off${tlsSettings}`,
        'start',
      ],
      asOwner,
    );
  };
  const stop = (mode: 'fast' | 'immediate' = 'fast'): void => {
    run(bin, ['pg_ctl', '-D', data, '-m', mode, '-w', '-t', '60', 'stop'], asOwner);
  };
  start();
  const superClient = async (database = 'postgres'): Promise<pg.Client> => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: superPassword,
      database,
    });
    await client.connect();
    return client;
  };
  let removed = false;
  return {
    host: '127.0.0.1',
    port,
    superPassword,
    dir,
    superClient,
    async sql(text, database) {
      const client = await superClient(database);
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    },
    start,
    stop,
    remove() {
      if (removed) return;
      removed = true;
      try {
        stop('immediate');
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
