// The patient screen of a result: what it worked out to, the reception number, a name check; money only on request.
import { describe, expect, it } from 'vitest';
import type { ResultView } from '../../../../../electron/core/session/result-view';
import { patientScreen, type ViewFacts } from '../../../../../electron/core/session/session-view';
import { person } from './fakes';

const facts = (over: Partial<ViewFacts> = {}): ViewFacts => ({
  tokenKind: 'card',
  pinState: undefined,
  lastTryAcknowledged: false,
  certificateState: 'valid',
  consentItems: ['medication', 'checkup'],
  cardPresent: true,
  resultShowsCopayAndLimit: false,
  resumeSeconds: 30,
  ...over,
});

const view = (over: Partial<ResultView> = {}): ResultView => ({
  outcome: 'confirmed',
  person: person({ copayTenths: 2, limit: { classification: '01', classFlag: 'A02', label: '区分イ' } }),
  copay: { tenths: 2, source: 'insurer-ratio' },
  notices: [],
  ...over,
});

describe('result screen', () => {
  it('by default shows no copay ratio and no 限度額 class: the next person in line sees the screen', () => {
    const screen = patientScreen({ k: 'result', view: view(), receptionNumber: 12 }, facts());
    expect(screen).toEqual({
      name: 'result',
      outcome: 'confirmed',
      person: { name: '山田 太郎', nameNeedsStaffCheck: false },
      notices: [],
      eligibilityOnly: false,
      receptionNumber: 12,
    });
  });

  it('keeps the name check when it hides the money', () => {
    const unrenderable = person({ name: '髙●太郎', nameHasUnrenderable: true });
    const screen = patientScreen(
      {
        k: 'result',
        view: view({ outcome: 'needs-attention', person: unrenderable, notices: ['name-needs-check'] }),
        receptionNumber: 3,
      },
      facts(),
    );
    expect(screen).toMatchObject({
      person: { name: '髙●太郎', nameNeedsStaffCheck: true },
      notices: ['name-needs-check'],
      receptionNumber: 3,
    });
    expect(screen.name === 'result' && Object.keys(screen.person ?? {}).sort()).toEqual([
      'name',
      'nameNeedsStaffCheck',
    ]);
  });

  it('shows both where the clinic turned it on', () => {
    const screen = patientScreen(
      { k: 'result', view: view(), receptionNumber: 12 },
      facts({ resultShowsCopayAndLimit: true }),
    );
    expect(screen).toMatchObject({
      person: { name: '山田 太郎', nameNeedsStaffCheck: false, copayTenths: 2, limitLabel: '区分イ' },
    });
  });

  it('a result without a single person shows none, whatever the setting', () => {
    const none: ResultView = { outcome: 'not-insured', notices: ['validity-not-found'] };
    const screen = patientScreen(
      { k: 'result', view: none, receptionNumber: 4 },
      facts({ resultShowsCopayAndLimit: true }),
    );
    expect(screen).toEqual({
      name: 'result',
      outcome: 'not-insured',
      notices: ['validity-not-found'],
      eligibilityOnly: false,
      receptionNumber: 4,
    });
  });
});
