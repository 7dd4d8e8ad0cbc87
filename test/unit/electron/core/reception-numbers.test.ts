// Reception numbers over random clinic days: every route and ending, restarts and the clinic midnight, on a real log file.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QualificationResult } from '../../../../electron/core/gateway/qualification-gateway';
import {
  createConfirmationLog,
  type ConfirmationLogFile,
} from '../../../../electron/core/log/sqlite-confirmation-log';
import { confirmKeyed, type KeyedCheckinDeps } from '../../../../electron/core/staff/keyed-checkin';
import { tempDir, type TempDir } from './log/log-fixtures';
import { createRulesPort } from '../../../../electron/core/session/rules-port';
import { FakeGateway, ManualClock, keyedEntry, result } from './session/fakes';
import { createHarness, type Harness } from './session/harness';

type Answer = 'confirmed' | 'not-insured' | 'needs-attention' | 'gateway-error';
type Step =
  | { t: 'card'; auth: 'pin' | 'visual'; answer: Answer; walkAway: boolean }
  | { t: 'keyed'; answer: Answer }
  | { t: 'restart' }
  | { t: 'wait'; ms: number };

/** What each answer looks like (validity codes: oqs-and-insurance.md; 5 = several results, for staff). */
const answers: Record<Exclude<Answer, 'gateway-error'>, () => QualificationResult> = {
  confirmed: () => result(),
  'not-insured': () => result({ validity: 2 }),
  'needs-attention': () => result({ validity: 5 }),
};

const answer = fc.constantFrom<Answer>(
  'confirmed',
  'confirmed',
  'not-insured',
  'needs-attention',
  'gateway-error',
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        auth: fc.constantFrom<'pin' | 'visual'>('pin', 'pin', 'visual'),
        answer,
        walkAway: fc.boolean(),
      })
      .map((r) => ({ t: 'card' as const, ...r })),
  },
  { weight: 3, arbitrary: answer.map((a) => ({ t: 'keyed' as const, answer: a })) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  // Mostly a patient's pace; sometimes a quiet spell that runs the clock past the clinic's midnight.
  { weight: 3, arbitrary: fc.integer({ min: 1_000, max: 90_000 }).map((ms) => ({ t: 'wait' as const, ms })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 20 }).map((h) => ({ t: 'wait' as const, ms: h * 3_600_000 })),
  },
);

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

/** One kiosk day: a harness (the card routes) and the keyed route over one log file that survives restarts. */
class Terminal {
  readonly clock: ManualClock;
  readonly gateway = new FakeGateway();
  log!: ConfirmationLogFile;
  h!: Harness;
  keyed!: KeyedCheckinDeps;
  /** Every number shown, with the clinic day it was shown on. */
  readonly shown: Array<{ day: string; number: number }> = [];

  constructor(
    private readonly file: string,
    start: string,
  ) {
    this.clock = new ManualClock(Date.parse(start));
    this.open();
  }

  private open(): void {
    this.log = createConfirmationLog({ path: this.file, clock: this.clock });
    this.h = createHarness({ clock: this.clock, gateway: this.gateway, realLog: this.log });
    this.keyed = {
      gateway: this.gateway,
      log: this.log,
      rules: createRulesPort(this.clock),
      clock: this.clock,
      terminalName: () => '受付1',
      limitConsentAsked: () => false,
      onRecorded: () => undefined,
      onLogTrouble: () => undefined,
      onGatewayTrouble: () => undefined,
    };
  }

  async restart(): Promise<void> {
    await this.h.controller.dispose();
    this.log.close();
    this.open();
  }

  setAnswer(a: Answer): void {
    if (a === 'gateway-error') this.gateway.failWith('gateway.timeout');
    else this.gateway.answer = async () => answers[a]();
  }

