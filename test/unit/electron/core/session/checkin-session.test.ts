// The check-in session: every route and transition, removal and timeout in every state, and what is logged.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Screen } from '../../../../../electron/common/contract';
import { CHALLENGE_BYTES, SessionStateError } from '../../../../../electron/core/session/checkin-session';
import { ManualClock, person, result, type FakeCardState } from './fakes';
import { TYPING_MS, createHarness, flush, type Harness } from './harness';

const names = (h: Harness): string[] => h.screens.map((s) => s.name);

/** A session waiting on the eligibility answer, which arrives once `gate` opens. */
async function heldAtConfirmation() {
  const h = createHarness();
  const { Gate } = await import('./fakes');
  const gate = new Gate();
  h.gateway.answer = async () => {
    await gate.promise;
    return result();
  };
  await h.toConsent();
  h.session().consentAll(true);
  await flush();
  return { h, gate };
}

describe('card + PIN route', () => {
  it('runs from the card to the result and the take-card screen, logging before the result shows', async () => {
    const h = createHarness();
    const card = await h.present();
    expect(h.screen()).toEqual({
      name: 'pin',
      tokenKind: 'card',
      triesLeft: 3,
      lastTry: false,
      wrong: false,
    });
    await h.pin('1234');
    expect(h.screen()).toEqual({ name: 'consent', items: ['medication', 'checkup'], choices: {} });
    h.session().consentAll(true);
    // No 限度額 screen by default (oqs-and-insurance.md §3): the confirmation starts at once.
    expect(h.screen()).toEqual({ name: 'processing', step: 'confirming' });
    await h.settle();
    // Nothing financial on the patient's screen by default: the name to check and the number.
    expect(h.screen()).toEqual({
      name: 'result',
      outcome: 'confirmed',
      person: { name: '山田 太郎', nameNeedsStaffCheck: false },
      notices: [],
      eligibilityOnly: false,
      receptionNumber: 1,
    });
    expect(names(h)).toEqual([
      'reading',
      'pin',
      'pin',
      'processing',
      'processing',
      'consent',
      'processing',
      'result',
    ]);

    // One VERIFY, on an EXCLUSIVE connection, then a fresh 32-byte challenge signed.
    expect(card.verifies).toEqual([{ pin: '1234', lockedAtTheTime: false, mode: 'exclusive' }]);
    expect(card.challenges).toHaveLength(1);
    expect(card.challenges[0]).toHaveLength(CHALLENGE_BYTES);
    const request = h.gateway.requests[0];
    expect(request?.route).toBe('card-pin');
    expect(request?.route !== 'keyed' && request?.limitConsent).toBe(true);
    expect(request?.route !== 'keyed' && request?.consents).toEqual({ medication: true, checkup: true });
    expect(h.gateway.requestCopies[0]?.signature).toHaveLength(256);

    const row = h.log.rows[0];
    expect(h.log.rows).toHaveLength(1);
    expect(row).toMatchObject({
      route: 'card-pin',
      outcome: 'confirmed',
      validity: 1,
      receptionNumber: 1,
      name: '山田 太郎',
      insurerNumber: '06139994',
      copayTenths: 3,
      limitClass: 'A03',
      terminal: '受付1',
      reader: 'R1',
      certificateSerialHash: createHash('sha256').update('0a000001').digest('hex'),
      consents: {
        medication: { agreed: true, at: h.clock.now().toISOString() },
        checkup: { agreed: true, at: h.clock.now().toISOString() },
      },
    });
    // Not asked, so no 限度額 answer on record.
    expect(row?.limitConsent).toBeUndefined();
    const text = JSON.stringify(row);
    expect(text).not.toContain('1234"');
    expect(text).not.toMatch(/challenge|signature/);

    h.session().resultDone();
    expect(h.name()).toBe('take-card');
    await h.remove();
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toHaveLength(1);
  });

  it('shows the PIN pad as soon as SELECT succeeds, before the rest is read', async () => {
    const h = createHarness();
    const { Gate, FakeCardState } = await import('./fakes');
    const gate = new Gate();
    const card = new FakeCardState({ readGate: gate });
    h.reader.insert('R1', card);
    for (let i = 0; i < 5; i++) await flush();
    expect(h.screen()).toEqual({
      name: 'pin',
      tokenKind: null,
      triesLeft: null,
      lastTry: false,
      wrong: false,
    });
    // The patient submits before the reads finish: the VERIFY waits for the tries-left query.
    h.timers.advance(TYPING_MS);
    h.controller.track(h.session().submitPin('1234'));
    await flush();
    expect(card.verifies).toHaveLength(0);
    gate.open();
    await h.settle();
    expect(card.verifies).toHaveLength(1);
    expect(h.name()).toBe('consent');
  });

  it('numbers receptions per day', async () => {
    const h = createHarness();
    await h.toResult();
    h.session().resultDone();
    await h.remove();
    await h.toResult();
    expect(h.screen()).toMatchObject({ name: 'result', receptionNumber: 2 });
  });

  it('a wrong PIN gives the PIN pad again with tries left, and nothing is retried', async () => {
    const h = createHarness();
    const card = await h.present();
    await h.pin('9999');
    expect(h.screen()).toEqual({ name: 'pin', tokenKind: 'card', triesLeft: 2, lastTry: false, wrong: true });
    expect(card.verifies).toHaveLength(1);
    await h.pin('1234');
    expect(card.verifies).toHaveLength(2);
    expect(h.name()).toBe('consent');
  });

  it('warns before the last try and offers the staff check instead of guessing', async () => {
    const h = createHarness();
    const card = await h.present({ triesLeft: 2 });
    await h.pin('0000');
    expect(h.screen()).toEqual({
      name: 'choose-auth',
      reason: 'last-try',
      options: ['visual', 'pin'],
      wrong: true,
    });
    expect(() => h.session().submitPin('1234')).toThrow(SessionStateError);
    h.session().chooseAuth('pin');
    expect(h.screen()).toEqual({ name: 'pin', tokenKind: 'card', triesLeft: 1, lastTry: true, wrong: false });
    await h.pin('1234');
    expect(h.name()).toBe('consent');
    expect(card.verifies).toHaveLength(2);
  });

  it('a card with one try left goes to the warning before any PIN is typed', async () => {
    const h = createHarness();
    const card = await h.present({ triesLeft: 1 });
    expect(h.screen()).toEqual({ name: 'choose-auth', reason: 'last-try', options: ['visual', 'pin'] });
    h.session().chooseAuth('visual');
    expect(h.name()).toBe('visual-wait');
    expect(card.verifies).toHaveLength(0);
  });

  it('the last wrong try locks the card, which then only offers the visual check', async () => {
    const h = createHarness();
    const card = await h.present({ triesLeft: 1 });
    h.session().chooseAuth('pin');
    await h.pin('0000');
    expect(h.screen()).toEqual({
      name: 'choose-auth',
      reason: 'pin-locked',
      options: ['visual'],
      wrong: true,
    });
    expect(() => h.session().chooseAuth('pin')).toThrow(SessionStateError);
    expect(card.verifies.filter((v) => v.lockedAtTheTime)).toHaveLength(0);
  });

  it('a locked card never gets a VERIFY', async () => {
    const h = createHarness();
    const card = await h.present({ triesLeft: 0 });
    expect(h.screen()).toEqual({ name: 'choose-auth', reason: 'pin-locked', options: ['visual'] });
    expect(() => h.session().submitPin('1234')).toThrow(SessionStateError);
    expect(card.verifies).toHaveLength(0);
  });

  it('a card without a PIN goes to the visual check', async () => {
    const h = createHarness();
    await h.present({ pinNotSet: true });
    expect(h.screen()).toEqual({ name: 'choose-auth', reason: 'no-pin', options: ['visual'] });
  });

  it('refuses a card that is not a My Number card, and logs the attempt', async () => {
    const h = createHarness();
    await h.present({ myNumber: false });
    expect(h.screen()).toEqual({
      name: 'error',
      reason: 'not-my-number-card',
      code: 'card.not-my-number-card',
      cardPresent: true,
    });
    expect(h.log.rows[0]).toMatchObject({ outcome: 'error', errorCode: 'card.not-my-number-card' });
    await h.remove();
    // The message stays readable for card.afterLift seconds after the card is taken.
    expect(h.screen()).toMatchObject({ name: 'error', cardPresent: false });
    await h.advance(15_000);
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toHaveLength(1);
  });
});

