// PIN submissions faster than a person can type, or past the session's budget, never reach the card.
import { describe, expect, it } from 'vitest';
import { isKioskError, KioskError } from '../../../../../electron/common/errors';
import { PIN_SUBMIT_LIMITS, PinRateLimiter } from '../../../../../electron/core/session/pin-rate-limit';
import { TYPING_MS, createHarness, type Harness } from './harness';

/** Submits at once (no typing time) and answers the error code, or 'accepted'. */
async function submitNow(h: Harness, pin: string): Promise<string> {
  try {
    h.controller.track(h.session().submitPin(pin));
  } catch (error) {
    if (isKioskError(error)) return error.code;
    throw error;
  }
  await h.settle();
  return 'accepted';
}

describe('PIN submission rate limit', () => {
  it('keeps its limits under a person typing four digits (about a second)', () => {
    expect(PIN_SUBMIT_LIMITS.minIntervalMs).toBeGreaterThan(0);
    expect(PIN_SUBMIT_LIMITS.minIntervalMs).toBeLessThan(1_000);
    expect(TYPING_MS).toBeGreaterThanOrEqual(1_000);
    // Three wrong PINs lock the card; a patient must always get all of them.
    expect(PIN_SUBMIT_LIMITS.maxPerSession).toBeGreaterThanOrEqual(3);
  });

  it('refuses a resubmission right after a wrong PIN: no VERIFY, same screen, same timer', async () => {
    const h = createHarness();
    const card = await h.present({ pin: '1234' });
    await h.pin('9999');
    expect(card.verifies).toHaveLength(1);
    const screen = h.screen();
    expect(screen).toMatchObject({ name: 'pin', wrong: true });
    const changes = h.screens.length;
    const timeout = h.controller.timeoutSeconds();

    expect(await submitNow(h, '1234')).toBe('session.rate-limited');
    expect(card.verifies).toHaveLength(1);
    expect(card.triesLeft).toBe(2);
    expect(h.screen()).toEqual(screen);
    expect(h.screens).toHaveLength(changes);
    expect(h.controller.timeoutSeconds()).toBe(timeout);

    // Typed at a person's pace, the same PIN goes through.
    await h.pin('1234');
    expect(card.verifies).toHaveLength(2);
    expect(h.name()).toBe('consent');
    await h.controller.dispose();
  });

  it('a script that keeps submitting faster than the limit is never admitted', async () => {
    const h = createHarness();
    const card = await h.present({ pin: '1234' });
    await h.pin('9999');
    for (let i = 0; i < 10; i++) {
      h.timers.advance(PIN_SUBMIT_LIMITS.minIntervalMs - 1);
      expect(await submitNow(h, '1234')).toBe('session.rate-limited');
    }
    expect(card.verifies).toHaveLength(1);
    h.timers.advance(PIN_SUBMIT_LIMITS.minIntervalMs);
    expect(await submitNow(h, '1234')).toBe('accepted');
    expect(card.verifies).toHaveLength(2);
    await h.controller.dispose();
  });

  it('caps the submissions of one card session, and a new card starts a new budget', async () => {
    const h = createHarness();
    const card = await h.present({ pin: '1234', triesLeft: 15 });
    for (let i = 0; i < PIN_SUBMIT_LIMITS.maxPerSession; i++) await h.pin('9999');
    expect(card.verifies).toHaveLength(PIN_SUBMIT_LIMITS.maxPerSession);
    expect(h.name()).toBe('pin');
    h.timers.advance(TYPING_MS);
    expect(await submitNow(h, '1234')).toBe('session.rate-limited');
    expect(card.verifies).toHaveLength(PIN_SUBMIT_LIMITS.maxPerSession);
    expect(h.name()).toBe('pin');

    // A different card (another certificate) starts afresh; the same card put back keeps the count.
    await h.remove();
    const next = await h.present({ pin: '1234', serialNumber: '0a000002' });
    await h.pin('1234');
    expect(next.verifies).toHaveLength(1);
    expect(h.name()).toBe('consent');
    await h.controller.dispose();
  });

  it('times the first submission only from a previous one; refusals restart the interval', () => {
    const limiter = new PinRateLimiter({ minIntervalMs: 300, maxPerSession: 2 });
    limiter.pinShown(0);
    expect(() => limiter.admit(1)).not.toThrow();
    limiter.pinShown(1_000);
    const refused = (at: number): string | undefined => {
      try {
        limiter.admit(at);
        return undefined;
      } catch (error) {
        return error instanceof KioskError ? error.code : 'other';
      }
    };
    expect(refused(1_299)).toBe('session.rate-limited');
    expect(refused(1_500)).toBe('session.rate-limited');
    expect(refused(1_800)).toBeUndefined();
    // Budget spent: refused however slow.
    expect(refused(60_000)).toBe('session.rate-limited');
  });
});
