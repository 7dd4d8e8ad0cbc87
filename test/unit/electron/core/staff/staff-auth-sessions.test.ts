// Staff sessions: an idle timeout only staff actions extend, an absolute lifetime, and a lockout per surface.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KioskError } from '../../../../../electron/common/errors';
import { accountsInForce } from '../../../../../electron/core/staff/staff-accounts';
import {
  IDLE_SIGN_OUT_MESSAGE,
  LIFETIME_SIGN_OUT_MESSAGE,
  StaffAuth,
} from '../../../../../electron/core/staff/staff-auth';
import {
  guardStaffHandlers,
  guardedStaffChannels,
  staffUseOf,
  type GuardedStaffHandlers,
} from '../../../../../electron/core/staff/staff-guard';
import { hashStaffPin } from '../../../../../electron/core/staff/staff-pin';
import { ManualClock } from '../session/fakes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let hash = '';
beforeAll(async () => {
  hash = await hashStaffPin('7391', { N: 1024, r: 8, p: 1 });
});

/** The example policy of the issue: 15 idle minutes, 8 hours in all, 5 failures → 5 minutes. */
function auth(clock: ManualClock) {
  return new StaffAuth({
    clock,
    accounts: () => accountsInForce({ accounts: [], pinHash: hash }),
    policy: () => ({ maxFailures: 5, lockoutMinutes: 5, sessionMinutes: 15, sessionMaxHours: 8 }),
  });
}

const unauthorized = (message: string) =>
  expect.objectContaining({ code: 'staff.unauthorized', message }) as unknown as KioskError;

describe('staff session idle timeout', () => {
  it('background use (the status poll) does not extend the session: it ends 15 minutes after the last action', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    const { token } = await a.login('7391');
    // The console re-reads its status every few seconds; none of it is a person acting.
    for (let t = 0; t < 15 * 60 - 10; t += 10) {
      clock.advance(10_000);
      a.check(token, 'background');
    }
    clock.advance(10_000);
    expect(() => a.check(token, 'background')).toThrow(unauthorized(IDLE_SIGN_OUT_MESSAGE));
    // Gone for good, not only for background use.
    expect(() => a.check(token, 'action')).toThrow(expect.objectContaining({ code: 'staff.unauthorized' }));
  });

  it('a staff action extends the idle timeout by the full 15 minutes', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    const { token } = await a.login('7391');
    clock.advance(14 * MINUTE);
    a.check(token, 'action');
    clock.advance(14 * MINUTE);
    a.check(token, 'background');
    clock.advance(MINUTE - 1);
    a.check(token, 'background');
    clock.advance(1);
    expect(() => a.check(token, 'background')).toThrow(unauthorized(IDLE_SIGN_OUT_MESSAGE));
  });

  it('the sign-in answer names the idle deadline', async () => {
    const clock = new ManualClock();
    const session = await auth(clock).login('7391');
    expect(Date.parse(session.expiresAt)).toBe(clock.now().getTime() + 15 * MINUTE);
  });
});

describe('staff session absolute lifetime', () => {
  it('ends 8 hours after sign-in however busy the staff member is', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    const { token } = await a.login('7391');
    // An action every 10 minutes for just under 8 hours keeps it alive...
    for (let t = 10; t < 8 * 60; t += 10) {
      clock.advance(10 * MINUTE);
      a.check(token, 'action');
    }
    clock.advance(8 * HOUR - (8 * 60 - 10) * MINUTE - 1);
    a.check(token, 'action');
    // ...and at 8 hours it ends, with its own reason.
    clock.advance(1);
    expect(() => a.check(token, 'action')).toThrow(unauthorized(LIFETIME_SIGN_OUT_MESSAGE));
  });
});

describe('staff lockout per surface', () => {
  it('five wrong PINs at the kiosk lock the kiosk entry, not the desk console', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    for (let i = 1; i <= 4; i++)
      await expect(a.login('0000', undefined, 'kiosk')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    await expect(a.login('0000', undefined, 'kiosk')).rejects.toMatchObject({ code: 'staff.locked-out' });
    await expect(a.login('7391', undefined, 'kiosk')).rejects.toMatchObject({ code: 'staff.locked-out' });
    await expect(a.login('7391', undefined, 'desk')).resolves.toMatchObject({ staffName: '管理者' });
    // The desk's own count is untouched: it still has all five tries.
    await expect(a.login('0000', undefined, 'desk')).rejects.toThrow('あと4回');
  });

  it('a PIN change counts against the surface its session signed in at', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    const kioskSession = await a.login('7391', undefined, 'kiosk');
    for (let i = 1; i <= 4; i++) await expect(a.confirmPin('0000', kioskSession.token)).rejects.toThrow();
    await expect(a.confirmPin('0000', kioskSession.token)).rejects.toMatchObject({
      code: 'staff.locked-out',
    });
    await expect(a.login('7391', undefined, 'desk')).resolves.toBeDefined();
    await expect(a.login('7391', undefined, 'kiosk')).rejects.toMatchObject({ code: 'staff.locked-out' });
  });
});

describe('which calls count as a staff action', () => {
  it('the status read and any request marked background do not; everything else does', () => {
    expect(staffUseOf('staff.status', {})).toBe('background');
    expect(staffUseOf('staff.confirmations.list', { background: true })).toBe('background');
    expect(staffUseOf('staff.confirmations.list', {})).toBe('action');
    expect(staffUseOf('staff.visual.approve', {})).toBe('action');
  });

  it('the guard passes that use to the session check', async () => {
    const clock = new ManualClock();
    const a = auth(clock);
    const { token } = await a.login('7391');
    const handlers = Object.fromEntries(guardedStaffChannels.map((c) => [c, () => null]));
    const guarded = guardStaffHandlers(a, handlers as unknown as GuardedStaffHandlers) as unknown as Record<
      string,
      (request: { token: string; background?: true }) => unknown
    >;
    const status = guarded['staff.status'];
    const list = guarded['staff.confirmations.list'];
    if (!status || !list) throw new Error('guarded handlers missing');
    clock.advance(10 * MINUTE);
    status({ token });
    list({ token, background: true });
    clock.advance(5 * MINUTE);
    // 15 minutes since sign-in with only background calls: signed out.
    expect(() => status({ token })).toThrow(unauthorized(IDLE_SIGN_OUT_MESSAGE));
  });
});