describe('certificates and smartphones', () => {
  it('an expired certificate past the grace is refused before the PIN', async () => {
    const h = createHarness();
    const card = await h.present({ validTo: new Date('2025-01-10T00:00:00Z') });
    expect(h.screen()).toMatchObject({ name: 'error', reason: 'certificate-expired' });
    expect(card.verifies).toHaveLength(0);
  });

  // oqs-and-insurance.md §5: in the grace the card works for eligibility only, "no sharing of 薬剤・診療情報";
  // nothing there restricts 限度額, which since 2024-10-07 is provided without consent (§3).
  it('within the grace: no data-sharing consent, and 限度額 still passed on', async () => {
    const h = createHarness();
    await h.present({ validTo: new Date('2026-04-20T00:00:00Z') });
    await h.pin('1234');
    expect(h.screen()).toMatchObject({
      name: 'result',
      eligibilityOnly: true,
      notices: ['certificate-grace'],
    });
    expect(names(h)).not.toContain('consent');
    expect(names(h)).not.toContain('limit-consent');
    const request = h.gateway.requests[0];
    expect(request?.route !== 'keyed' && request?.consents).toEqual({});
    expect(request?.route !== 'keyed' && request?.limitConsent).toBe(true);
    expect(h.log.rows[0]).toMatchObject({ outcome: 'confirmed', limitClass: 'A03', consents: {} });
  });

  it('within the grace, a clinic that asks about 限度額 still asks; the data-sharing consent is skipped', async () => {
    const h = createHarness({ settings: { limitConsentScreen: true } });
    await h.present({ validTo: new Date('2026-04-20T00:00:00Z') });
    await h.pin('1234');
    expect(h.name()).toBe('limit-consent');
    h.session().limitChoose(true);
    await h.settle();
    expect(h.screen()).toMatchObject({ name: 'result', eligibilityOnly: true });
    expect(names(h)).not.toContain('consent');
    const request = h.gateway.requests[0];
    expect(request?.route !== 'keyed' && request?.limitConsent).toBe(true);
    expect(h.log.rows[0]).toMatchObject({ limitClass: 'A03', limitConsent: { agreed: true } });
  });

  it('warns of a certificate expiring soon', async () => {
    const h = createHarness();
    await h.toResult({ validTo: new Date('2026-08-01T00:00:00Z') });
    expect(h.screen()).toMatchObject({ name: 'result', notices: ['certificate-expiring-soon'] });
  });

  // oqs-and-insurance.md §5, as certificate-status.ts implements it: the warning starts on the JST date
  // three months before the expiry date; the grace lasts 3 months from the end of the expiry month,
  // through the last day of that month in Japan.
  it('warns from the JST day three months before expiry, whatever the hour', async () => {
    const h = createHarness();
    // Expiry 2026-09-15 19:00 JST: the warning starts 2026-06-15, today in Japan.
    await h.toResult({ validTo: new Date('2026-09-15T10:00:00Z') });
    expect(h.screen()).toMatchObject({ name: 'result', notices: ['certificate-expiring-soon'] });
  });

  it('no warning the day before the warning starts', async () => {
    const h = createHarness();
    // Expiry 2026-09-16 09:00 JST: the warning starts 2026-06-16, tomorrow in Japan.
    await h.toResult({ validTo: new Date('2026-09-16T00:00:00Z') });
    expect(h.screen()).toMatchObject({ name: 'result', notices: [] });
  });

  it('the grace runs through the last day of the third month after the expiry month, in Japan', async () => {
    // Expiry 2026-03-15 (JST): grace from the end of March for 3 months, through 2026-06-30.
    const validTo = new Date('2026-03-15T00:00:00Z');
    const lastMinute = createHarness({ clock: new ManualClock(Date.parse('2026-06-30T14:59:00Z')) });
    await lastMinute.present({ validTo });
    await lastMinute.pin('1234');
    expect(lastMinute.screen()).toMatchObject({ name: 'result', eligibilityOnly: true });

    // 2026-07-01 00:00 JST: past the grace, refused before the PIN.
    const nextDay = createHarness({ clock: new ManualClock(Date.parse('2026-06-30T15:00:00Z')) });
    const card = await nextDay.present({ validTo });
    expect(nextDay.screen()).toMatchObject({ name: 'error', reason: 'certificate-expired' });
    expect(card.verifies).toHaveLength(0);
  });

  it('a certificate is valid up to its notAfter instant on the expiry day', async () => {
    // Expiry 2026-06-15 12:00 JST, now 10:00 JST the same day: not expired yet, and warned.
    const h = createHarness();
    await h.toResult({ validTo: new Date('2026-06-15T03:00:00Z') });
    expect(h.screen()).toMatchObject({
      name: 'result',
      eligibilityOnly: false,
      notices: ['certificate-expiring-soon'],
    });
  });

  it('a phone gets no grace', async () => {
    const h = createHarness();
    await h.present({ tokenKind: 'android', validTo: new Date('2026-04-20T00:00:00Z') });
    expect(h.screen()).toMatchObject({ name: 'error', reason: 'phone-certificate-expired' });
  });

  it('an Android phone reads its certificate after the VERIFY', async () => {
    const h = createHarness();
    const card = await h.present({ tokenKind: 'android', certificateNeedsPin: true });
    expect(h.screen()).toMatchObject({ name: 'pin', tokenKind: 'android', triesLeft: 3 });
    await h.pin('1234');
    expect(h.name()).toBe('consent');
    expect(card.certificates).toHaveLength(1);
    h.session().consentAll(false);
    await h.settle();
    expect(h.gateway.requests[0]).toMatchObject({ tokenKind: 'android', route: 'card-pin' });
  });

  it('a phone has no visual check: the last-try warning offers only the PIN', async () => {
    const h = createHarness();
    await h.present({ tokenKind: 'iphone', triesLeft: 1 });
    expect(h.screen()).toEqual({ name: 'choose-auth', reason: 'last-try', options: ['pin'] });
    expect(() => h.session().chooseAuth('visual')).toThrow(SessionStateError);
  });

  it('an iPhone already authenticated on the phone signs without a PIN', async () => {
    const h = createHarness();
    const card = await h.present({ tokenKind: 'iphone', verifiedOnPhone: true });
    expect(h.name()).toBe('consent');
    expect(card.verifies).toHaveLength(0);
    expect(card.challenges).toHaveLength(1);
    expect(h.reader.connections.map((c) => c.mode)).toEqual(['shared']);
  });

  it('a verified state on a physical card still needs the PIN typed', async () => {
    const h = createHarness();
    await h.present({ tokenKind: 'card', verifiedOnPhone: true });
    expect(h.name()).toBe('pin');
  });

  it('a phone cannot ask for the visual check from the PIN pad', async () => {
    const h = createHarness();
    await h.present({ tokenKind: 'android' });
    expect(() => h.session().chooseAuth('visual')).toThrow(SessionStateError);
    expect(h.name()).toBe('pin');
  });

  it('a locked phone is sent to staff', async () => {
    const h = createHarness();
    await h.present({ tokenKind: 'android', triesLeft: 0 });
    expect(h.screen()).toMatchObject({ name: 'error', reason: 'phone-pin-locked' });
  });
});

