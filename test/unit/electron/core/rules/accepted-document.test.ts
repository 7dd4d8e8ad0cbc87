// Tests of which document keyed entry accepts on a given day (§4.1, §5).
import { describe, expect, it } from 'vitest';
import { acceptedDocument } from '../../../../../electron/core/rules/accepted-document';
import { describeInsurerKind } from '../../../../../electron/core/rules/houbetsu';
import { at, onJstDay } from './support-clock';

const expiry = (year: number, month: number, day: number) => ({ printedExpiry: { year, month, day } });

describe('資格確認書 (eligibility-certificate)', () => {
  it('is accepted within its printed expiry, including the expiry day', () => {
    expect(acceptedDocument('eligibility-certificate', expiry(2026, 7, 31), onJstDay('2026-07-31'))).toEqual({
      ok: true,
      value: { kind: 'eligibility-certificate', basis: 'eligibility-certificate', until: '2026-07-31' },
    });
    expect(acceptedDocument('eligibility-certificate', {}, onJstDay('2030-01-01'))).toMatchObject({
      ok: true,
    });
  });

  it('is refused the day after its expiry, naming the expiry field', () => {
    expect(
      acceptedDocument('eligibility-certificate', expiry(2026, 7, 31), onJstDay('2026-08-01')),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.expired', field: 'validUntil' }],
    });
  });

  it('is refused at JST midnight even while it is still the expiry day in UTC', () => {
    const f = expiry(2026, 7, 31);
    expect(acceptedDocument('eligibility-certificate', f, at('2026-07-31T14:59:59Z')).ok).toBe(true);
    expect(acceptedDocument('eligibility-certificate', f, at('2026-07-31T15:00:00Z')).ok).toBe(false);
  });
});

describe('資格情報のお知らせ (eligibility-notice)', () => {
  it('is accepted with the holder’s My Number card seen by staff, on any day', () => {
    for (const today of ['2025-06-01', '2026-03-31', '2026-04-01', '2027-01-01']) {
      expect(acceptedDocument('eligibility-notice', { staffSawMyNumberCard: true }, onJstDay(today))).toEqual(
        {
          ok: true,
          value: { kind: 'eligibility-notice', basis: 'notice-with-card' },
        },
      );
    }
  });

  it('is accepted alone only inside the 暫定措置 window', () => {
    expect(acceptedDocument('eligibility-notice', {}, onJstDay('2025-12-01'))).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.notice-needs-card', field: 'staffSawMyNumberCard' }],
    });
    expect(acceptedDocument('eligibility-notice', {}, onJstDay('2025-12-02'))).toEqual({
      ok: true,
      value: { kind: 'eligibility-notice', basis: 'provisional-measure', until: '2026-03-31' },
    });
    expect(acceptedDocument('eligibility-notice', {}, onJstDay('2026-03-31')).ok).toBe(true);
    expect(
      acceptedDocument('eligibility-notice', { staffSawMyNumberCard: false }, onJstDay('2026-04-01')),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.notice-needs-card' }],
    });
  });

  it('is refused when its own printed expiry has passed outside the window', () => {
    expect(
      acceptedDocument(
        'eligibility-notice',
        { staffSawMyNumberCard: true, ...expiry(2026, 7, 31) },
        onJstDay('2026-08-01'),
      ),
    ).toMatchObject({ ok: false, errors: [{ code: 'rules.document.expired', field: 'validUntil' }] });
  });
});

