// The token bucket allows a burst, then only the refill rate, with time from an injected clock.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../electron/web-host/token-bucket';

describe('TokenBucket', () => {
  it('allows the burst, refuses the next call, and refills at the given rate up to capacity', () => {
    const clock = { now: 0 };
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 2, now: () => clock.now });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.now += 499;
    expect(bucket.take()).toBe(false);
    clock.now += 1;
    expect(bucket.take()).toBe(true);
    clock.now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('does not mint tokens when the clock goes backwards', () => {
    const clock = { now: 10_000 };
    const bucket = new TokenBucket({ capacity: 1, refillPerSecond: 1, now: () => clock.now });
    expect(bucket.take()).toBe(true);
    clock.now = 0;
    expect(bucket.take()).toBe(false);
  });
});