describe('card + 目視確認 route', () => {
  it('waits for staff, who approve; the request carries no signature', async () => {
    const h = createHarness();
    const card = await h.present();
    h.session().chooseAuth('visual');
    expect(h.screen()).toEqual({ name: 'visual-wait' });
    expect(h.staff).toContainEqual({ reason: 'visual-pending', reader: 'R1' });
    expect(h.controller.visualPending()).toEqual([
      // The harness clock reads 2026-06-15T01:00:00Z; staff see it in the clinic's offset (+09:00).
      { reader: 'R1', since: '2026-06-15T10:00:00+09:00', tokenKind: 'card', certificate: 'valid' },
    ]);
    h.controller.track(h.session().approveVisual('佐藤'));
    await h.settle();
    expect(h.staff).toContainEqual({ reason: 'visual-resolved', reader: 'R1' });
    expect(h.controller.visualPending()).toEqual([]);
    expect(h.name()).toBe('consent');
    h.session().consentAll(true);
    await h.settle();
    expect(h.name()).toBe('result');
    const request = h.gateway.requests[0];
    expect(request).toMatchObject({ route: 'card-visual' });
    expect(request?.route !== 'keyed' && request?.signature).toBeUndefined();
    expect(card.verifies).toHaveLength(0);
    expect(h.log.rows[0]).toMatchObject({ route: 'card-visual', staffId: '佐藤', outcome: 'confirmed' });
  });

  it('staff can decline', async () => {
    const h = createHarness();
    await h.present({ triesLeft: 0 });
    h.session().chooseAuth('visual');
    h.session().declineVisual('佐藤');
    expect(h.screen()).toMatchObject({ name: 'error', reason: 'visual-declined' });
    expect(h.log.rows[0]).toMatchObject({ route: 'card-visual', outcome: 'error', staffId: '佐藤' });
  });
});