describe('健康保険証 (health-insurance-card)', () => {
  it('is accepted within its printed expiry until 2025-12-01', () => {
    expect(acceptedDocument('health-insurance-card', {}, onJstDay('2025-12-01'))).toEqual({
      ok: true,
      value: { kind: 'health-insurance-card', basis: 'within-printed-expiry', until: '2025-12-01' },
    });
    expect(acceptedDocument('health-insurance-card', expiry(2025, 7, 31), onJstDay('2025-07-31'))).toEqual({
      ok: true,
      value: { kind: 'health-insurance-card', basis: 'within-printed-expiry', until: '2025-07-31' },
    });
  });

  it('is refused before the window once its printed expiry has passed', () => {
    expect(
      acceptedDocument('health-insurance-card', expiry(2025, 7, 31), onJstDay('2025-08-01')),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.expired', field: 'validUntil' }],
    });
  });

  it('is accepted only under the 暫定措置 from 2025-12-02 to 2026-03-31', () => {
    for (const today of ['2025-12-02', '2026-01-15', '2026-03-31']) {
      expect(acceptedDocument('health-insurance-card', expiry(2026, 7, 31), onJstDay(today))).toEqual({
        ok: true,
        value: { kind: 'health-insurance-card', basis: 'provisional-measure', until: '2026-03-31' },
      });
    }
  });

  it('turns from the card itself to the 暫定措置 at JST midnight of 2025-12-02', () => {
    expect(acceptedDocument('health-insurance-card', {}, at('2025-12-01T14:59:59Z'))).toMatchObject({
      value: { basis: 'within-printed-expiry' },
    });
    expect(acceptedDocument('health-insurance-card', {}, at('2025-12-01T15:00:00Z'))).toMatchObject({
      value: { basis: 'provisional-measure' },
    });
  });

  it('is refused from 2026-04-01 with a clear message', () => {
    const result = acceptedDocument('health-insurance-card', {}, onJstDay('2026-04-01'));
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.health-card-ended', field: 'documentKind' }],
    });
    if (!result.ok) {
      expect(result.errors[0]?.message.ja).toBe(
        '健康保険証は2025年12月2日以降ご利用いただけません。資格確認書またはマイナ保険証をお持ちください。',
      );
    }
  });
});

describe('the two 暫定措置 windows by insurer (§5)', () => {
  // Kinds of the §4.2 numbers 138057 (市町村国保), 39131016 (後期高齢者, 法別 39), 01130012 (協会けんぽ, 法別 01).
  const kokuho = { insurerKind: describeInsurerKind('138057').kind };
  const koki = { insurerKind: describeInsurerKind('39131016').kind };
  const kyokai = { insurerKind: describeInsurerKind('01130012').kind };
  const provisional = (kind: string) => ({
    ok: true,
    value: { kind, basis: 'provisional-measure', until: '2026-03-31' },
  });

  it.each([
    // Most 国保 and 後期 cards printed 2025-07-31 (§5): valid that day, then the first window.
    ['2025-07-31', kokuho, { ok: true, value: { basis: 'within-printed-expiry', until: '2025-07-31' } }],
    ['2025-08-01', kokuho, provisional('health-insurance-card')],
    ['2025-08-01', koki, provisional('health-insurance-card')],
    // The first window does not cover 協会けんぽ: an expired card stays expired until the second window.
    ['2025-08-01', kyokai, { ok: false, errors: [{ code: 'rules.document.expired' }] }],
    ['2025-12-01', kyokai, { ok: false, errors: [{ code: 'rules.document.expired' }] }],
    ['2025-12-02', kyokai, provisional('health-insurance-card')],
    ['2026-03-31', koki, provisional('health-insurance-card')],
    ['2026-04-01', kokuho, { ok: false, errors: [{ code: 'rules.document.health-card-ended' }] }],
  ] as const)('an expired 健康保険証 on %s (%j)', (today, facts, expected) => {
    expect(
      acceptedDocument('health-insurance-card', { ...facts, ...expiry(2025, 7, 31) }, onJstDay(today)),
    ).toMatchObject(expected);
  });

  it.each([
    ['2025-07-31', kokuho, false],
    ['2025-08-01', kokuho, true],
    ['2025-08-01', koki, true],
    ['2025-08-01', kyokai, false],
    ['2025-12-01', kyokai, false],
    ['2025-12-02', kyokai, true],
    ['2026-03-31', kokuho, true],
    ['2026-04-01', koki, false],
  ] as const)('the お知らせ alone on %s (%j): accepted %s', (today, facts, accepted) => {
    const result = acceptedDocument('eligibility-notice', facts, onJstDay(today));
    expect(result).toMatchObject(
      accepted
        ? provisional('eligibility-notice')
        : { ok: false, errors: [{ code: 'rules.document.notice-needs-card' }] },
    );
  });
});

describe('bad input', () => {
  it.each([undefined, '', 'passport', 42, null, {}])('refuses document kind %j', (kind) => {
    expect(acceptedDocument(kind, {}, onJstDay('2026-01-01'))).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.unknown-kind', field: 'documentKind' }],
    });
  });

  it('refuses when the clock is unusable', () => {
    expect(acceptedDocument('eligibility-certificate', {}, () => new Date(Number.NaN))).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.document.clock-unavailable' }],
    });
  });
});
