// Turns the `central` settings into a pg client configuration: password read from its file, TLS as configured.
import { readFileSync, statSync } from 'node:fs';
import type { ClientConfig } from 'pg';
import { CentralError } from './central-error';
import type { CentralConfig } from './central-config';

/** How long connecting may take before the server counts as away. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** A query that has had no answer for this long means a stalled link: the connection is dropped and redone. */
export const QUERY_TIMEOUT_MS = 30_000;

export interface ConnectionOptions {
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  /** Reads a file (injected in tests); default fs.readFileSync. */
  readFile?: (file: string) => Buffer;
  /** The file's permission bits (injected in tests); default from fs.statSync. */
  modeOf?: (file: string) => number;
  /** process.platform (injected in tests): Windows has no owner-only mode bits to check. */
  platform?: NodeJS.Platform;
}

/** The password on the file's first line. The file must be owner-only (0600), like a libpq .pgpass. */
export function readPasswordFile(file: string, options: ConnectionOptions = {}): string {
  const readFile = options.readFile ?? ((name: string) => readFileSync(name));
  const modeOf = options.modeOf ?? ((name: string) => statSync(name).mode);
  let mode: number;
  let text: string;
  try {
    mode = modeOf(file);
    text = readFile(file).toString('utf8');
  } catch (error) {
    throw new CentralError(
      'central.password-file',
      `${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
  if ((options.platform ?? process.platform) !== 'win32' && (mode & 0o077) !== 0) {
    throw new CentralError(
      'central.password-file',
      `${file} is readable by others than its owner (chmod 600)`,
    );
  }
  const password = text.split(/\r?\n/, 1)[0] ?? '';
  if (password === '') throw new CentralError('central.password-file', `${file} holds no password`);
  return password;
}

/** The pg client settings for `central`: host, port, user and database from the URL; never a password in it. */
export function centralClientConfig(central: CentralConfig, options: ConnectionOptions = {}): ClientConfig {
  if (central.url === '') throw new CentralError('central.config', 'central.url is not set');
  const url = new URL(central.url);
  const readFile = options.readFile ?? ((name: string) => readFileSync(name));
  let ssl: ClientConfig['ssl'];
  if (central.tls.mode === 'disable') ssl = false;
  // libpq's "require": encrypted, but the certificate is not checked (only for a LAN the clinic controls).
  else if (central.tls.mode === 'require') ssl = { rejectUnauthorized: false };
  else {
    let ca: string;
    try {
      ca = readFile(central.tls.caFile).toString('utf8');
    } catch (error) {
      throw new CentralError('central.config', `central.tls.caFile ${central.tls.caFile} cannot be read`, {
        cause: error,
      });
    }
    // Node checks the certificate's host name against `host` as well: libpq's verify-full.
    ssl = { ca, rejectUnauthorized: true };
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 5432 : Number(url.port),
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || decodeURIComponent(url.username),
    ...(central.passwordFile ? { password: readPasswordFile(central.passwordFile, options) } : {}),
    ssl,
    application_name: 'reception-kiosk',
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    query_timeout: options.queryTimeoutMs ?? QUERY_TIMEOUT_MS,
    keepAlive: true,
  };
}
