// Staff login: lockout after repeated failures (also under concurrent guesses and PIN-change checks), expiring sessions, tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsInForce } from '../../../../../electron/core/staff/staff-accounts';
import { StaffAuth } from '../../../../../electron/core/staff/staff-auth';
import { hashStaffPin, verifyStaffPin } from '../../../../../electron/core/staff/staff-pin';
import { ManualClock } from '../session/fakes';

let hash = '';
beforeAll(async () => {
  hash = await hashStaffPin('7391', { N: 1024, r: 8, p: 1 });
});

function auth(
  clock = new ManualClock(),
  pinHash = () => hash,
  verifyPin: (pin: string, encoded: string) => Promise<boolean> = verifyStaffPin,
) {
  return new StaffAuth({
    clock,
    accounts: () => accountsInForce({ accounts: [], pinHash: pinHash() }),
    policy: () => ({ maxFailures: 5, lockoutMinutes: 5, sessionMinutes: 15, sessionMaxHours: 8 }),
    verifyPin,
  });
}

/** A verifier that counts the verifications it runs and how many overlap. */
function countingVerifier() {
  const counts = { runs: 0, failed: 0, overlapping: 0, maxOverlapping: 0 };
  const verifyPin = async (pin: string, encoded: string): Promise<boolean> => {
    counts.runs += 1;
    counts.overlapping += 1;
    counts.maxOverlapping = Math.max(counts.maxOverlapping, counts.overlapping);
    try {
      const ok = await verifyStaffPin(pin, encoded);
      if (!ok) counts.failed += 1;
      return ok;
    } finally {
      counts.overlapping -= 1;
    }
  };
  return { counts, verifyPin };
}

/** The error code of a settled attempt, or 'ok'. */
const outcome = (settled: PromiseSettledResult<unknown>): string =>
  settled.status === 'fulfilled' ? 'ok' : String((settled.reason as { code?: unknown }).code);

function tally(codes: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of codes) out[code] = (out[code] ?? 0) + 1;
  return out;
}

describe('staff auth', () => {
  it('logs in with the right PIN and checks the token', async () => {
    const a = auth();
    const session = await a.login('7391');
    expect(session.token).toMatch(/^[0-9a-f]{64}$/);
    expect(session.staffName).toBe('管理者');
    expect(a.check(session.token)).toEqual({ staffName: '管理者', role: 'admin' });
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
    await expect(a.login('7391')).resolves.toMatchObject({ staffName: '管理者' });
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

  it('1,000 concurrent guesses, the right PIN last: 5 verifications fail, then every attempt is refused', async () => {
    const clock = new ManualClock();
    const { counts, verifyPin } = countingVerifier();
    const a = auth(clock, () => hash, verifyPin);
    const pins = Array.from({ length: 999 }, (_, i) => String(i).padStart(4, '0')).concat('7391');
    const settled = await Promise.allSettled(pins.map((pin) => a.login(pin)));
    const codes = settled.map(outcome);
    expect(counts).toMatchObject({ runs: 5, failed: 5, maxOverlapping: 1 });
    expect(tally(codes)).toEqual({ 'staff.pin-wrong': 4, 'staff.locked-out': 996 });
    expect(codes.at(-1)).toBe('staff.locked-out');
    await expect(a.login('7391')).rejects.toMatchObject({ code: 'staff.locked-out' });
    expect(counts.runs).toBe(5);
    clock.advance(5 * 60_000);
    await expect(a.login('7391')).resolves.toMatchObject({ staffName: '管理者' });
  });

  it('attempts are counted before their verify resolves: a verify that throws is a failure', async () => {
    // Four verifies that throw are four failures: the next wrong PIN locks.
    const failing = { fail: true };
    const a = auth(
      new ManualClock(),
      () => hash,
      (pin, encoded) =>
        failing.fail ? Promise.reject(new Error('scrypt failed')) : verifyStaffPin(pin, encoded),
    );
    for (let i = 0; i < 4; i++) await expect(a.login('0000')).rejects.toThrow('scrypt failed');
    failing.fail = false;
    await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.locked-out' });
  });

  it('a wrong PIN at a PIN change counts towards the lockout and answers as a wrong login', async () => {
    const clock = new ManualClock();
    const { counts, verifyPin } = countingVerifier();
    const a = auth(clock, () => hash, verifyPin);
    const viaChange = await a.confirmPin('0000').catch((error: unknown) => error);
    const other = auth(clock, () => hash);
    const viaLogin = await other.login('0000').catch((error: unknown) => error);
    expect(viaChange).toMatchObject({ code: 'staff.pin-wrong' });
    expect(viaChange).toEqual(viaLogin);
    expect((viaChange as Error).message).toBe((viaLogin as Error).message);
    await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    await expect(a.confirmPin('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    await expect(a.confirmPin('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    await expect(a.confirmPin('0000')).rejects.toMatchObject({ code: 'staff.locked-out' });
    // Locked out: the right PIN is refused on both paths, and nothing more is verified.
    await expect(a.confirmPin('7391')).rejects.toMatchObject({ code: 'staff.locked-out' });
    await expect(a.login('7391')).rejects.toMatchObject({ code: 'staff.locked-out' });
    expect(counts.runs).toBe(5);
    clock.advance(5 * 60_000);
    await expect(a.confirmPin('7391')).resolves.toBeUndefined();
  });

  it('a right PIN at a PIN change resets the failure count like a login', async () => {
    const a = auth();
    for (let i = 0; i < 4; i++)
      await expect(a.login('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
    await a.confirmPin('7391');
    for (let i = 0; i < 4; i++)
      await expect(a.confirmPin('0000')).rejects.toMatchObject({ code: 'staff.pin-wrong' });
  });

  it('1,000 concurrent PIN-change checks are bounded the same way', async () => {
    const { counts, verifyPin } = countingVerifier();
    const a = auth(new ManualClock(), () => hash, verifyPin);
    const pins = Array.from({ length: 999 }, (_, i) => String(i).padStart(4, '0')).concat('7391');
    const settled = await Promise.allSettled(pins.map((pin) => a.confirmPin(pin)));
    expect(counts).toMatchObject({ runs: 5, failed: 5, maxOverlapping: 1 });
    expect(tally(settled.map(outcome))).toEqual({ 'staff.pin-wrong': 4, 'staff.locked-out': 996 });
  });
});
