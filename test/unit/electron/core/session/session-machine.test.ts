// A card lifted mid-way and put back: the same card resumes where the card is needed again; another starts afresh.
import { describe, expect, it } from 'vitest';
import { Gate, result, type FakeCardState } from './fakes';
import { TYPING_MS, createHarness, flush, type Harness } from './harness';

/** Puts the very same card (its certificate, PIN and counter) back on the reader. */
async function putBack(h: Harness, card: FakeCardState): Promise<void> {
  h.reader.insert('R1', card);
  await h.settle();
}

/** The same, while a gateway call is held (settling would wait for it). */
async function putBackNow(h: Harness, card: FakeCardState): Promise<void> {
  h.reader.insert('R1', card);
  for (let i = 0; i < 20; i += 1) await flush();
}

const cardLeftEvents = (h: Harness) => h.staff.filter((e) => e.reason === 'card-left');

/** A check-in whose confirmation is held at the gateway, with the card lifted from R1 meanwhile. */
async function liftedWhileConfirming() {
  const h = createHarness();
  const gate = new Gate();
  h.gateway.answer = async () => {
    await gate.promise;
    return result();
  };
  const card = await h.toConsent();
  h.session().consentAll(true);
  await flush();
  h.reader.remove('R1');
  return { h, gate, card };
}

