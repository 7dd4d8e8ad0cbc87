// Staff alerts: which pushed events raise one (with the chime), and when each is over.
import { describe, expect, it } from 'vitest';
import type { ClinicTerminal, StaffStatus } from '../../../../electron/common/contract';
import {
  applyStaffEvent,
  forStaffTerminal,
  reconcileAlerts,
  reconcileClinicAlerts,
  withoutVisual,
  type StaffAlert,
} from '../../../../renderer/staff/staff-alerts';

const status = (over: Partial<StaffStatus> = {}): StaffStatus => ({
  simulation: true,
  readerService: 'up',
  readers: [{ name: 'R1', cardPresent: true, screen: 'visual-wait' }],
  gateway: { kind: 'simulator', ok: true, detail: '' },
  log: { ok: true, detail: '' },
  visualPending: [
    { reader: 'R1', since: '2026-12-01T09:05:00+09:00', tokenKind: 'card', certificate: 'valid' },
  ],
  clinic: { today: '2026-12-01', now: '2026-12-01T09:05:01+09:00', utcOffset: '+09:00' },
  ...over,
});

describe('applyStaffEvent', () => {
  it('a card waiting for 目視確認 raises an alert naming the reader, with the chime', () => {
    const change = applyStaffEvent([], { seq: 1, reason: 'visual-pending', reader: 'R1' });
    expect(change.raised).toBe(true);
    expect(change.alerts).toEqual([
      { key: 'visual:R1', kind: 'visual', reader: 'R1', text: 'R1：目視確認を待っている方がいます。' },
    ]);
  });

  it('a patient sent to the desk raises its own alert', () => {
    const change = applyStaffEvent([], { seq: 2, reason: 'desk-needed', reader: 'R1' });
    expect(change.alerts.map((a) => [a.kind, a.text])).toEqual([
      ['desk', 'R1：窓口での対応が必要な方がいます。'],
    ]);
  });

  it('the same event twice shows one alert', () => {
    const once = applyStaffEvent([], { seq: 1, reason: 'visual-pending', reader: 'R1' }).alerts;
    expect(applyStaffEvent(once, { seq: 2, reason: 'visual-pending', reader: 'R1' }).alerts).toHaveLength(1);
  });

  it('a handled 目視確認 takes its alert away at once, without a chime', () => {
    const shown = applyStaffEvent([], { seq: 1, reason: 'visual-pending', reader: 'R1' }).alerts;
    const change = applyStaffEvent(shown, { seq: 2, reason: 'visual-resolved', reader: 'R1' });
    expect(change).toEqual({ alerts: [], raised: false });
  });

  it('events that need nobody (a confirmation recorded, settings saved) raise nothing', () => {
    for (const reason of ['confirmation-recorded', 'settings'] as const) {
      expect(applyStaffEvent([], { seq: 3, reason })).toEqual({ alerts: [], raised: false });
    }
  });
});

describe('reconcileAlerts', () => {
  it('out of service raises an alert while it lasts, and clears when service is back', () => {
    const down = reconcileAlerts([], status({ readerService: 'down', visualPending: [] }));
    expect(down.raised).toBe(true);
    expect(down.alerts.map((a) => a.kind)).toEqual(['service']);
    const again = reconcileAlerts(down.alerts, status({ readerService: 'down', visualPending: [] }));
    expect(again.raised).toBe(false);
    expect(reconcileAlerts(down.alerts, status({ visualPending: [] })).alerts).toEqual([]);
  });

  it('a 目視確認 seen in the status whose push was missed is raised; one no longer waiting is dropped', () => {
    const found = reconcileAlerts([], status());
    expect(found.raised).toBe(true);
    expect(found.alerts.map((a) => a.key)).toEqual(['visual:R1']);
    expect(reconcileAlerts(found.alerts, status({ visualPending: [] })).alerts).toEqual([]);
  });

  it('a card left on a reader past the take-card time raises an alert, which ends when the card is taken', () => {
    const since = '2026-12-01T09:06:00+09:00';
    const left = reconcileAlerts([], status({ visualPending: [], cardsLeft: [{ reader: 'R1', since }] }));
    expect(left.raised).toBe(true);
    expect(left.alerts).toEqual([
      { key: 'card-left:R1', kind: 'card-left', reader: 'R1', text: 'R1：カードが受付機に残っています。' },
    ]);
    const still = reconcileAlerts(
      left.alerts,
      status({ visualPending: [], cardsLeft: [{ reader: 'R1', since }] }),
    );
    expect(still.raised).toBe(false);
    expect(reconcileAlerts(left.alerts, status({ visualPending: [], cardsLeft: [] })).alerts).toEqual([]);
  });

  it('the card-left push alone raises nothing: it also means the card was taken, and the status decides', () => {
    expect(applyStaffEvent([], { seq: 4, reason: 'card-left', reader: 'R1' })).toEqual({
      alerts: [],
      raised: false,
    });
  });

  it('a desk alert stays until staff dismiss it', () => {
    const alerts: StaffAlert[] = [{ key: 'desk:R1', kind: 'desk', reader: 'R1', text: '' }];
    expect(reconcileAlerts(alerts, status({ visualPending: [] })).alerts).toEqual(alerts);
  });
});

