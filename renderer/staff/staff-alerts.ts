// The staff console's alerts: which pushed staff events need someone at the desk, and when an alert is over.
import type {
  ClinicNeedKind,
  ClinicTerminal,
  EventPayload,
  StaffStatus,
} from '../../electron/common/contract';

export type StaffEvent = EventPayload<'staff.changed'>;

/** visual: a card waits for 目視確認; desk: a patient was sent to the desk; card-left: a card lies on the reader; service: out of service. */
export type AlertKind = 'visual' | 'desk' | 'card-left' | 'service';

export interface StaffAlert {
  /** One alert per kind and reader: a repeat of the same event does not stack. */
  key: string;
  kind: AlertKind;
  reader?: string;
  /** Set for a need at another terminal of the clinic (the clinic view); absent for this terminal's own. */
  terminal?: string;
  text: string;
}

/** This terminal's own alerts: the ones its status and pushes decide. */
const own = (a: StaffAlert): boolean => a.terminal === undefined;

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
      alerts: alerts.filter((a) => !(own(a) && a.kind === 'visual' && a.reader === event.reader)),
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
    if (!own(a)) return true;
    if (a.kind === 'visual') return a.reader !== undefined && waiting.has(a.reader);
    if (a.kind === 'card-left') return a.reader !== undefined && left.has(a.reader);
    if (a.kind === 'service') return outOfService(status);
    return true;
  });
  const service =
    outOfService(status) && !kept.some((a) => own(a) && a.kind === 'service')
      ? [alertOf('service', undefined)]
      : [];
  // A 目視確認 found waiting in the status (its event missed, e.g. while reconnecting) is raised too.
  const missed = status.visualPending
    .filter((p) => !kept.some((a) => own(a) && a.kind === 'visual' && a.reader === p.reader))
    .map((p) => alertOf('visual', p.reader));
  // A card left on its reader past the clinic's take-card time.
  const newlyLeft = [...left]
    .filter((reader) => !kept.some((a) => own(a) && a.kind === 'card-left' && a.reader === reader))
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
  const alerts = change.alerts.filter((a) => !own(a) || (a.kind !== 'visual' && a.kind !== 'desk'));
  const raised = change.raised && alerts.some((a) => !previous.some((p) => p.key === a.key));
  return { alerts, raised };
}

/** A request staff have just answered (or found already answered) leaves the list at once. */
export function withoutVisual(status: StaffStatus | undefined, reader: string): StaffStatus | undefined {
  return status
    ? { ...status, visualPending: status.visualPending.filter((p) => p.reader !== reader) }
    : status;
}

const clinicKinds: Record<ClinicNeedKind, AlertKind> = {
  'visual-pending': 'visual',
  'card-left': 'card-left',
  'out-of-service': 'service',
};

/** What staff read of a need at another terminal: the terminal first, then the reader, so they know where to go. */
const clinicTexts: Record<AlertKind, (place: string) => string> = {
  ...alertTexts,
  service: (place) => `${place}：受付機が使えない状態です。「院内の状況」をご確認ください。`,
};

/**
 * Staff needs at the clinic's other terminals (the clinic view) as alerts, each naming its terminal and
 * reader. This console's own terminal is left out: its needs already come from its own status. The clinic
 * alerts shown before are replaced by these; one not shown before sounds the chime.
 */
export function reconcileClinicAlerts(
  alerts: readonly StaffAlert[],
  terminals: readonly ClinicTerminal[],
): AlertChange {
  const shown = new Set(alerts.map((a) => a.key));
  const clinic = terminals
    .filter((t) => t.own !== true)
    .flatMap((t) =>
      t.needs.map((need): StaffAlert => {
        const kind = clinicKinds[need.kind];
        const name = t.description || t.terminalId;
        const place = kind === 'service' ? name : `${name}（${need.reader}）`;
        return {
          key: `clinic:${t.terminalId}:${kind}:${need.reader}`,
          kind,
          reader: need.reader,
          terminal: t.terminalId,
          text: clinicTexts[kind](place),
        };
      }),
    );
  const added = clinic.filter((a) => !shown.has(a.key));
  const kept = clinic.filter((a) => shown.has(a.key));
  return { alerts: [...added, ...alerts.filter(own), ...kept], raised: added.length > 0 };
}
