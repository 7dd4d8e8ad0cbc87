// The pure decisions of the check-in machine: the PIN guards and the authentication options.
import { describe, expect, it } from 'vitest';
import { authOptions, pinGuard, type GuardFacts } from '../../../../../electron/core/session/session-state';

const facts = (overrides: Partial<GuardFacts> = {}): GuardFacts => ({
  certificateState: 'valid',
  tokenKind: 'card',
  pinState: { state: 'ready', triesLeft: 3 },
  lastTryAcknowledged: false,
  ...overrides,
});

describe('PIN guards (my-number-card.md §10 pitfall 16)', () => {
  it('lets the PIN through with tries to spare', () => {
    expect(pinGuard(facts())).toEqual({ k: 'verify' });
    expect(pinGuard(facts({ pinState: undefined }))).toEqual({ k: 'verify' });
  });

  it('refuses an expired certificate before anything else, naming phones apart', () => {
    expect(pinGuard(facts({ certificateState: 'expired', pinState: { state: 'locked' } }))).toEqual({
      k: 'fail',
      reason: 'certificate-expired',
      code: 'session.certificate-expired',
    });
    expect(pinGuard(facts({ certificateState: 'expired', tokenKind: 'android' }))).toMatchObject({
      reason: 'phone-certificate-expired',
    });
  });

  it('never sends a VERIFY to a locked card: 目視 for a card, an error for a phone', () => {
    expect(pinGuard(facts({ pinState: { state: 'locked' } }))).toEqual({ k: 'choose', reason: 'pin-locked' });
    expect(pinGuard(facts({ tokenKind: 'iphone', pinState: { state: 'locked' } }))).toEqual({
      k: 'fail',
      reason: 'phone-pin-locked',
      code: 'card.pin-locked',
    });
  });

  it('a card without a PIN goes to 目視; the last try needs acknowledging', () => {
    expect(pinGuard(facts({ pinState: { state: 'not-set' } }))).toEqual({ k: 'choose', reason: 'no-pin' });
    const last = { pinState: { state: 'ready', triesLeft: 1 } } as const;
    expect(pinGuard(facts(last))).toEqual({ k: 'choose', reason: 'last-try' });
    expect(pinGuard(facts({ ...last, lastTryAcknowledged: true }))).toEqual({ k: 'verify' });
  });
});

describe('authentication options', () => {
  it('目視 only for a physical card (oqs-and-insurance.md §5)', () => {
    expect(authOptions('last-try', 'card')).toEqual(['visual', 'pin']);
    expect(authOptions('last-try', 'android')).toEqual(['pin']);
    expect(authOptions('pin-locked', 'card')).toEqual(['visual']);
    expect(authOptions('no-pin', null)).toEqual(['visual']);
  });
});