describe('withoutVisual', () => {
  it('drops the handled reader from the list at once', () => {
    expect(withoutVisual(status(), 'R1')?.visualPending).toEqual([]);
    expect(withoutVisual(status(), 'R2')?.visualPending).toHaveLength(1);
    expect(withoutVisual(undefined, 'R1')).toBeUndefined();
  });
});

describe('forStaffTerminal', () => {
  it('the desk’s own 目視確認 and desk-needed raise no alert and no chime: the desk page shows them', () => {
    const visual = applyStaffEvent([], { seq: 1, reason: 'visual-pending', reader: 'R1' });
    expect(forStaffTerminal([], visual)).toEqual({ alerts: [], raised: false });
    const desk = applyStaffEvent([], { seq: 2, reason: 'desk-needed', reader: 'R1' });
    expect(forStaffTerminal([], desk)).toEqual({ alerts: [], raised: false });
  });

  it('a card left on the reader and out of service still alert, with the chime', () => {
    const left = reconcileAlerts(
      [],
      status({ visualPending: [], cardsLeft: [{ reader: 'R1', since: '2026-12-01T09:06:00+09:00' }] }),
    );
    expect(forStaffTerminal([], left)).toMatchObject({ alerts: [{ kind: 'card-left' }], raised: true });
    const down = reconcileAlerts([], status({ visualPending: [], readerService: 'down' }));
    expect(forStaffTerminal([], down)).toMatchObject({ alerts: [{ kind: 'service' }], raised: true });
  });

  it('an alert already shown does not chime again when only a desk kind was added beside it', () => {
    const shown = reconcileAlerts([], status({ visualPending: [], readerService: 'down' })).alerts;
    const both = reconcileAlerts(shown, status({ readerService: 'down' }));
    expect(both.raised).toBe(true);
    expect(forStaffTerminal(shown, both)).toEqual({ alerts: shown, raised: false });
  });
});

const terminal = (over: Partial<ClinicTerminal> = {}): ClinicTerminal => ({
  terminalId: 'kiosk-entrance',
  description: '入口の受付機',
  state: 'ok',
  reader: 'up',
  gateway: 'up',
  log: 'up',
  needs: [],
  ...over,
});
const visualAt = (reader: string) => ({
  kind: 'visual-pending' as const,
  reader,
  since: '2026-12-01T09:05:00+09:00',
});

describe('reconcileClinicAlerts', () => {
  it('a 目視確認 waiting at another terminal raises an alert naming the terminal and reader, with the chime', () => {
    const change = reconcileClinicAlerts([], [terminal({ needs: [visualAt('R1')] })]);
    expect(change.raised).toBe(true);
    expect(change.alerts).toEqual([
      {
        key: 'clinic:kiosk-entrance:visual:R1',
        kind: 'visual',
        reader: 'R1',
        terminal: 'kiosk-entrance',
        text: '入口の受付機（R1）：目視確認を待っている方がいます。',
      },
    ]);
  });

  it('a terminal out of service points to 院内の状況; the same needs again do not chime', () => {
    const down = [
      terminal({ needs: [{ kind: 'out-of-service', reader: '', since: '2026-12-01T09:05:00+09:00' }] }),
    ];
    const first = reconcileClinicAlerts([], down);
    expect(first.alerts.map((a) => a.text)).toEqual([
      '入口の受付機：受付機が使えない状態です。「院内の状況」をご確認ください。',
    ]);
    expect(reconcileClinicAlerts(first.alerts, down).raised).toBe(false);
  });

  it('this console’s own terminal is left to its own status, and a need no longer open goes away', () => {
    expect(reconcileClinicAlerts([], [terminal({ own: true, needs: [visualAt('R1')] })]).alerts).toEqual([]);
    const shown = reconcileClinicAlerts([], [terminal({ needs: [visualAt('R1')] })]).alerts;
    expect(reconcileClinicAlerts(shown, [terminal()]).alerts).toEqual([]);
  });

  it('this terminal’s own rules leave clinic alerts alone: its status, its pushes and the staff-terminal filter', () => {
    const shown = reconcileClinicAlerts([], [terminal({ needs: [visualAt('R1')] })]).alerts;
    // The local status has nothing waiting at its own R1: the other terminal's R1 stays.
    expect(reconcileAlerts(shown, status({ visualPending: [] })).alerts).toEqual(shown);
    expect(applyStaffEvent(shown, { seq: 9, reason: 'visual-resolved', reader: 'R1' }).alerts).toEqual(shown);
    expect(forStaffTerminal([], { alerts: shown, raised: true })).toEqual({ alerts: shown, raised: true });
  });
});