describe('保険証利用登録', () => {
  it('registers on the spot, then confirms with a fresh challenge', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    const card = await h.present();
    await h.pin('1234');
    expect(h.screen()).toEqual({ name: 'registration' });
    const work = h.session().answerRegistration(true);
    if (work) h.controller.track(work);
    await h.settle();
    expect(h.name()).toBe('consent');
    expect(h.gateway.registrations).toHaveLength(1);
    h.session().consentAll(true);
    await h.settle();
    expect(card.challenges).toHaveLength(2);
    const registration = h.gateway.registrations[0];
    expect(registration?.route).toBe('card-pin');
    if (registration?.route === 'card-pin')
      expect(registration.challenge).not.toEqual(h.gateway.requestCopies[0]?.challenge);
    expect(card.verifies).toHaveLength(1);
    expect(h.name()).toBe('result');
  });

  it('declining ends the attempt as cancelled', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    await h.present();
    await h.pin('1234');
    h.session().answerRegistration(false);
    // A valid choice: a neutral notice saying what to do next, no error and no staff code.
    expect(h.screen()).toEqual({ name: 'registration-declined', cardPresent: true });
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'cancelled', errorCode: 'session.registration-declined' }),
    ]);
    expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
    // Then the card: the notice times out to take-card, which waits for it.
    await h.advance(30_000);
    expect(h.name()).toBe('take-card');
    await h.remove();
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toHaveLength(1);
  });

  it('declined, the notice stays readable card.afterLift seconds after the card is taken', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    await h.present();
    await h.pin('1234');
    h.session().answerRegistration(false);
    await h.remove();
    expect(h.screen()).toEqual({ name: 'registration-declined', cardPresent: false });
    await h.advance(14_999);
    expect(h.name()).toBe('registration-declined');
    await h.advance(1);
    expect(h.name()).toBe('idle');
  });

  // Real readers register after face authentication or staff 目視確認 too (oqs-and-insurance.md §3).
  it('after 目視確認: registers with the approving staff member, without a PIN or a signature', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    const card = await h.present();
    h.session().chooseAuth('visual');
    h.controller.track(h.session().approveVisual('佐藤'));
    await h.settle();
    expect(h.screen()).toEqual({ name: 'registration' });
    const work = h.session().answerRegistration(true);
    expect(h.screen()).toEqual({ name: 'processing', step: 'registering' });
    if (work) h.controller.track(work);
    await h.settle();
    expect(h.gateway.registrations).toEqual([{ route: 'card-visual', staffId: '佐藤' }]);
    expect(h.name()).toBe('consent');
    h.session().consentAll(true);
    await h.settle();
    expect(h.screen()).toMatchObject({ name: 'result', outcome: 'confirmed' });
    expect(card.verifies).toHaveLength(0);
    expect(card.challenges).toHaveLength(0);
    const request = h.gateway.requests[0];
    expect(request).toMatchObject({ route: 'card-visual' });
    expect(request?.route !== 'keyed' && request?.signature).toBeUndefined();
    expect(h.log.rows).toHaveLength(1);
    expect(h.log.rows[0]).toMatchObject({ route: 'card-visual', staffId: '佐藤', outcome: 'confirmed' });
  });

  it('a 顔認証マイナンバーカード (no PIN at all) registers through 目視確認', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    await h.present({ pinNotSet: true });
    expect(h.screen()).toEqual({ name: 'choose-auth', reason: 'no-pin', options: ['visual'] });
    h.session().chooseAuth('visual');
    h.controller.track(h.session().approveVisual('鈴木'));
    await h.settle();
    expect(h.name()).toBe('registration');
    const work = h.session().answerRegistration(true);
    if (work) h.controller.track(work);
    await h.settle();
    expect(h.gateway.registrations).toEqual([{ route: 'card-visual', staffId: '鈴木' }]);
    await h.toResultFromConsent();
    expect(h.name()).toBe('result');
  });

  it('after 目視確認, declining registration ends the attempt as cancelled, with the staff member on record', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    await h.present();
    h.session().chooseAuth('visual');
    h.controller.track(h.session().approveVisual('佐藤'));
    await h.settle();
    h.session().answerRegistration(false);
    expect(h.screen()).toEqual({ name: 'registration-declined', cardPresent: true });
    expect(h.gateway.registrations).toEqual([]);
    expect(h.log.rows[0]).toMatchObject({
      route: 'card-visual',
      staffId: '佐藤',
      outcome: 'cancelled',
      errorCode: 'session.registration-declined',
    });
  });

  it('a registration the system refuses ends on registration-failed, logged', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    h.gateway.registerFails = 'gateway.rejected';
    await h.present();
    h.session().chooseAuth('visual');
    h.controller.track(h.session().approveVisual('佐藤'));
    await h.settle();
    const work = h.session().answerRegistration(true);
    if (work) h.controller.track(work);
    await h.settle();
    expect(h.screen()).toMatchObject({
      name: 'error',
      reason: 'registration-failed',
      code: 'gateway.rejected',
    });
    expect(h.gateway.requests).toHaveLength(0);
    expect(h.log.rows[0]).toMatchObject({
      route: 'card-visual',
      outcome: 'error',
      errorCode: 'gateway.rejected',
    });
  });
});

