// The staff console's alerts: which pushed staff events need someone at the desk, and when an alert is over.
import type { EventPayload, StaffStatus } from '../../electron/common/contract';

export type StaffEvent = EventPayload<'staff.changed'>;

/** visual: a card waits for 目視確認; desk: a patient was sent to the desk; card-left: a card lies on the reader; service: out of service. */
export type AlertKind = 'visual' | 'desk' | 'card-left' | 'service';

export interface StaffAlert {
  /** One alert per kind and reader: a repeat of the same event does not stack. */
  key: string;
  kind: AlertKind;
  reader?: string;
  text: string;
}

/** What staff read; the reader's name comes first so a clinic with several kiosks knows where to go. */
const alertTexts: Record<AlertKind, (reader: string) => string> = {
  visual: (reader) => `${reader}：目視確認を待っている方がいます。`,
  desk: (reader) => `${reader}：窓口での対応が必要な方がいます。`,
  'card-left': (reader) => `${reader}：カードが受付機に残っています。`,
  service: () => '受付機が使えない状態です。「機器の状態」をご確認ください。',
};

/**
 * The alert each event reason raises at once. card-left is not among them: the core sends it both when a
 * card has lain too long and when it is taken, so the status re-read it prompts (`cardsLeft`) decides.
 */
const raisedBy: Partial<Record<StaffEvent['reason'], AlertKind>> = {
  'visual-pending': 'visual',
  'desk-needed': 'desk',
};

const alertOf = (kind: AlertKind, reader: string | undefined): StaffAlert => ({
  key: `${kind}:${reader ?? ''}`,
  kind,
  ...(reader !== undefined ? { reader } : {}),
  text: alertTexts[kind](reader ?? '受付機'),
});

export interface AlertChange {
  alerts: StaffAlert[];
  /** A new alert appeared: sound the tone. */
  raised: boolean;
}

/** One pushed event applied to the shown alerts. */
export function applyStaffEvent(alerts: readonly StaffAlert[], event: StaffEvent): AlertChange {
  if (event.reason === 'visual-resolved') {
    return {
      alerts: alerts.filter((a) => !(a.kind === 'visual' && a.reader === event.reader)),
      raised: false,
    };
  }
  const kind = raisedBy[event.reason];
  if (!kind) return { alerts: [...alerts], raised: false };
  const alert = alertOf(kind, event.reader);
  const rest = alerts.filter((a) => a.key !== alert.key);
  return { alerts: [alert, ...rest], raised: true };
}

/** Whether the status shows the patient screen out of service (reader service, eligibility system or log down). */
export function outOfService(status: StaffStatus): boolean {
  return status.readerService === 'down' || !status.gateway.ok || !status.log.ok;
}

/**
 * The alerts checked against the latest status: a 目視確認 no longer waiting and a card taken from its
 * reader are over; out of service and a card left on a reader show while they last. Keeps alerts right
 * when an event was missed.
 */
export function reconcileAlerts(alerts: readonly StaffAlert[], status: StaffStatus): AlertChange {
  const waiting = new Set(status.visualPending.map((p) => p.reader));
  const left = new Set((status.cardsLeft ?? []).map((c) => c.reader));
  const kept = alerts.filter((a) => {
    if (a.kind === 'visual') return a.reader !== undefined && waiting.has(a.reader);
    if (a.kind === 'card-left') return a.reader !== undefined && left.has(a.reader);
    if (a.kind === 'service') return outOfService(status);
    return true;
  });
  const service =
    outOfService(status) && !kept.some((a) => a.kind === 'service') ? [alertOf('service', undefined)] : [];
  // A 目視確認 found waiting in the status (its event missed, e.g. while reconnecting) is raised too.
  const missed = status.visualPending
    .filter((p) => !kept.some((a) => a.kind === 'visual' && a.reader === p.reader))
    .map((p) => alertOf('visual', p.reader));
  // A card left on its reader past the clinic's take-card time.
  const newlyLeft = [...left]
    .filter((reader) => !kept.some((a) => a.kind === 'card-left' && a.reader === reader))
    .map((reader) => alertOf('card-left', reader));
  const added = [...service, ...missed, ...newlyLeft];
  return { alerts: [...added, ...kept], raised: added.length > 0 };
}

/**
 * On a staff terminal (config `mode: "staff"`) its readers are the desk's own: the desk page already shows a
 * 目視確認 or a patient needing help to the staff who run it, so those raise no alert there (the card left
 * on a reader and out of service still do). A change that only raised such an alert sounds no tone.
 */
export function forStaffTerminal(previous: readonly StaffAlert[], change: AlertChange): AlertChange {
  const alerts = change.alerts.filter((a) => a.kind !== 'visual' && a.kind !== 'desk');
  const raised = change.raised && alerts.some((a) => !previous.some((p) => p.key === a.key));
  return { alerts, raised };
}

/** A request staff have just answered (or found already answered) leaves the list at once. */
export function withoutVisual(status: StaffStatus | undefined, reader: string): StaffStatus | undefined {
  return status
    ? { ...status, visualPending: status.visualPending.filter((p) => p.reader !== reader) }
    : status;
}
