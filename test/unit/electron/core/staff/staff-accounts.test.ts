// Staff accounts: the old single PIN as 管理者, sign-in by name, administrators only for settings and accounts, passcode rules.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type RunningKiosk } from '../../../../../electron/core/app';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { createInMemoryPair } from '../../../../../electron/core/ipc/in-memory-host';
import {
  accountsInForce,
  hasAdmin,
  MIGRATED_ADMIN_NAME,
  withAccount,
} from '../../../../../electron/core/staff/staff-accounts';
import { hashStaffPin, passcodeProblem } from '../../../../../electron/core/staff/staff-pin';

const cheap = { N: 1024, r: 8, p: 1 };
let oldPinHash = '';
let satoHash = '';
let kiosk: RunningKiosk | undefined;

beforeAll(async () => {
  oldPinHash = await hashStaffPin('5823', cheap);
  satoHash = await hashStaffPin('730518', cheap);
});

afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
});

async function start(staff: Record<string, unknown>) {
  const { host, client } = createInMemoryPair();
  kiosk = await startKiosk(host, parseConfig({ staff }));
  return client;
}

const codeOf = (r: { ok: boolean; error?: { code: string } }): string =>
  r.ok ? 'ok' : (r.error?.code ?? '');

describe('accounts in force', () => {
  it('the old single PIN is one administrator named 管理者 until accounts exist', () => {
    expect(accountsInForce({ accounts: [], pinHash: 'h' })).toEqual([
      { name: '管理者', passcodeHash: 'h', role: 'admin' },
    ]);
    const sato = { name: '佐藤', passcodeHash: 's', role: 'staff' as const };
    expect(accountsInForce({ accounts: [sato], pinHash: 'h' })).toEqual([sato]);
    expect(accountsInForce({ accounts: [], pinHash: '' })).toEqual([]);
    expect(accountsInForce({ accounts: [], pinHash: '' }, 'demo')).toEqual([
      { name: MIGRATED_ADMIN_NAME, passcodeHash: 'demo', role: 'admin' },
    ]);
  });

  it('saving replaces an account of the same name and keeps the order', () => {
    const a = { name: 'A', passcodeHash: '1', role: 'admin' as const };
    const b = { name: 'B', passcodeHash: '2', role: 'staff' as const };
    expect(withAccount([a, b], { ...a, passcodeHash: '9' })).toEqual([{ ...a, passcodeHash: '9' }, b]);
    expect(withAccount([a], b)).toEqual([a, b]);
    expect(hasAdmin([b])).toBe(false);
  });
});

describe('passcode rules', () => {
  it.each([
    ['12345', false],
    ['123456', true],
    ['１２３４５６', true],
    ['abcdefghi', false],
    ['abcdefghij', true],
    ['さくら さくら 春', false],
    ['さくらさくら弥生の空', true],
  ])('%s acceptable: %s', (passcode, acceptable) => {
    expect(passcodeProblem(passcode) === undefined).toBe(acceptable);
  });
});

