// Press-and-hold on the staff entrance: a tap does nothing, a 2-second hold opens, progress shows meanwhile.
import { describe, expect, it } from 'vitest';
import { STAFF_HOLD_MS, createHold, type HoldClock } from '../../../../../renderer/screens/idle/hold-to-open';

function manualClock() {
  let now = 0;
  const ticks = new Set<{ ms: number; last: number; tick: () => void }>();
  const clock: HoldClock = {
    now: () => now,
    every(ms, tick) {
      const entry = { ms, last: now, tick };
      ticks.add(entry);
      return () => void ticks.delete(entry);
    },
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    while (now < end) {
      now += 1;
      for (const t of [...ticks]) {
        if (now - t.last >= t.ms) {
          t.last = now;
          t.tick();
        }
      }
    }
  };
  return { clock, advance, running: () => ticks.size };
}

describe('createHold', () => {
  it('is two seconds: long beyond a tap, short for staff', () => {
    expect(STAFF_HOLD_MS).toBe(2_000);
  });

  it('opens once the hold reaches the full time, with progress rising on the way', () => {
    const { clock, advance, running } = manualClock();
    const progress: number[] = [];
    let opened = 0;
    const hold = createHold(
      clock,
      (f) => progress.push(f),
      () => (opened += 1),
    );
    hold.start();
    advance(STAFF_HOLD_MS / 2);
    expect(opened).toBe(0);
    expect(progress.at(-1)).toBeGreaterThan(0.4);
    expect(progress.at(-1)).toBeLessThanOrEqual(0.5);
    advance(STAFF_HOLD_MS / 2 + 50);
    expect(opened).toBe(1);
    expect(progress.at(-1)).toBe(1);
    expect(running()).toBe(0);
  });

  it('a release before the time opens nothing and drops progress to zero', () => {
    const { clock, advance } = manualClock();
    const progress: number[] = [];
    let opened = 0;
    const hold = createHold(
      clock,
      (f) => progress.push(f),
      () => (opened += 1),
    );
    hold.start();
    advance(STAFF_HOLD_MS - 200);
    hold.cancel();
    expect(progress.at(-1)).toBe(0);
    advance(STAFF_HOLD_MS);
    expect(opened).toBe(0);
  });

  it('a repeated start while held (a key repeating) does not restart the count', () => {
    const { clock, advance } = manualClock();
    let opened = 0;
    const hold = createHold(
      clock,
      () => undefined,
      () => (opened += 1),
    );
    hold.start();
    advance(STAFF_HOLD_MS / 2);
    hold.start();
    advance(STAFF_HOLD_MS / 2 + 50);
    expect(opened).toBe(1);
  });
});