describe('consent', () => {
  it('item by item, each choice with its time', async () => {
    const h = createHarness({
      settings: { consentItems: ['medication', 'checkup', 'diagnosis'], limitConsentScreen: true },
    });
    await h.toConsent();
    h.session().consentChoose('medication', true);
    h.clock.advance(5_000);
    h.session().consentChoose('checkup', false);
    expect(() => h.session().consentDone()).toThrow(SessionStateError);
    expect(() => h.session().consentChoose('surgery', true)).toThrow(SessionStateError);
    h.session().consentChoose('diagnosis', true);
    expect(h.screen()).toEqual({
      name: 'consent',
      items: ['medication', 'checkup', 'diagnosis'],
      choices: { medication: true, checkup: false, diagnosis: true },
    });
    h.session().consentDone();
    h.session().limitChoose(false);
    await h.settle();
    const row = h.log.rows[0];
    expect(row?.consents.medication?.agreed).toBe(true);
    expect(row?.consents.checkup?.agreed).toBe(false);
    expect(Date.parse(row?.consents.checkup?.at ?? '') - Date.parse(row?.consents.medication?.at ?? '')).toBe(
      5_000,
    );
    expect(row?.limitConsent?.agreed).toBe(false);
    const request = h.gateway.requests[0];
    expect(request?.route !== 'keyed' && request?.consents).toEqual({
      medication: true,
      checkup: false,
      diagnosis: true,
    });
  });

  it('no items shown (and no 限度額 screen, the default): straight to the confirmation', async () => {
    const h = createHarness({ settings: { consentItems: [] } });
    await h.toConsent();
    expect(h.name()).toBe('result');
    const request = h.gateway.requests[0];
    expect(request?.route !== 'keyed' && request?.limitConsent).toBe(true);
    expect(h.log.rows[0]?.limitConsent).toBeUndefined();
  });
});

describe('results', () => {
  it('● in the name asks staff to check the kana', async () => {
    const h = createHarness();
    h.gateway.answer = async () =>
      result({ persons: [person({ name: '髙●太郎', nameHasUnrenderable: true })] });
    await h.toResult();
    expect(h.screen()).toMatchObject({
      name: 'result',
      outcome: 'needs-attention',
      person: { nameNeedsStaffCheck: true },
      notices: ['name-needs-check'],
    });
  });

  it.each([
    [2, 'not-insured', 'validity-invalid'],
    [3, 'not-insured', 'validity-superseded'],
    [4, 'not-insured', 'validity-not-found'],
    [5, 'needs-attention', 'validity-multiple'],
  ] as const)('validity %i → %s with %s', async (validity, outcome, notice) => {
    const h = createHarness();
    h.gateway.answer = async () =>
      result({ validity, persons: validity === 5 ? [person(), person()] : validity === 4 ? [] : [person()] });
    await h.toResult();
    const screen = h.screen();
    expect(screen).toMatchObject({ name: 'result', outcome, notices: [notice] });
    expect(screen.name === 'result' && screen.person).toBeUndefined();
    expect(h.log.rows[0]?.outcome).toBe(outcome);
  });

  it.each([
    ['gateway.timeout', 'gateway-timeout'],
    ['gateway.rejected', 'gateway-error'],
    ['gateway.not-registered', 'not-registered'],
    ['gateway.signature-invalid', 'certificate-invalid'],
  ] as const)('%s shows %s and is logged', async (code, reason) => {
    const h = createHarness();
    h.gateway.failWith(code);
    await h.toResult();
    expect(h.screen()).toEqual({ name: 'error', reason, code, cardPresent: true });
    expect(h.log.rows[0]).toMatchObject({ outcome: 'error', errorCode: code });
  });

  it('the result is not shown when the log cannot commit it: out of service until the log recovers', async () => {
    const h = createHarness();
    await h.toConsent();
    h.log.down = true;
    h.session().consentAll(true);
    await h.settle();
    // The card first: out of service once it is taken.
    expect(h.name()).toBe('take-card');
    expect(h.controller.health().problems).toContain('log');
    await h.remove();
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'log-down' });
    expect(h.screens.some((s) => s.name === 'result')).toBe(false);
    await h.advance(1_000);
    expect(h.name()).toBe('out-of-service');
    h.log.down = false;
    await h.advance(2_000);
    expect(h.name()).toBe('idle');
    // The attempt's row was kept and is on disk now: the answer arrived, it was never shown.
    expect(h.log.keptCount).toBe(0);
    expect(h.log.rows).toHaveLength(1);
    expect(h.log.rows[0]).toMatchObject({ outcome: 'error', errorCode: 'log.unwritable', name: '山田 太郎' });
    expect(h.log.rows[0]?.receptionNumber).toBeUndefined();
  });

  it('a result whose row the disk refuses is kept as an error without a reception number, flushed by the probe', async () => {
    const h = createHarness();
    await h.toConsent();
    h.log.refuseWrites = 'log.disk-full';
    h.session().consentAll(true);
    await h.settle();
    expect(h.name()).toBe('take-card');
    await h.remove();
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'log-down' });
    expect(h.screens.some((s) => s.name === 'result')).toBe(false);
    expect(h.log.rows).toHaveLength(0);
    expect(h.log.kept).toHaveLength(1);
    const kept = h.log.kept[0];
    expect(kept).toMatchObject({
      outcome: 'error',
      errorCode: 'log.disk-full',
      validity: 1,
      name: '山田 太郎',
    });
    expect(kept?.receptionNumber).toBeUndefined();
    // Reads still work, so only the flush before the probe keeps the kiosk out of service.
    await h.advance(1_000);
    expect(h.name()).toBe('out-of-service');
    expect(h.log.keptCount).toBe(1);
    h.log.refuseWrites = undefined;
    await h.advance(2_000);
    expect(h.name()).toBe('idle');
    expect(h.log.keptCount).toBe(0);
    expect(h.log.rows).toEqual([expect.objectContaining({ outcome: 'error', errorCode: 'log.disk-full' })]);
    // The next patient's row comes after it, with reception number 1 (the error row counts for nothing).
    await h.toResult();
    expect(h.log.rows).toHaveLength(2);
    expect(h.log.rows[1]).toMatchObject({ outcome: 'confirmed', receptionNumber: 1 });
  });

  it('an error row the log refuses is kept as it was and written once the log recovers', async () => {
    const h = createHarness();
    h.gateway.failWith('gateway.rejected');
    await h.toConsent();
    h.log.refuseWrites = 'log.locked';
    h.session().consentAll(true);
    await h.settle();
    expect(h.name()).toBe('take-card');
    await h.remove();
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'log-down' });
    expect(h.log.kept).toEqual([
      expect.objectContaining({ outcome: 'error', errorCode: 'gateway.rejected' }),
    ]);
    h.log.refuseWrites = undefined;
    await h.advance(1_000);
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'error', errorCode: 'gateway.rejected' }),
    ]);
  });
});

