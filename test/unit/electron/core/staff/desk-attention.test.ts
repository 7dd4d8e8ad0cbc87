// The endings that send a patient to the desk, and that staff hear of each once per check-in.
import { describe, expect, it } from 'vitest';
import type { Screen } from '../../../../../electron/common/contract';
import { deskNotifier, sendsPatientToDesk } from '../../../../../electron/core/staff/desk-attention';
import { createHarness } from '../session/harness';

const result = (outcome: 'confirmed' | 'needs-attention' | 'not-insured'): Screen => ({
  name: 'result',
  outcome,
  notices: [],
  eligibilityOnly: false,
  receptionNumber: 1,
});
const error: Screen = {
  name: 'error',
  reason: 'visual-declined',
  code: 'visual.declined',
  cardPresent: true,
};

describe('sendsPatientToDesk', () => {
  it('is true for every error screen and for a result that is not a clean confirmation', () => {
    expect(sendsPatientToDesk(error)).toBe(true);
    expect(sendsPatientToDesk(result('needs-attention'))).toBe(true);
    expect(sendsPatientToDesk(result('not-insured'))).toBe(true);
    expect(sendsPatientToDesk({ name: 'registration-declined', cardPresent: true })).toBe(true);
  });

  it('is false for a confirmed result and for the screens on the way', () => {
    expect(sendsPatientToDesk(result('confirmed'))).toBe(false);
    for (const screen of [
      { name: 'idle' },
      { name: 'reading' },
      { name: 'visual-wait' },
      { name: 'take-card' },
      { name: 'processing', step: 'confirming' },
    ] as const satisfies readonly Screen[]) {
      expect(sendsPatientToDesk(screen)).toBe(false);
    }
  });
});

describe('deskNotifier', () => {
  it('tells staff once, however often the ending is redrawn', () => {
    let told = 0;
    const notice = deskNotifier(() => (told += 1));
    notice({ name: 'reading' });
    notice(result('confirmed'));
    expect(told).toBe(0);
    notice(error);
    notice(error);
    notice({ name: 'take-card' });
    notice(result('not-insured'));
    expect(told).toBe(1);
  });
});

describe('the session controller tells staff when a patient is sent to the desk', () => {
  it('a declined 目視確認 (an error ending) pushes desk-needed once, naming the reader', async () => {
    const h = createHarness();
    await h.present({ triesLeft: 0 });
    h.session().chooseAuth('visual');
    await h.settle();
    h.session().declineVisual('佐藤');
    await h.settle();
    expect(h.screen()).toMatchObject({ name: 'error', reason: 'visual-declined' });
    expect(h.staff.filter((e) => e.reason === 'desk-needed')).toEqual([
      { reason: 'desk-needed', reader: 'R1' },
    ]);
    await h.controller.dispose();
  });

  it('a confirmed check-in sends nobody to the desk', async () => {
    const h = createHarness();
    await h.toResult();
    expect(h.screen()).toMatchObject({ name: 'result', outcome: 'confirmed' });
    expect(h.staff.some((e) => e.reason === 'desk-needed')).toBe(false);
    await h.controller.dispose();
  });
});
