// The scrypt gate: at most N tasks at once, in arrival order, a failing task frees its place; logins at both surfaces share it.
import { describe, expect, it } from 'vitest';
import { accountsInForce } from '../../../../../electron/core/staff/staff-accounts';
import { StaffAuth } from '../../../../../electron/core/staff/staff-auth';
import { hashStaffPin, verifyStaffPin } from '../../../../../electron/core/staff/staff-pin';
import { defaultScryptConcurrency, WorkGate } from '../../../../../electron/core/staff/work-gate';
import { ManualClock } from '../session/fakes';

/** A task the test finishes by hand, recording when it started. */
function manualTasks() {
  const started: number[] = [];
  const finish = new Map<number, (fail?: boolean) => void>();
  const task = (id: number) => (): Promise<number> =>
    new Promise((resolve, reject) => {
      started.push(id);
      finish.set(id, (fail) => (fail ? reject(new Error(`task ${id} failed`)) : resolve(id)));
    });
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, finish, task, settle };
}

describe('work gate', () => {
  it('runs one task at a time in arrival order', async () => {
    const gate = new WorkGate(1);
    const { started, finish, task, settle } = manualTasks();
    const results = [1, 2, 3].map((id) => gate.run(task(id)));
    await settle();
    expect(started).toEqual([1]);
    expect(gate.load()).toEqual({ running: 1, waiting: 2 });
    finish.get(1)?.();
    await settle();
    expect(started).toEqual([1, 2]);
    // A task that fails frees its place as well.
    finish.get(2)?.(true);
    await settle();
    expect(started).toEqual([1, 2, 3]);
    finish.get(3)?.();
    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(gate.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('runs up to N at once', async () => {
    const gate = new WorkGate(2);
    const { started, finish, task, settle } = manualTasks();
    const results = [1, 2, 3, 4].map((id) => gate.run(task(id)));
    await settle();
    expect(started).toEqual([1, 2]);
    finish.get(2)?.();
    await settle();
    expect(started).toEqual([1, 2, 3]);
    for (const id of [1, 3]) finish.get(id)?.();
    await settle();
    finish.get(4)?.();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
  });

  it('never takes the whole libuv pool, and at least one', () => {
    const n = defaultScryptConcurrency();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual((Number(process.env.UV_THREADPOOL_SIZE) || 4) - 1);
    expect(() => new WorkGate(0)).toThrow(RangeError);
  });
});

describe('staff auth through the gate', () => {
  it('a burst at both surfaces runs one scrypt verification at a time', async () => {
    const hash = await hashStaffPin('7391', { N: 1024, r: 8, p: 1 });
    const counts = { overlapping: 0, maxOverlapping: 0, runs: 0 };
    const auth = new StaffAuth({
      clock: new ManualClock(),
      accounts: () => accountsInForce({ accounts: [], pinHash: hash }),
      policy: () => ({ maxFailures: 20, lockoutMinutes: 5, sessionMinutes: 15, sessionMaxHours: 8 }),
      scryptGate: new WorkGate(1),
      verifyPin: async (pin, encoded) => {
        counts.runs += 1;
        counts.overlapping += 1;
        counts.maxOverlapping = Math.max(counts.maxOverlapping, counts.overlapping);
        try {
          return await verifyStaffPin(pin, encoded);
        } finally {
          counts.overlapping -= 1;
        }
      },
    });
    const attempts = Array.from({ length: 10 }, (_, i) =>
      auth.login(i === 9 ? '7391' : '0000', undefined, i % 2 === 0 ? 'kiosk' : 'desk'),
    );
    await Promise.allSettled(attempts);
    expect(counts).toEqual({ overlapping: 0, maxOverlapping: 1, runs: 10 });
  });
});