/** Drives a fresh harness to the named screen. */
async function reach(screen: Screen['name']): Promise<Harness> {
  // The 限度額 screen shows only where the clinic turned it on.
  const h = createHarness(screen === 'limit-consent' ? { settings: { limitConsentScreen: true } } : {});
  switch (screen) {
    case 'reading': {
      const { FakeCardState, Gate } = await import('./fakes');
      // A slow reader: the connection is still being made.
      h.reader.hold = new Gate();
      h.reader.insert('R1', new FakeCardState({}));
      await flush();
      break;
    }
    case 'pin':
      await h.present();
      break;
    case 'choose-auth':
      await h.present({ triesLeft: 1 });
      break;
    case 'visual-wait':
      await h.present();
      h.session().chooseAuth('visual');
      break;
    case 'registration':
      h.gateway.registered = false;
      await h.toConsent();
      break;
    case 'consent':
      await h.toConsent();
      break;
    case 'limit-consent':
      await h.toConsent();
      h.session().consentAll(true);
      break;
    case 'result':
      await h.toResult();
      break;
    case 'take-card':
      await h.toResult();
      h.session().resultDone();
      break;
    case 'error':
      await h.present({ myNumber: false });
      break;
    default:
      throw new Error(`cannot reach ${screen}`);
  }
  expect(h.name()).toBe(screen);
  return h;
}

const patientScreens = [
  'reading',
  'pin',
  'choose-auth',
  'visual-wait',
  'registration',
  'consent',
  'limit-consent',
  'result',
  'take-card',
  'error',
] as const;

const timeoutOf = {
  reading: 20,
  pin: 60,
  'choose-auth': 60,
  'visual-wait': 300,
  registration: 120,
  consent: 90,
  'limit-consent': 90,
  result: 30,
  error: 30,
} as const;

/** The screens a lifted card can come back to: the card is known by its certificate there. */
const midWay = ['pin', 'choose-auth', 'visual-wait', 'registration', 'consent', 'limit-consent'] as const;

/** Wiped: certificates and challenges zero-filled, every connection powered off. */
function expectWiped(h: Harness, card: FakeCardState | undefined): void {
  for (const certificate of card?.certificates ?? [])
    expect(certificate.der.every((b) => b === 0)).toBe(true);
  for (const challenge of card?.challenges ?? []) expect(challenge.every((b) => b === 0)).toBe(true);
  expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
}

