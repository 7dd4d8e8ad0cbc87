// The `central` settings: a connection string without password, TLS that fits the server's place, defaults.
import { describe, expect, it } from 'vitest';
import {
  CentralConfigSchema,
  centralUrlProblem,
  consoleConnectionConfig,
  isLocalServer,
} from '../../../../../electron/core/central/central-config';
import { KioskConfigSchema } from '../../../../../electron/core/config/config-schema';

const issuesOf = (input: unknown): string[] => {
  const result = CentralConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('central settings', () => {
  it('is off by default: an empty URL, and the kiosk settings carry it', () => {
    const config = KioskConfigSchema.parse({});
    expect(config.central).toEqual({
      url: '',
      passwordFile: '',
      consoleUrl: '',
      consolePasswordFile: '',
      tls: { mode: 'verify-full', caFile: '' },
      batchSize: 500,
      heartbeatSeconds: 60,
    });
  });

  it('accepts a connection string with a user and no password', () => {
    expect(centralUrlProblem('postgres://kiosk_uketsuke1@db.clinic.lan:5432/kiosk')).toBeUndefined();
    expect(centralUrlProblem('postgresql://kiosk_uketsuke1@10.0.0.5/kiosk')).toBeUndefined();
    expect(centralUrlProblem('')).toBeUndefined();
  });

  it('refuses a password in the URL, another scheme, no user, and TLS or password parameters', () => {
    expect(centralUrlProblem('postgres://kiosk:secret@db.clinic.lan/kiosk')).toContain(
      'central.passwordFile',
    );
    expect(centralUrlProblem('mysql://kiosk@db.clinic.lan/kiosk')).toContain('postgres://');
    expect(centralUrlProblem('postgres://db.clinic.lan/kiosk')).toContain('ユーザー名');
    expect(centralUrlProblem('postgres://kiosk@db.clinic.lan/kiosk?sslmode=disable')).toContain(
      'central.tls',
    );
    expect(centralUrlProblem('postgres://kiosk@db.clinic.lan/kiosk?password=x')).toContain('central.tls');
    expect(centralUrlProblem('not a url')).toBeDefined();
  });

  it('needs a CA file for verify-full (the default), and allows no TLS only on this machine', () => {
    expect(issuesOf({ url: 'postgres://kiosk@db.clinic.lan/kiosk' })).toEqual(['tls.caFile']);
    expect(
      issuesOf({ url: 'postgres://kiosk@db.clinic.lan/kiosk', tls: { caFile: '/etc/kiosk/ca.pem' } }),
    ).toEqual([]);
    expect(issuesOf({ url: 'postgres://kiosk@db.clinic.lan/kiosk', tls: { mode: 'require' } })).toEqual([]);
    expect(issuesOf({ url: 'postgres://kiosk@db.clinic.lan/kiosk', tls: { mode: 'disable' } })).toEqual([
      'tls.mode',
    ]);
    expect(issuesOf({ url: 'postgres://kiosk@127.0.0.1:5433/kiosk', tls: { mode: 'disable' } })).toEqual([]);
    expect(issuesOf({ url: 'postgres://kiosk:pw@127.0.0.1/kiosk', tls: { mode: 'disable' } })).toEqual([
      'url',
    ]);
  });

  it('checks the clinic view’s console URL like the terminal’s, with the same TLS rules', () => {
    expect(issuesOf({ consoleUrl: 'postgres://kiosk_view:pw@db.clinic.lan/kiosk' })).toEqual([
      'consoleUrl',
      'tls.caFile',
    ]);
    // A desk that ships nothing of its own still needs TLS settings that fit the server's place.
    expect(issuesOf({ consoleUrl: 'postgres://kiosk_view@db.clinic.lan/kiosk' })).toEqual(['tls.caFile']);
    expect(
      issuesOf({ consoleUrl: 'postgres://kiosk_view@db.clinic.lan/kiosk', tls: { mode: 'disable' } }),
    ).toEqual(['tls.mode']);
    expect(
      issuesOf({
        url: 'postgres://kiosk@127.0.0.1/kiosk',
        consoleUrl: 'postgres://kiosk_view@db.clinic.lan/kiosk',
        tls: { mode: 'disable' },
      }),
    ).toEqual(['tls.mode']);
    expect(
      issuesOf({ consoleUrl: 'postgres://kiosk_view@127.0.0.1/kiosk', tls: { mode: 'disable' } }),
    ).toEqual([]);
  });

  it('gives the console role’s connection the console URL and password file, and TLS as set', () => {
    const central = CentralConfigSchema.parse({
      url: 'postgres://kiosk_t1@127.0.0.1/kiosk',
      passwordFile: '/etc/kiosk/t1.password',
      consoleUrl: 'postgres://kiosk_view@127.0.0.1/kiosk',
      consolePasswordFile: '/etc/kiosk/view.password',
      tls: { mode: 'disable' },
    });
    expect(consoleConnectionConfig(central)).toMatchObject({
      url: 'postgres://kiosk_view@127.0.0.1/kiosk',
      passwordFile: '/etc/kiosk/view.password',
      tls: { mode: 'disable' },
    });
  });

  it('tells a server on this machine from one elsewhere', () => {
    expect(isLocalServer('postgres://k@localhost/kiosk')).toBe(true);
    expect(isLocalServer('postgres://k@[::1]:5432/kiosk')).toBe(true);
    expect(isLocalServer('postgres://k@127.0.0.2/kiosk')).toBe(false);
    expect(isLocalServer('postgres://k@db.clinic.lan/kiosk')).toBe(false);
  });

  it('refuses unknown keys, as every settings block does', () => {
    expect(CentralConfigSchema.safeParse({ password: 'x' }).success).toBe(false);
  });
});