describe('lifted mid-way, put back', () => {
  it('PIN: the same card comes back to the PIN pad and carries on; one row, no cancel', async () => {
    const h = createHarness();
    const card = await h.present();
    await h.remove();
    expect(h.screen()).toEqual({ name: 'card-lifted', resumeSeconds: 30 });
    await h.advance(20_000);
    await putBack(h, card);
    expect(h.screen()).toMatchObject({ name: 'pin', triesLeft: 3 });
    expect(h.sessionEnds).toBe(0);
    await h.pin('1234');
    expect(h.name()).toBe('consent');
    await h.toResultFromConsent();
    expect(h.name()).toBe('result');
    expect(h.log.rows).toEqual([expect.objectContaining({ outcome: 'confirmed', receptionNumber: 1 })]);
  });

  it('a different card ends the lifted attempt (cancelled, card.removed) and starts its own', async () => {
    const h = createHarness();
    await h.present();
    const first = h.session();
    await h.remove();
    await h.present({ serialNumber: '0a0000ff' });
    expect(h.session()).not.toBe(first);
    expect(h.sessionEnds).toBe(1);
    expect(h.name()).toBe('pin');
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'cancelled', errorCode: 'card.removed' }),
    ]);
  });

  it('consent: the same card comes back to the consent screen with the choices made, no PIN again', async () => {
    const h = createHarness();
    const card = await h.toConsent();
    h.session().consentChoose('medication', true);
    await h.remove();
    expect(h.name()).toBe('card-lifted');
    await putBack(h, card);
    expect(h.screen()).toEqual({
      name: 'consent',
      items: ['medication', 'checkup'],
      choices: { medication: true },
    });
    h.session().consentChoose('checkup', false);
    h.session().consentDone();
    await h.settle();
    expect(h.name()).toBe('result');
    expect(card.verifies).toHaveLength(1);
    // The signature made before the lift goes with the confirmation.
    expect(h.gateway.requests[0]).toMatchObject({
      route: 'card-pin',
      consents: { medication: true, checkup: false },
    });
    const request = h.gateway.requests[0];
    expect(request && 'signature' in request ? request.signature : undefined).toBeInstanceOf(Uint8Array);
  });

  it('registration on the PIN route: the PIN is asked again, then the registration screen', async () => {
    const h = createHarness();
    h.gateway.registered = false;
    const card = await h.present();
    await h.pin('1234');
    expect(h.name()).toBe('registration');
    await h.remove();
    await putBack(h, card);
    // Lifting powered the card off: registering signs again, which needs the PIN.
    expect(h.name()).toBe('pin');
    await h.pin('1234');
    expect(card.verifies).toHaveLength(2);
    expect(h.name()).toBe('registration');
  });

  it('visual-wait: staff stop seeing the request while the card is away, and see it again once it is back', async () => {
    const h = createHarness();
    const card = await h.present();
    h.session().chooseAuth('visual');
    expect(h.controller.visualPending()).toHaveLength(1);
    await h.remove();
    expect(h.controller.visualPending()).toEqual([]);
    expect(h.staff.at(-1)).toEqual({ reason: 'visual-resolved', reader: 'R1' });
    await putBack(h, card);
    expect(h.name()).toBe('visual-wait');
    expect(h.controller.visualPending()).toHaveLength(1);
    expect(h.staff.at(-1)).toEqual({ reason: 'visual-pending', reader: 'R1' });
  });

  it('during the confirmation: the same card back shows the check again, and the answer ends on take-card', async () => {
    const { h, gate, card } = await liftedWhileConfirming();
    expect(h.name()).toBe('card-lifted');
    await putBackNow(h, card);
    expect(h.screen()).toEqual({ name: 'processing', step: 'confirming' });
    gate.open();
    await h.settle();
    expect(h.name()).toBe('result');
    h.session().resultDone();
    expect(h.name()).toBe('take-card');
    expect(h.gateway.requests).toHaveLength(1);
  });

  it('the answer arrives while the card is away: recorded and shown; the card put back is asked for at the end', async () => {
    const { h, gate, card } = await liftedWhileConfirming();
    gate.open();
    await h.settle();
    expect(h.screen()).toMatchObject({ name: 'result', receptionNumber: 1 });
    await putBack(h, card);
    h.session().resultDone();
    expect(h.name()).toBe('take-card');
    await h.remove();
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toEqual([expect.objectContaining({ outcome: 'confirmed' })]);
  });

  it('the resume window closes while the confirmation is out: the answer is still recorded and shown', async () => {
    const { h, gate } = await liftedWhileConfirming();
    // The gateway call is held, so the timers move without settling.
    h.timers.advance(30_000);
    await flush();
    expect(h.name()).toBe('card-lifted');
    expect(h.log.rows).toEqual([]);
    gate.open();
    await h.settle();
    expect(h.screen()).toMatchObject({ name: 'result', outcome: 'confirmed', receptionNumber: 1 });
    // Readable card.afterLift seconds, then idle: the card is not there to be taken.
    await h.advance(15_000);
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toEqual([expect.objectContaining({ outcome: 'confirmed', receptionNumber: 1 })]);
  });

  it('the resume window closes during the 利用登録 check: the attempt ends when it next needs the card', async () => {
    const h = createHarness();
    h.gateway.registeredHold = new Gate();
    const card = await h.present();
    h.timers.advance(TYPING_MS);
    h.controller.track(h.session().submitPin('1234'));
    for (let i = 0; i < 10 && h.gateway.registrationSignals.length === 0; i += 1) await flush();
    h.reader.remove('R1');
    await flush();
    expect(h.name()).toBe('card-lifted');
    h.timers.advance(30_000);
    await flush();
    expect(h.name()).toBe('card-lifted');
    h.gateway.registeredHold.open();
    await h.settle();
    expect(h.name()).toBe('idle');
    expect(h.gateway.requests).toHaveLength(0);
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'cancelled', errorCode: 'card.removed' }),
    ]);
    expect(card.verifies).toHaveLength(1);
  });

  it('a phone whose certificate needs the PIN cannot be recognised before it: lifting at the PIN ends the attempt', async () => {
    const h = createHarness();
    await h.present({ tokenKind: 'android', certificateNeedsPin: true });
    await h.remove();
    expect(h.name()).toBe('idle');
    expect(h.log.rows).toEqual([
      expect.objectContaining({ outcome: 'cancelled', errorCode: 'card.removed' }),
    ]);
  });

  it('a lifted card never counts as left on the reader', async () => {
    const h = createHarness();
    await h.present();
    await h.remove();
    await h.advance(29_000);
    expect(cardLeftEvents(h)).toEqual([]);
    expect(h.controller.cardsLeft()).toEqual([]);
  });
});