describe('every patient screen', () => {
  it('reading: card removal returns to idle, logged once, data wiped', async () => {
    const h = await reach('reading');
    await h.remove();
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'cancelled', errorCode: 'card.removed' }),
    ]);
  });

  it.each(midWay)(
    '%s: card removal shows card-lifted; not put back, idle after card.resume, logged once',
    async (screen) => {
      const h = await reach(screen);
      const card = h.reader.cardAt('R1');
      await h.remove();
      expect(h.screen()).toEqual({ name: 'card-lifted', resumeSeconds: 30 });
      // Powered off at once: a verified PIN never outlives the lift (my-number-card.md §10 pitfall 3).
      expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
      expect(h.log.rows).toHaveLength(0);
      // No "returns to the first screen" warning: the screen says how long the card has.
      expect(h.controller.timeoutSeconds()).toBeUndefined();
      await h.advance(29_999);
      expect(h.name()).toBe('card-lifted');
      await h.advance(1);
      expect(h.name()).toBe('idle');
      expect(h.controller.current()).toBeUndefined();
      expect(h.log.rows).toEqual([
        expect.objectContaining({ outcome: 'cancelled', errorCode: 'card.removed' }),
      ]);
      expectWiped(h, card);
    },
  );

  it.each(['result', 'error'] as const)(
    '%s: stays readable card.afterLift seconds after the card is taken',
    async (screen) => {
      const h = await reach(screen);
      const rowsBefore = h.log.rows.length;
      const card = h.reader.cardAt('R1');
      await h.remove();
      expect(h.name()).toBe(screen);
      if (screen === 'error') expect(h.screen()).toMatchObject({ cardPresent: false });
      expect(h.controller.timeoutSeconds()).toBe(15);
      await h.advance(14_999);
      expect(h.name()).toBe(screen);
      await h.advance(1);
      expect(h.name()).toBe('idle');
      expect(h.log.rows).toHaveLength(rowsBefore);
      expectWiped(h, card);
    },
  );

  it('take-card: card removal returns to idle', async () => {
    const h = await reach('take-card');
    const card = h.reader.cardAt('R1');
    await h.remove();
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toHaveLength(1);
    expectWiped(h, card);
  });

  it.each([...Object.keys(timeoutOf)] as (keyof typeof timeoutOf)[])(
    '%s: inactivity with the card on the reader ends on take-card, logged once, until the card is taken',
    async (screen) => {
      const h = await reach(screen);
      const rowsBefore = h.log.rows.length;
      expect(h.controller.timeoutSeconds()).toBe(timeoutOf[screen]);
      const step = async (ms: number): Promise<void> => {
        h.timers.advance(ms);
        await flush();
      };
      await step(timeoutOf[screen] * 1000 - 1);
      expect(h.name()).toBe(screen);
      await step(1);
      expect(h.name()).toBe('take-card');
      h.reader.hold?.open();
      await h.settle();
      expect(h.name()).toBe('take-card');
      if (rowsBefore === 0) {
        expect(h.log.rows).toEqual([
          expect.objectContaining({ outcome: 'timed-out', errorCode: `session.timeout-${screen}` }),
        ]);
      } else {
        expect(h.log.rows).toHaveLength(rowsBefore);
      }
      // The take-card screen never times out to idle while the card lies there.
      await h.advance(600_000);
      expect(h.name()).toBe('take-card');
      await h.remove();
      expect(h.name()).toBe('idle');
      expect(h.controller.current()).toBeUndefined();
      expect(h.log.rows).toHaveLength(Math.max(rowsBefore, 1));
    },
  );

  it('take-card: no inactivity timeout; staff hear of a card left past timeouts.takeCard, and of it taken', async () => {
    const h = await reach('take-card');
    expect(h.controller.timeoutSeconds()).toBeUndefined();
    expect(h.controller.cardsLeft()).toEqual([]);
    await h.advance(59_999);
    expect(h.staff.filter((e) => e.reason === 'card-left')).toEqual([]);
    await h.advance(1);
    expect(h.name()).toBe('take-card');
    expect(h.staff.filter((e) => e.reason === 'card-left')).toEqual([{ reason: 'card-left', reader: 'R1' }]);
    expect(h.controller.cardsLeft()).toEqual([
      { reader: 'R1', since: h.clock.clinicIso(new Date(h.clock.now().getTime() - 60_000)) },
    ]);
    await h.advance(600_000);
    expect(h.staff.filter((e) => e.reason === 'card-left')).toHaveLength(1);
    await h.remove();
    expect(h.controller.cardsLeft()).toEqual([]);
    expect(h.staff.filter((e) => e.reason === 'card-left')).toHaveLength(2);
  });

  it.each(patientScreens.filter((s) => s !== 'reading' && s !== 'take-card'))(
    '%s: cancel with the card on the reader ends on take-card, then idle once it is taken',
    async (screen) => {
      const h = await reach(screen);
      h.session().cancel();
      await h.settle();
      expect(h.name()).toBe('take-card');
      expect(h.log.rows.length).toBe(1);
      expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
      await h.remove();
      expect(h.name()).toBe('idle');
      expect(h.log.rows.length).toBe(1);
    },
  );

  it('take-card: cancel leaves it waiting for the card', async () => {
    const h = await reach('take-card');
    h.session().cancel();
    expect(h.name()).toBe('take-card');
  });

  it('activity restarts the inactivity timer', async () => {
    const h = await reach('pin');
    await h.advance(50_000);
    h.session().touch();
    await h.advance(50_000);
    expect(h.name()).toBe('pin');
    await h.advance(10_000);
    expect(h.name()).toBe('take-card');
  });

  it('removal during the confirmation keeps the answer: recorded and shown once it arrives', async () => {
    const { h, gate } = await heldAtConfirmation();
    expect(h.name()).toBe('processing');
    h.reader.remove('R1');
    expect(h.screen()).toEqual({ name: 'card-lifted', resumeSeconds: 30 });
    gate.open();
    await h.settle();
    expect(h.screen()).toMatchObject({ name: 'result', outcome: 'confirmed', receptionNumber: 1 });
    expect(h.log.rows).toEqual([expect.objectContaining({ outcome: 'confirmed', receptionNumber: 1 })]);
    await h.advance(15_000);
    expect(h.name()).toBe('idle');
  });

  it("the gateway gets the attempt's signal; a cancel aborts it and the late answer is dropped", async () => {
    const { h, gate } = await heldAtConfirmation();
    const signal = h.gateway.signals[0];
    expect(signal?.aborted).toBe(false);
    h.session().cancel();
    expect(signal?.aborted).toBe(true);
    gate.open();
    await h.settle();
    expect(h.name()).toBe('take-card');
    expect(h.log.rows.map((r) => r.outcome)).toEqual(['cancelled']);
    expect(h.log.rows[0]?.receptionNumber).toBeUndefined();
    expect(h.log.kept).toHaveLength(0);
  });

  it("the 利用登録 check gets the attempt's signal; a cancel while it waits aborts it", async () => {
    const h = createHarness();
    const { Gate } = await import('./fakes');
    h.gateway.registeredHold = new Gate();
    await h.present();
    h.timers.advance(TYPING_MS);
    h.controller.track(h.session().submitPin('1234'));
    for (let i = 0; i < 10 && h.gateway.registrationSignals.length === 0; i += 1) await flush();
    expect(h.screen()).toMatchObject({ name: 'processing', step: 'confirming' });
    const signal = h.gateway.registrationSignals[0];
    expect(signal?.aborted).toBe(false);
    h.session().cancel();
    expect(signal?.aborted).toBe(true);
    await h.settle();
    expect(h.name()).toBe('take-card');
    expect(h.gateway.requests).toHaveLength(0);
    expect(h.log.rows.map((r) => r.outcome)).toEqual(['cancelled']);
    expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
  });

  it('registration gets the attempt’s signal', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    await h.present();
    await h.pin('1234');
    const work = h.session().answerRegistration(true);
    if (work) h.controller.track(work);
    await h.settle();
    expect(h.gateway.registrationSignals).toHaveLength(2);
    expect(h.gateway.registrationSignals.every((s) => s instanceof AbortSignal)).toBe(true);
    expect(h.gateway.registrationSignals[1]).toBe(h.gateway.registrationSignals[0]);
  });

  it("a connect still under way when the attempt ends stops waiting: the reader gets the attempt's signal", async () => {
    const h = createHarness();
    const { FakeCardState, Gate } = await import('./fakes');
    h.reader.hold = new Gate();
    h.reader.insert('R1', new FakeCardState({}));
    await flush();
    expect(h.name()).toBe('reading');
    h.session().cancel();
    expect(h.reader.connectSignals[0]?.aborted).toBe(true);
    await h.settle();
    expect(h.name()).toBe('take-card');
    expect(h.reader.connections).toHaveLength(0);
  });

  it('a card connection that completes after the attempt ended is powered off at once', async () => {
    const h = createHarness();
    const { FakeCardState, Gate } = await import('./fakes');
    h.reader.honoursSignal = false;
    h.reader.hold = new Gate();
    h.reader.insert('R1', new FakeCardState({}));
    await flush();
    expect(h.name()).toBe('reading');
    h.session().cancel();
    h.reader.hold.open();
    h.reader.hold = undefined;
    await h.settle();
    expect(h.name()).toBe('take-card');
    expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
  });
});