  /** A number the patient or staff see: it must already be on disk, for the clinic day it is shown on. */
  saw(number: number): void {
    const day = this.clock.today();
    const stored = this.log.db
      .prepare('SELECT count(*) FROM reception_numbers WHERE day = ? AND number = ?')
      .pluck()
      .get(day, number);
    expect(stored, `number ${number} on disk for ${day} before it is shown`).toBe(1);
    this.shown.push({ day, number });
  }

  async card(s: Extract<Step, { t: 'card' }>): Promise<void> {
    const { h } = this;
    this.setAnswer(s.answer);
    await h.present();
    if (s.auth === 'pin') await h.pin('1234');
    else {
      h.session().chooseAuth('visual');
      h.controller.track(h.session().approveVisual('職員A'));
      await h.settle();
    }
    if (h.name() === 'consent') {
      if (s.walkAway) h.session().cancel();
      else {
        h.session().consentAll(true);
        await h.settle();
      }
    }
    const screen = h.screen();
    if (screen.name === 'result') {
      expect(s.answer).not.toBe('gateway-error');
      this.saw(screen.receptionNumber);
    } else if (!s.walkAway) {
      expect(s.answer).toBe('gateway-error');
    }
    await h.remove();
    // A result or an error stays readable after the card is taken, until finished.
    if (h.name() === 'result') h.session().resultDone();
    else if (h.name() !== 'idle') h.session().cancel();
    await h.settle();
  }

  async keyedEntry(a: Answer): Promise<void> {
    this.setAnswer(a);
    const staffResult = await confirmKeyed(this.keyed, keyedEntry, true, '職員A');
    if (a === 'gateway-error') expect(staffResult.receptionNumber).toBeUndefined();
    else this.saw(staffResult.receptionNumber ?? Number.NaN);
  }
}

describe('reception numbers', () => {
  it('strictly increase within each clinic day and are never shown twice, across routes, endings, restarts and midnight', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        // 23:58 JST: a few minutes of a patient's pace cross the clinic's midnight (15:00 UTC).
        const terminal = new Terminal(
          tmp.file(`day-${Math.random().toString(36).slice(2)}.sqlite`),
          '2026-06-15T14:58:00Z',
        );
        try {
          for (const s of steps) {
            if (s.t === 'card') await terminal.card(s);
            else if (s.t === 'keyed') await terminal.keyedEntry(s.answer);
            else if (s.t === 'restart') await terminal.restart();
            else terminal.clock.advance(s.ms);
          }
          const byDay = new Map<string, number[]>();
          for (const { day, number } of terminal.shown) byDay.set(day, [...(byDay.get(day) ?? []), number]);
          for (const [day, numbers] of byDay) {
            // 1, 2, 3 … in the order shown: strictly increasing, hence never reused, and no gaps.
            expect(numbers, day).toEqual(numbers.map((_, i) => i + 1));
          }
        } finally {
          await terminal.h.controller.dispose();
          terminal.log.close();
        }
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });

  it('a patient who started at 23:59:50 and was answered at 00:00:05 gets number 1 of the new day', async () => {
    const terminal = new Terminal(tmp.file(), '2026-06-15T14:59:50Z'); // 23:59:50 JST on 06-15
    const { h } = terminal;
    try {
      terminal.setAnswer('confirmed');
      await h.present();
      await h.pin('1234');
      terminal.clock.set('2026-06-15T15:00:05Z'); // 00:00:05 JST on 06-16
      h.session().consentAll(true);
      await h.settle();
      const screen = h.screen();
      expect(screen.name === 'result' ? screen.receptionNumber : undefined).toBe(1);
      expect(terminal.log.db.prepare('SELECT day, number FROM reception_numbers').all()).toEqual([
        { day: '2026-06-16', number: 1 },
      ]);
      await terminal.keyedEntry('confirmed');
      expect(terminal.shown).toEqual([{ day: '2026-06-16', number: 2 }]);
    } finally {
      await h.controller.dispose();
      terminal.log.close();
    }
  });
});
