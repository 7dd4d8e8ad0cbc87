// Tests of the 利用者証明用 certificate states: valid, expiring soon, grace (card only), expired (§5).
import { describe, expect, it } from 'vitest';
import {
  certificateGraceUntil,
  certificateStatus,
} from '../../../../../electron/core/rules/certificate-status';
import { at, onJstDay } from './support-clock';

/** A certificate that ends at the last second of 2026-05-15 in Japan. */
const validTo = new Date('2026-05-15T23:59:59+09:00');
const card = { validTo, tokenKind: 'card' as const };

describe('certificateStatus', () => {
  it('is valid more than 3 months before expiry', () => {
    expect(certificateStatus(card, onJstDay('2026-02-14'))).toEqual({ state: 'valid' });
  });

  it('warns from 3 months before expiry, counting days left', () => {
    expect(certificateStatus(card, onJstDay('2026-02-15'))).toEqual({ state: 'expiring-soon', daysLeft: 89 });
    expect(certificateStatus(card, onJstDay('2026-05-14'))).toEqual({ state: 'expiring-soon', daysLeft: 1 });
    expect(certificateStatus(card, at('2026-05-15T23:59:59+09:00'))).toEqual({
      state: 'expiring-soon',
      daysLeft: 0,
    });
  });

  it('gives a card eligibility-only grace through the end of the 3rd month after the month of expiry', () => {
    const grace = { state: 'grace', until: '2026-08-31', dataSharingAllowed: false };
    expect(certificateStatus(card, at('2026-05-16T00:00:00+09:00'))).toEqual(grace);
    expect(certificateStatus(card, onJstDay('2026-08-15'))).toEqual(grace);
    expect(certificateStatus(card, at('2026-08-31T23:59:59+09:00'))).toEqual(grace);
    expect(certificateStatus(card, at('2026-09-01T00:00:00+09:00'))).toEqual({ state: 'expired' });
  });

  it('gives smartphones no grace at all', () => {
    for (const tokenKind of ['android', 'iphone'] as const) {
      expect(certificateStatus({ validTo, tokenKind }, onJstDay('2026-05-14'))).toEqual({
        state: 'expiring-soon',
        daysLeft: 1,
      });
      expect(certificateStatus({ validTo, tokenKind }, at('2026-05-16T00:00:00+09:00'))).toEqual({
        state: 'expired',
      });
    }
  });

  it('uses the JST date of the expiry instant, not the UTC one', () => {
    // 2026-05-31T16:00Z is already 2026-06-01 in Japan, so the grace runs to the end of September.
    const lateUtc = { validTo: new Date('2026-05-31T16:00:00Z'), tokenKind: 'card' as const };
    expect(certificateStatus(lateUtc, onJstDay('2026-09-15'))).toEqual({
      state: 'grace',
      until: '2026-09-30',
      dataSharingAllowed: false,
    });
  });

  it('treats an unreadable expiry or clock as expired', () => {
    expect(
      certificateStatus({ validTo: new Date(Number.NaN), tokenKind: 'card' }, onJstDay('2026-01-01')),
    ).toEqual({
      state: 'expired',
    });
    expect(certificateStatus(card, () => new Date(Number.NaN))).toEqual({ state: 'expired' });
    expect(
      certificateStatus(card, () => {
        throw new Error('no clock');
      }),
    ).toEqual({ state: 'expired' });
  });
});

describe('certificateGraceUntil', () => {
  it.each([
    [
      { year: 2026, month: 5, day: 15 },
      { year: 2026, month: 8, day: 31 },
    ],
    [
      { year: 2026, month: 5, day: 31 },
      { year: 2026, month: 8, day: 31 },
    ],
    [
      { year: 2026, month: 11, day: 1 },
      { year: 2027, month: 2, day: 28 },
    ],
    [
      { year: 2027, month: 11, day: 30 },
      { year: 2028, month: 2, day: 29 },
    ],
    [
      { year: 2026, month: 12, day: 10 },
      { year: 2027, month: 3, day: 31 },
    ],
  ])('%o → %o', (expiry, until) => {
    expect(certificateGraceUntil(expiry)).toEqual(until);
  });
});

describe('certificateStatus on malformed facts', () => {
  it('treats missing or non-date facts as expired instead of throwing', () => {
    for (const facts of [
      null,
      undefined,
      {},
      { validTo: '2030-01-01', tokenKind: 'card' },
      { validTo, tokenKind: 'tablet' },
    ]) {
      const status = certificateStatus(
        facts as unknown as Parameters<typeof certificateStatus>[0],
        onJstDay('2026-06-01'),
      );
      expect(status).toEqual({ state: 'expired' });
    }
  });
});