describe('readers and service', () => {
  it('one session at a time; repeated insert events are ignored', async () => {
    const h = createHarness({ readers: ['R1', 'R2'] });
    await h.present();
    const first = h.session();
    h.reader.emit({ type: 'card-inserted', reader: 'R1', atr: Uint8Array.of(0x3b) });
    await h.present({}, 'R2');
    expect(h.session()).toBe(first);
    expect(h.session().reader).toBe('R1');
  });

  it('reader service down shows out of service and recovers by itself', async () => {
    const h = createHarness();
    await h.present();
    h.reader.emit({ type: 'service-down', reason: 'pcscd gone' });
    await h.settle();
    // The card lay on the reader mid-PIN: the patient is asked to take it.
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'reader-down', cardPresent: true });
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'cancelled', errorCode: 'card.reader-gone' }),
    ]);
    h.reader.emit({ type: 'service-up' });
    expect(h.screen()).toEqual({ name: 'idle' });
  });

  it('reader service down with no card on the reader says nothing about a card', async () => {
    const h = createHarness();
    await h.present();
    await h.remove();
    expect(h.name()).toBe('card-lifted');
    h.reader.emit({ type: 'service-down', reason: 'pcscd gone' });
    await h.settle();
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'reader-down' });
  });

  it('no reader at all is out of service', async () => {
    const h = createHarness({ readers: [] });
    await h.settle();
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'reader-down' });
  });

  it('an unhealthy gateway goes out of service, polling with backoff until it answers', async () => {
    const h = createHarness();
    await h.settle();
    h.gateway.healthy = { ok: false, detail: 'down' };
    await h.advance(30_000);
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'gateway-down' });
    const calls = h.gateway.healthCalls;
    await h.advance(1_000);
    await h.advance(2_000);
    await h.advance(4_000);
    expect(h.gateway.healthCalls).toBe(calls + 3);
    await h.advance(7_999);
    expect(h.gateway.healthCalls).toBe(calls + 3);
    h.gateway.healthy = { ok: true, detail: 'up' };
    await h.advance(1);
    expect(h.name()).toBe('idle');
    // A card placed while out of service started nothing.
    expect(h.log.rows).toHaveLength(0);
  });

  it('a card placed while out of service starts nothing', async () => {
    const h = createHarness({ readers: [] });
    h.reader.names = [];
    await h.present();
    expect(h.controller.current()).toBeUndefined();
  });

  it('gateway unavailable during a check-in: error screen, then out of service', async () => {
    const h = createHarness();
    h.gateway.failWith('gateway.unavailable');
    h.gateway.healthy = { ok: false, detail: 'down' };
    await h.toResult();
    expect(h.screen()).toMatchObject({ name: 'error', reason: 'gateway-error' });
    await h.remove();
    await h.advance(15_000);
    expect(h.screen()).toEqual({ name: 'out-of-service', reason: 'gateway-down' });
  });
});
