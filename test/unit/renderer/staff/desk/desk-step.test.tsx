// The desk check-in's steps: which screens staff run at the desk and which only the patient answers (§3, §5).
import { describe, expect, it } from 'vitest';
import type { Screen } from '../../../../../electron/common/contract';
import {
  checkinRunning,
  deskStep,
  isPatientStep,
  showsPatient,
} from '../../../../../renderer/staff/desk/desk-step';

const pin = (tokenKind: 'card' | 'android' | 'iphone' | null): Screen => ({
  name: 'pin',
  tokenKind,
  triesLeft: 3,
  lastTry: false,
  wrong: false,
});
const consent: Screen = { name: 'consent', items: ['medication'], choices: {} };
const result: Screen = {
  name: 'result',
  outcome: 'confirmed',
  notices: [],
  eligibilityOnly: false,
  receptionNumber: 12,
};

describe('deskStep', () => {
  it('offers staff both the PIN on the turned screen and 目視確認 for a physical card', () => {
    expect(deskStep(pin('card'))).toEqual({ kind: 'identity', pin: true, visual: true, why: 'pin' });
    // Not yet known whether a card or a phone: the photo check is offered, as on the kiosk's PIN screen.
    expect(deskStep(pin(null))).toMatchObject({ visual: true });
  });

  it('offers no 目視確認 for a phone: it has no photo to compare (§5)', () => {
    expect(deskStep(pin('android'))).toMatchObject({ kind: 'identity', pin: true, visual: false });
    expect(deskStep(pin('iphone'))).toMatchObject({ kind: 'identity', pin: true, visual: false });
  });

  it('follows the choices the core leaves: a locked PIN or a card without one leaves only 目視確認 (§3)', () => {
    expect(deskStep({ name: 'choose-auth', reason: 'pin-locked', options: ['visual'], wrong: true })).toEqual(
      { kind: 'identity', pin: false, visual: true, why: 'pin-locked' },
    );
    expect(deskStep({ name: 'choose-auth', reason: 'no-pin', options: ['visual'] })).toEqual({
      kind: 'identity',
      pin: false,
      visual: true,
      why: 'no-pin',
    });
    expect(
      deskStep({ name: 'choose-auth', reason: 'last-try', options: ['pin', 'visual'], wrong: true }),
    ).toEqual({ kind: 'identity', pin: true, visual: true, why: 'last-try' });
  });

  it('leaves registration and every consent to the patient', () => {
    expect(deskStep({ name: 'registration' })).toEqual({ kind: 'patient', step: 'registration' });
    expect(deskStep(consent)).toEqual({ kind: 'patient', step: 'consent' });
    expect(deskStep({ name: 'limit-consent' })).toEqual({ kind: 'patient', step: 'limit-consent' });
  });

  it('gives staff the 目視確認 wait, the result with its reception number, and the endings', () => {
    expect(deskStep({ name: 'visual-wait' })).toEqual({ kind: 'visual' });
    expect(deskStep(result)).toEqual({ kind: 'result', outcome: 'confirmed', receptionNumber: 12 });
    expect(deskStep({ name: 'take-card' })).toEqual({ kind: 'take-card' });
    expect(deskStep({ name: 'processing', step: 'confirming' })).toEqual({
      kind: 'busy',
      what: 'confirming',
    });
    expect(
      deskStep({
        name: 'error',
        reason: 'visual-declined',
        code: 'session.visual-declined',
        cardPresent: true,
      }),
    ).toEqual({ kind: 'error', reason: 'visual-declined', code: 'session.visual-declined' });
  });
});

describe('showsPatient', () => {
  it('shows the patient screen only once staff turned it, and only for a step the patient answers', () => {
    expect(showsPatient(false, pin('card'))).toBe(false);
    expect(showsPatient(true, pin('card'))).toBe(true);
    expect(showsPatient(true, consent)).toBe(true);
  });

  it('never leaves a result, an error or a staff step facing the patient', () => {
    for (const screen of [
      result,
      { name: 'visual-wait' },
      { name: 'processing', step: 'verifying' },
      { name: 'choose-auth', reason: 'last-try', options: ['pin', 'visual'] },
      { name: 'idle' },
    ] satisfies Screen[]) {
      expect(showsPatient(true, screen), screen.name).toBe(false);
      expect(isPatientStep(screen.name)).toBe(false);
    }
  });
});

describe('checkinRunning', () => {
  it('is false only while the desk reader waits or is out of service', () => {
    expect(checkinRunning({ name: 'idle' })).toBe(false);
    expect(checkinRunning({ name: 'out-of-service', reason: 'reader-down' })).toBe(false);
    expect(checkinRunning({ name: 'reading' })).toBe(true);
  });
});
