// Properties over random event sequences: no VERIFY on a locked card, no personal data after idle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConsentItem } from '../../../../../electron/common/contract';
import { isKioskError } from '../../../../../electron/common/errors';
import { SessionStateError } from '../../../../../electron/core/session/checkin-session';
import { FakeCardState, type FakeCardSpec } from './fakes';
import { createHarness, type Harness } from './harness';

type Step =
  | { t: 'insert'; spec: FakeCardSpec }
  | { t: 'remove' }
  | { t: 'pin'; correct: boolean; typingMs: number }
  | { t: 'auth'; method: 'pin' | 'visual' }
  | { t: 'approve' }
  | { t: 'decline' }
  | { t: 'registration'; agreed: boolean }
  | { t: 'consent-all'; agreed: boolean }
  | { t: 'consent-choose'; item: ConsentItem; agreed: boolean }
  | { t: 'consent-done' }
  | { t: 'limit'; agreed: boolean }
  | { t: 'result-done' }
  | { t: 'cancel' }
  | { t: 'touch' }
  | { t: 'wait'; ms: number }
  | { t: 'gateway'; mode: 'ok' | 'timeout' | 'unavailable' | 'unregistered' }
  | { t: 'log'; down: boolean };

const spec: fc.Arbitrary<FakeCardSpec> = fc.record({
  myNumber: fc.constantFrom(true, true, true, false),
  tokenKind: fc.constantFrom('card', 'card', 'android', 'iphone'),
  triesLeft: fc.integer({ min: 0, max: 3 }),
  pinNotSet: fc.constantFrom(false, false, false, true),
  validTo: fc.constantFrom(
    new Date('2029-01-01T00:00:00Z'),
    new Date('2026-08-01T00:00:00Z'),
    new Date('2026-04-20T00:00:00Z'),
    new Date('2025-01-10T00:00:00Z'),
  ),
  certificateNeedsPin: fc.boolean(),
  verifiedOnPhone: fc.constantFrom(false, false, false, true),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: spec.map((s) => ({ t: 'insert' as const, spec: s })) },
  { weight: 2, arbitrary: fc.constant({ t: 'remove' as const }) },
  {
    weight: 5,
    // Mostly human typing; sometimes a scripted renderer submitting at once.
    arbitrary: fc
      .record({ correct: fc.boolean(), typingMs: fc.constantFrom(1_500, 1_500, 3_000, 0, 100) })
      .map((r) => ({ t: 'pin' as const, ...r })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('pin', 'visual').map((method) => ({ t: 'auth' as const, method })),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'approve' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'decline' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((agreed) => ({ t: 'registration' as const, agreed })) },
  { weight: 2, arbitrary: fc.boolean().map((agreed) => ({ t: 'consent-all' as const, agreed })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        item: fc.constantFrom('medication', 'checkup', 'diagnosis', 'surgery'),
        agreed: fc.boolean(),
      })
      .map((r) => ({ t: 'consent-choose' as const, ...r })),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'consent-done' as const }) },
  { weight: 2, arbitrary: fc.boolean().map((agreed) => ({ t: 'limit' as const, agreed })) },
  { weight: 1, arbitrary: fc.constant({ t: 'result-done' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'cancel' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'touch' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 400_000 }).map((ms) => ({ t: 'wait' as const, ms })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('ok', 'ok', 'timeout', 'unavailable', 'unregistered')
      .map((mode) => ({ t: 'gateway' as const, mode })),
  },
  { weight: 1, arbitrary: fc.boolean().map((down) => ({ t: 'log' as const, down })) },
);