describe('sign-in by account', () => {
  it('a settings file with only the old PIN signs in as 管理者, an administrator', async () => {
    const client = await start({ pinHash: oldPinHash });
    expect(await client.invoke('staff.accounts.names', {})).toEqual({ ok: true, value: ['管理者'] });
    const login = await client.invoke('staff.login', { pin: '5823' });
    expect(login).toMatchObject({ ok: true, value: { staffName: '管理者', role: 'admin' } });
    if (!login.ok) return;
    expect(codeOf(await client.invoke('staff.settings.get', { token: login.value.token }))).toBe('ok');
  });

  it('an administrator adds an account; it signs in by name and cannot open settings or accounts', async () => {
    const client = await start({ pinHash: oldPinHash });
    const admin = await client.invoke('staff.login', { pin: '5823' });
    if (!admin.ok) throw new Error(admin.error.message);
    // Too short for a passcode of digits: refused before anything is saved.
    expect(
      codeOf(
        await client.invoke('staff.accounts.save', {
          token: admin.value.token,
          name: '佐藤',
          role: 'staff',
          passcode: '73051',
        }),
      ),
    ).toBe('ipc.invalid-request');
    const saved = await client.invoke('staff.accounts.save', {
      token: admin.value.token,
      name: '佐藤',
      role: 'staff',
      passcode: '730518',
    });
    expect(saved).toEqual({
      ok: true,
      value: [
        { name: '管理者', role: 'admin' },
        { name: '佐藤', role: 'staff' },
      ],
    });
    expect(await client.invoke('staff.accounts.names', {})).toEqual({ ok: true, value: ['管理者', '佐藤'] });
    // The old PIN went into the list as 管理者: it still signs in, by name now.
    expect(codeOf(await client.invoke('staff.login', { pin: '5823', account: '管理者' }))).toBe('ok');
    // A passcode is checked against the named account only.
    expect(codeOf(await client.invoke('staff.login', { pin: '5823', account: '佐藤' }))).toBe(
      'staff.pin-wrong',
    );
    const sato = await client.invoke('staff.login', { pin: '730518', account: '佐藤' });
    expect(sato).toMatchObject({ ok: true, value: { staffName: '佐藤', role: 'staff' } });
    if (!sato.ok) return;
    const token = sato.value.token;
    for (const refused of [
      await client.invoke('staff.settings.get', { token }),
      await client.invoke('staff.settings.set', { token, change: { terminalName: '受付9' } }),
      await client.invoke('staff.accounts.list', { token }),
      await client.invoke('staff.accounts.remove', { token, name: '管理者' }),
    ]) {
      expect(codeOf(refused)).toBe('staff.admin-only');
    }
    // Check-in work is theirs.
    expect(codeOf(await client.invoke('staff.status', { token }))).toBe('ok');
  });

  it('the last administrator cannot be removed or demoted; a reset passcode signs that account out', async () => {
    const client = await start({
      accounts: [
        { name: '院長', passcodeHash: oldPinHash, role: 'admin' },
        { name: '佐藤', passcodeHash: satoHash, role: 'staff' },
      ],
    });
    const admin = await client.invoke('staff.login', { pin: '5823', account: '院長' });
    const sato = await client.invoke('staff.login', { pin: '730518', account: '佐藤' });
    if (!admin.ok || !sato.ok) throw new Error('sign-in failed');
    const token = admin.value.token;
    expect(codeOf(await client.invoke('staff.accounts.remove', { token, name: '院長' }))).toBe(
      'settings.invalid',
    );
    expect(
      codeOf(
        await client.invoke('staff.accounts.save', {
          token,
          name: '院長',
          role: 'staff',
          passcode: '582301',
        }),
      ),
    ).toBe('settings.invalid');
    // Reset 佐藤's passcode: 佐藤's session ends, the old passcode no longer works, the new one does.
    expect(
      codeOf(
        await client.invoke('staff.accounts.save', {
          token,
          name: '佐藤',
          role: 'staff',
          passcode: '918273',
        }),
      ),
    ).toBe('ok');
    expect(codeOf(await client.invoke('staff.status', { token: sato.value.token }))).toBe(
      'staff.unauthorized',
    );
    expect(codeOf(await client.invoke('staff.login', { pin: '730518', account: '佐藤' }))).toBe(
      'staff.pin-wrong',
    );
    expect(codeOf(await client.invoke('staff.login', { pin: '918273', account: '佐藤' }))).toBe('ok');
    // Removing 佐藤: gone from the sign-in list and from sign-in.
    expect(await client.invoke('staff.accounts.remove', { token, name: '佐藤' })).toEqual({
      ok: true,
      value: [{ name: '院長', role: 'admin' }],
    });
    expect(await client.invoke('staff.accounts.names', {})).toEqual({ ok: true, value: ['院長'] });
    expect(codeOf(await client.invoke('staff.login', { pin: '918273', account: '佐藤' }))).toBe(
      'staff.pin-wrong',
    );
  });

  it('with several accounts a sign-in must name one', async () => {
    const client = await start({
      accounts: [
        { name: '院長', passcodeHash: oldPinHash, role: 'admin' },
        { name: '佐藤', passcodeHash: satoHash, role: 'staff' },
      ],
    });
    expect(codeOf(await client.invoke('staff.login', { pin: '730518' }))).toBe('staff.pin-wrong');
  });
});
