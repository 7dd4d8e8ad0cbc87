// pg client settings from `central`: the password only from an owner-only file, TLS as libpq's modes mean.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CentralConfigSchema } from '../../../../../electron/core/central/central-config';
import { CentralError } from '../../../../../electron/core/central/central-error';
import { centralClientConfig, readPasswordFile } from '../../../../../electron/core/central/connection';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-conn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string, mode: number): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return p;
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof CentralError ? error.code : 'other';
  }
  return undefined;
};

describe.skipIf(process.platform === 'win32')('password file', () => {
  it('reads the first line of an owner-only file', () => {
    expect(readPasswordFile(file('ok', 's3cret\nignored\n', 0o600))).toBe('s3cret');
    expect(readPasswordFile(file('crlf', 's3cret\r\n', 0o400))).toBe('s3cret');
  });

  it('refuses a file others may read, an empty one, and a missing one', () => {
    expect(codeOf(() => readPasswordFile(file('group', 's3cret\n', 0o640)))).toBe('central.password-file');
    expect(codeOf(() => readPasswordFile(file('world', 's3cret\n', 0o604)))).toBe('central.password-file');
    expect(codeOf(() => readPasswordFile(file('empty', '\n', 0o600)))).toBe('central.password-file');
    expect(codeOf(() => readPasswordFile(path.join(dir, 'missing')))).toBe('central.password-file');
  });

  it('does not judge mode bits on Windows, which has none', () => {
    expect(
      readPasswordFile('C:\\kiosk\\pw', {
        platform: 'win32',
        readFile: () => Buffer.from('pw\n'),
        modeOf: () => 0o666,
      }),
    ).toBe('pw');
  });
});

describe('client settings', () => {
  const central = (input: unknown) => CentralConfigSchema.parse(input);

  it('takes host, port, user and database from the URL and the password from its file', () => {
    const passwordFile = file('pw', 'pw1\n', 0o600);
    const config = centralClientConfig(
      central({
        url: 'postgres://kiosk_uketsuke1@db.clinic.lan:6543/kiosk',
        passwordFile,
        tls: { mode: 'require' },
      }),
    );
    expect(config).toMatchObject({
      host: 'db.clinic.lan',
      port: 6543,
      user: 'kiosk_uketsuke1',
      database: 'kiosk',
      password: 'pw1',
      ssl: { rejectUnauthorized: false },
    });
  });

  it('defaults to port 5432, strips IPv6 brackets, and sends no password without a file', () => {
    const config = centralClientConfig(
      central({ url: 'postgres://k@[::1]/kiosk', tls: { mode: 'disable' } }),
    );
    expect(config).toMatchObject({ host: '::1', port: 5432, ssl: false });
    expect(config).not.toHaveProperty('password');
  });

  it('verify-full checks the certificate against the CA file (and the host name, Node’s default)', () => {
    const caFile = file('ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', 0o644);
    const config = centralClientConfig(central({ url: 'postgres://k@db.clinic.lan/kiosk', tls: { caFile } }));
    expect(config.ssl).toEqual({
      ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      rejectUnauthorized: true,
    });
    expect(
      codeOf(() =>
        centralClientConfig(
          central({ url: 'postgres://k@db.clinic.lan/kiosk', tls: { caFile: path.join(dir, 'none.pem') } }),
        ),
      ),
    ).toBe('central.config');
  });

  it('bounds connecting and every query, so a stalled link is noticed', () => {
    const config = centralClientConfig(
      central({ url: 'postgres://k@localhost/kiosk', tls: { mode: 'disable' } }),
      {
        connectTimeoutMs: 1234,
        queryTimeoutMs: 5678,
      },
    );
    expect(config).toMatchObject({ connectionTimeoutMillis: 1234, query_timeout: 5678 });
  });
});