/** Runs one step; intents the current screen refuses are part of the game. */
async function run(h: Harness, s: Step, cards: FakeCardState[]): Promise<void> {
  const session = h.controller.current();
  try {
    switch (s.t) {
      case 'insert': {
        if (h.reader.cardPresent('R1')) return;
        const card = new FakeCardState(s.spec);
        cards.push(card);
        h.reader.insert('R1', card);
        break;
      }
      case 'remove':
        if (h.reader.cardPresent('R1')) h.reader.remove('R1');
        break;
      case 'pin': {
        if (!session) break;
        h.timers.advance(s.typingMs);
        const before = { screen: h.screen(), verifies: cards.reduce((n, c) => n + c.verifies.length, 0) };
        try {
          h.controller.track(session.submitPin(s.correct ? '1234' : '9876'));
        } catch (error) {
          if (isKioskError(error) && error.code === 'session.rate-limited') {
            // A refused submission reaches neither the card nor the state.
            await h.settle();
            expect(cards.reduce((n, c) => n + c.verifies.length, 0)).toBe(before.verifies);
            expect(h.screen()).toEqual(before.screen);
            return;
          }
          throw error;
        }
        break;
      }
      case 'auth':
        session?.chooseAuth(s.method);
        break;
      case 'approve':
        if (session) h.controller.track(session.approveVisual('職員'));
        break;
      case 'decline':
        session?.declineVisual('職員');
        break;
      case 'registration': {
        const work = session?.answerRegistration(s.agreed);
        if (work) h.controller.track(work);
        break;
      }
      case 'consent-all':
        session?.consentAll(s.agreed);
        break;
      case 'consent-choose':
        session?.consentChoose(s.item, s.agreed);
        break;
      case 'consent-done':
        session?.consentDone();
        break;
      case 'limit':
        session?.limitChoose(s.agreed);
        break;
      case 'result-done':
        session?.resultDone();
        break;
      case 'cancel':
        session?.cancel();
        break;
      case 'touch':
        session?.touch();
        break;
      case 'wait':
        h.timers.advance(s.ms);
        break;
      case 'gateway':
        h.gateway.registered = s.mode !== 'unregistered';
        if (s.mode === 'timeout') h.gateway.failWith('gateway.timeout');
        else if (s.mode === 'unavailable') h.gateway.failWith('gateway.unavailable');
        else h.gateway.answer = async () => (await import('./fakes')).result();
        h.gateway.healthy = { ok: s.mode !== 'unavailable', detail: s.mode };
        break;
      case 'log':
        h.log.down = s.down;
        break;
    }
  } catch (error) {
    if (!(error instanceof SessionStateError)) throw error;
  }
  await h.settle();
}

describe('session properties', () => {
  it('random intents, card events and timeouts never VERIFY a locked card and never leave data after idle', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.boolean(),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        async (limitScreen, showMoney, steps) => {
          const h = createHarness({
            settings: {
              consentItems: ['medication', 'checkup', 'diagnosis'],
              limitConsentScreen: limitScreen,
              resultShowsCopayAndLimit: showMoney,
            },
          });
          const cards: FakeCardState[] = [];
          for (const s of steps) {
            await run(h, s, cards);
            // Money on the patient screen only where the clinic chose it; a declined 限度額 class nowhere.
            for (const screen of h.screens) {
              if (screen.name !== 'result' || !screen.person) continue;
              if (!showMoney) expect(screen.person.copayTenths).toBeUndefined();
              if (!showMoney) expect(screen.person.limitLabel).toBeUndefined();
            }
            for (const row of h.log.rows) {
              if (row.limitConsent?.agreed === false) expect(row.limitClass).toBeUndefined();
              if (!limitScreen) expect(row.limitConsent).toBeUndefined();
            }
            for (const card of cards) {
              for (const verify of card.verifies) {
                expect(verify.lockedAtTheTime).toBe(false);
                expect(verify.mode).toBe('exclusive');
              }
            }
            if (!h.controller.current()) {
              expect(['idle', 'out-of-service']).toContain(h.name());
              expect(h.controller.visualPending()).toEqual([]);
              expect(h.controller.timeoutSeconds()).toBeUndefined();
              for (const card of cards) {
                for (const c of card.certificates) expect(c.der.every((b) => b === 0)).toBe(true);
                for (const c of card.challenges) expect(c.every((b) => b === 0)).toBe(true);
                for (const c of card.signatures) expect(c.every((b) => b === 0)).toBe(true);
              }
              expect(h.reader.connections.every((c) => c.disconnected)).toBe(true);
            }
          }
          // Each attempt is logged at most once.
          expect(h.log.rows.length).toBeLessThanOrEqual(cards.length);
          await h.controller.dispose();
        },
      ),
      { numRuns: 300, seed: Number(process.env.SESSION_PROPERTY_SEED ?? 20261127) },
    );
  });

  it('a wrong PIN is never retried: one VERIFY per submission', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), async (attempts) => {
        const h = createHarness();
        const card = await h.present();
        let submitted = 0;
        for (const correct of attempts) {
          const session = h.controller.current();
          if (!session) break;
          if (session.stateName === 'choose-auth') {
            try {
              session.chooseAuth('pin');
            } catch {
              break;
            }
          }
          if (session.stateName !== 'pin') break;
          submitted += 1;
          await h.pin(correct ? '1234' : '0000');
          expect(card.verifies).toHaveLength(submitted);
        }
        await h.controller.dispose();
      }),
      { numRuns: 200, seed: Number(process.env.SESSION_PROPERTY_SEED ?? 20261127) },
    );
  });
});
