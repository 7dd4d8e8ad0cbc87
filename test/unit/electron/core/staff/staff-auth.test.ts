// Staff login: lockout after repeated failures, expiring sessions, tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { StaffAuth } from '../../../../../electron/core/staff/staff-auth';
import { hashStaffPin } from '../../../../../electron/core/staff/staff-pin';
import { ManualClock } from '../session/fakes';

let hash = '';
beforeAll(async () => {
  hash = await hashStaffPin('7391', { N: 1024, r: 8, p: 1 });
});

function auth(clock = new ManualClock(), pinHash = () => hash) {
  return new StaffAuth({
    clock,
    pinHash,
    policy: () => ({ maxFailures: 5, lockoutMinutes: 5, sessionMinutes: 15 }),
  });
}

describe('staff auth', () => {
  it('logs in with the right PIN and checks the token', async () => {
    const a = auth();
    const session = await a.login('7391', '佐藤');
    expect(session.token).toMatch(/^[0-9a-f]{64}$/);
    expect(session.staffName).toBe('佐藤');
    expect(a.check(session.token)).toEqual({ staffName: '佐藤' });
    expect(() => a.check('f'.repeat(64))).toThrow(expect.objectContaining({ code: 'staff.unauthorized' }));
  });

  it('locks out after 5 wrong PINs for 5 minutes, even for the right PIN', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    for (let i = 1; i <= 4; i++) {
      await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    }
    await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.locked-out' });
    await expect(a.login('7391')).rejects.toMatchObject({ code: 'staff.locked-out' });
    clock.advance(5 * 60_000 - 1);
    await expect(a.login('7391')).rejects.toMatchObject({ code: 'staff.locked-out' });
    clock.advance(1);
    await expect(a.login('7391')).resolves.toMatchObject({ staffName: '職員' });
  });

  it('a success resets the failure count', async () => {
    const a = auth();
    for (let i = 0; i < 4; i++)
      await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    await a.login('7391');
    for (let i = 0; i < 4; i++)
      await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
  });

  it('sessions expire after inactivity; use extends them', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    const { token } = await a.login('7391');
    clock.advance(14 * 60_000);
    a.check(token);
    clock.advance(14 * 60_000);
    a.check(token);
    clock.advance(15 * 60_000);
    expect(() => a.check(token)).toThrow(expect.objectContaining({ code: 'staff.unauthorized' }));
  });

  it('logout and logoutAll end sessions', async () => {
    const a = auth();
    const one = await a.login('7391');
    const two = await a.login('7391');
    a.logout(one.token);
    expect(() => a.check(one.token)).toThrow();
    a.check(two.token);
    a.logoutAll();
    expect(() => a.check(two.token)).toThrow();
  });

  it('without a PIN configured nobody logs in', async () => {
    const a = auth(new ManualClock(), () => '');
    await expect(a.login('7391')).rejects.toMatchObject({ code: 'staff.pin-not-set' });
  });
});
