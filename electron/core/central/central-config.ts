// The `central` settings: where the clinic's PostgreSQL is, how to log in (password from a file) and TLS.
import { z } from 'zod';

/** Modes of TLS to the server, named as libpq names them. */
export const CentralTlsMode = z.enum(['disable', 'require', 'verify-full']);
export type CentralTlsMode = z.infer<typeof CentralTlsMode>;

/** Hosts for which `disable` is allowed: the server runs on this very machine. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Why a connection string cannot be used, or undefined (an empty one means: no central record). */
export function centralUrlProblem(text: string): string | undefined {
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'postgres://<ユーザー>@<ホスト>:<ポート>/<データベース> の形で書いてください';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return 'postgres:// で始まる接続文字列にしてください';
  }
  if (url.password !== '')
    return 'パスワードは接続文字列に書かず、central.passwordFile のファイルに置いてください';
  if (url.username === '') return '接続文字列に端末のユーザー名を書いてください';
  if (url.hostname === '') return '接続文字列にサーバーのホスト名を書いてください';
  // TLS and the password are our settings, not the URL's: one place each.
  if ([...url.searchParams.keys()].some((key) => /^(ssl|sslmode|password)/i.test(key))) {
    return 'TLS は central.tls、パスワードは central.passwordFile で設定してください';
  }
  return undefined;
}

/** True when the connection string names a server on this machine. */
export function isLocalServer(text: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(text).hostname);
  } catch {
    return false;
  }
}

export const CentralConfigSchema = z
  .object({
    /**
     * The clinic's PostgreSQL as a connection string WITHOUT password, e.g.
     * postgres://kiosk_uketsuke1@db.clinic.lan:5432/kiosk. Empty: no central record (nothing changes).
     */
    url: z.string().max(1024).default(''),
    /** A file (owner-only, 0600) holding the role's password on its first line; empty: none (e.g. cert auth). */
    passwordFile: z.string().max(260).default(''),
    tls: z
      .object({
        /**
         * verify-full: encrypted, the server's certificate checked against `caFile` and its host name;
         * require: encrypted, certificate not checked; disable: only for a server on this machine.
         */
        mode: CentralTlsMode.default('verify-full'),
        /** The CA certificate (PEM) that signed the server's certificate; needed for verify-full. */
        caFile: z.string().max(260).default(''),
      })
      .strict()
      .prefault({}),
    /**
     * The staff console's clinic view: the read-only console role (a member of kiosk_console) as a
     * connection string WITHOUT password, on the same server as `url`, e.g.
     * postgres://kiosk_view@db.clinic.lan:5432/kiosk. Empty: no clinic view. Independent of `url`, so a
     * desk PC that ships no log of its own can still show the clinic's record. TLS is `tls`, as for `url`.
     */
    consoleUrl: z.string().max(1024).default(''),
    /** A file (owner-only, 0600) holding the console role's password on its first line; empty: none. */
    consolePasswordFile: z.string().max(260).default(''),
    /** Rows per upload transaction. */
    batchSize: z.number().int().min(1).max(5000).default(500),
    /** Seconds between heartbeats. */
    heartbeatSeconds: z.number().int().min(5).max(3600).default(60),
  })
  .strict()
  .superRefine((central, context) => {
    const urlProblem = centralUrlProblem(central.url);
    if (urlProblem !== undefined) context.addIssue({ code: 'custom', message: urlProblem, path: ['url'] });
    const consoleProblem = centralUrlProblem(central.consoleUrl);
    if (consoleProblem !== undefined) {
      context.addIssue({ code: 'custom', message: consoleProblem, path: ['consoleUrl'] });
    }
    if (central.url === '' && central.consoleUrl === '') return;
    if (central.tls.mode === 'verify-full' && central.tls.caFile === '') {
      context.addIssue({
        code: 'custom',
        message: 'verify-full にはサーバー証明書を発行した CA のファイル（central.tls.caFile）が必要です',
        path: ['tls', 'caFile'],
      });
    }
    const servers = [central.url, central.consoleUrl].filter((url) => url !== '');
    if (central.tls.mode === 'disable' && !servers.every(isLocalServer)) {
      context.addIssue({
        code: 'custom',
        message: '暗号化なし（disable）は同じPC上のサーバーにだけ使えます',
        path: ['tls', 'mode'],
      });
    }
  })
  .prefault({});

export type CentralConfig = z.infer<typeof CentralConfigSchema>;

/**
 * The settings of the console role's connection: `consoleUrl` and its password file in place of the
 * terminal's, TLS shared. The result goes to the same connection code as the terminal's (connection.ts).
 */
export function consoleConnectionConfig(central: CentralConfig): CentralConfig {
  return { ...central, url: central.consoleUrl, passwordFile: central.consolePasswordFile };
}
