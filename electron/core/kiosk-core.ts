// The application core: owns the session snapshot, answers the contract's channels, and notifies on change.
import type { EventChannel, EventPayload, Preferences, SessionSnapshot } from '../common/contract';
import { KioskError } from '../common/errors';
import type { KioskConfig } from './config/config-schema';
import { createSettingsStore, type SettingsStore } from './config/settings-store';
import type { InvokeHandlers } from './ipc/dispatcher';
import type { QualificationGateway } from './gateway/qualification-gateway';
import type { ConfirmationLog } from './log/confirmation-log';
import type { ReaderPort } from '../../native/reader/reader-port';
import { SessionStateError, type CheckinSession, type SessionSettings } from './session/checkin-session';
import { createClinicClock, type ClinicClock } from './clock/clinic-clock';
import { systemTimers, type OpenCard, type RulesPort, type Timers } from './session/ports';
import { SessionController, type HealthCheck, type StaffEventReason } from './session/session-controller';
import { forbiddenSimHandlers, type SimulationControl } from './simulation/simulation-control';
import { accountsInForce } from './staff/staff-accounts';
import { StaffAuth } from './staff/staff-auth';
import { createStaffHandlers, type ConfirmationExporter } from './staff/staff-service';
import type { ClinicView } from './central/clinic-view';

export interface KioskCore {
  readonly handlers: InvokeHandlers;
  snapshot(): SessionSnapshot;
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  /** Every event for the renderers: session.changed, staff.changed, sim.changed. */
  subscribeEvents(listener: <E extends EventChannel>(event: E, payload: EventPayload<E>) => void): () => void;
  /** The check-in sessions, when a reader, gateway and log are wired. */
  readonly controller: SessionController | undefined;
  dispose(): Promise<void>;
}

/** The parts a check-in needs; without them the core only shows the idle screen. */
export interface CheckinParts {
  port: ReaderPort;
  openCard: OpenCard;
  gateway: QualificationGateway;
  log: ConfirmationLog;
  rules: RulesPort;
  probeLog?(): Promise<HealthCheck>;
  random?: (bytes: number) => Uint8Array;
}

export interface KioskCoreDeps {
  config: KioskConfig;
  simulation: boolean;
  checkin?: CheckinParts;
  exporter?: ConfirmationExporter;
  /** Where staff changes are saved; default: in memory only. */
  settings?: SettingsStore;
  /** The staff PIN hash in force (a simulation may supply a demo PIN); default: the config's. */
  staffPinHash?: () => string;
  /** Builds the simulator panel; absent → every sim.* channel answers ipc.forbidden. */
  simulator?: (onChange: () => void) => SimulationControl;
  /** The clinic clock; by default the machine's time in the configured clinic offset. */
  clock?: ClinicClock;
  timers?: Timers;
  /**
   * The clinic view (central.consoleUrl): its channels, and its staff-need events pushed to the console as
   * staff.changed `clinic`.
   */
  clinicView?: ClinicView;
  healthIntervalMs?: number;
  recovery?: { initialMs: number; maxMs: number };
}

type AnyListener = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

export function createKioskCore(deps: KioskCoreDeps): KioskCore {
  const { simulation } = deps;
  const clock = deps.clock ?? createClinicClock({ utcOffset: deps.config.clinic.utcOffset });
  const timers = deps.timers ?? systemTimers;
  const settings = deps.settings ?? createSettingsStore(deps.config);
  const config = (): KioskConfig => settings.current();
  const snapshotListeners = new Set<(snapshot: SessionSnapshot) => void>();
  const eventListeners = new Set<AnyListener>();
  let staffSeq = 0;
  let simSeq = 0;

  const emit = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    for (const listener of eventListeners) listener(event, payload);
  };

  const initialPreferences = (): Preferences => ({
    language: config().ui.defaultLanguage,
    largeText: config().ui.largeText,
    voice: config().ui.voice,
  });
  let preferences = initialPreferences();

  const sessionSettings = (): SessionSettings => ({
    terminalName: config().terminalName,
    consentItems: [...config().consent.items],
    limitConsentScreen: config().consent.limitScreen,
    resultShowsCopayAndLimit: config().resultScreen.showCopayAndLimit,
    timeouts: { ...config().timeouts },
    card: { ...config().card },
  });

  const staffEvent = (reason: StaffEventReason | 'settings' | 'clinic', reader?: string): void => {
    staffSeq += 1;
    emit('staff.changed', { seq: staffSeq, reason, ...(reader ? { reader: reader.slice(0, 128) } : {}) });
  };

  const controller = deps.checkin
    ? new SessionController({
        ...deps.checkin,
        clock,
        timers,
        settings: sessionSettings,
        onChange: () => update(),
        onSessionEnd: () => {
          // The next patient starts clean, with the clinic's defaults.
          preferences = initialPreferences();
        },
        onStaff: staffEvent,
        ...(deps.healthIntervalMs !== undefined ? { healthIntervalMs: deps.healthIntervalMs } : {}),
        ...(deps.recovery ? { recovery: deps.recovery } : {}),
      })
    : undefined;

  const build = (seq: number): SessionSnapshot => {
    const timeoutSeconds = controller?.timeoutSeconds();
    return {
      seq,
      screen: controller?.screen() ?? { name: 'idle' },
      preferences,
      simulation,
      terminalName: config().terminalName,
      // A staff terminal's renderer opens the staff console, never the patient screen, at its home page.
      mode: config().mode,
      languages: [...config().ui.languages],
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    };
  };
  let state: SessionSnapshot = build(0);

  function update(): SessionSnapshot {
    state = build(state.seq + 1);
    for (const listener of snapshotListeners) listener(state);
    emit('session.changed', state);
    return state;
  }

  /** Runs a patient intent on the running session and answers the new snapshot. */
  const intent = (action: (session: CheckinSession) => void | Promise<void>): SessionSnapshot => {
    const session = controller?.current();
    if (!session || session.ended) {
      throw new KioskError(
        'session.no-session',
        'カードの読み取りは終了しています。もう一度カードを置いてください',
      );
    }
    try {
      const work = action(session);
      if (work) controller?.track(work);
    } catch (error) {
      if (error instanceof SessionStateError) throw new KioskError('session.invalid-state', error.message);
      throw error;
    }
    return state;
  };

  const auth = new StaffAuth({
    clock,
    // The configured accounts; without any, the old single PIN (or a simulation's demo one) as 管理者.
    accounts: () => accountsInForce(config().staff, deps.staffPinHash?.() ?? ''),
    policy: () => ({
      maxFailures: config().staff.maxFailures,
      lockoutMinutes: config().staff.lockoutMinutes,
      sessionMinutes: config().staff.sessionMinutes,
      sessionMaxHours: config().staff.sessionMaxHours,
    }),
  });

  const checkin = deps.checkin;
  const staffHandlers = createStaffHandlers({
    auth,
    ...(controller ? { controller } : {}),
    ...(checkin
      ? {
          log: checkin.log,
          rules: checkin.rules,
          keyed: {
            gateway: checkin.gateway,
            log: checkin.log,
            rules: checkin.rules,
            clock,
            terminalName: () => config().terminalName,
            limitConsentAsked: () => config().consent.limitScreen,
            onRecorded: () => staffEvent('confirmation-recorded'),
            onLogTrouble: () => controller?.reportProblem('log'),
            onGatewayTrouble: () => controller?.reportProblem('gateway'),
          },
        }
      : {}),
    ...(deps.exporter ? { exporter: deps.exporter } : {}),
    ...(deps.clinicView
      ? {
          clinic: deps.clinicView,
          // The clinic's CSV holds every terminal's patients: without a log to record it in (`exporter`),
          // who took it goes to the app's own log.
          onClinicExport: (staffName: string, range: { from: string; to: string }) =>
            console.error(`[clinic-view] CSV ${range.from}..${range.to} exported by ${staffName}`),
        }
      : {}),
    gatewayKind: checkin?.gateway.kind ?? 'none',
    readers: () =>
      checkin
        ? checkin.port.readers().map((name) => ({ name, cardPresent: checkin.port.cardPresent(name) }))
        : [],
    simulation,
    clock,
    settings,
    ...(deps.staffPinHash ? { fallbackPinHash: deps.staffPinHash } : {}),
    onSettingsSaved: () => {
      if (!config().ui.languages.includes(preferences.language)) preferences = initialPreferences();
      staffEvent('settings');
      update();
    },
  });

  const sim = deps.simulator?.(() => {
    simSeq += 1;
    emit('sim.changed', { seq: simSeq });
    // A fault just set or cleared shows (or clears) out of service at once.
    controller?.checkNow();
  });

  const handlers: InvokeHandlers = {
    'renderer.ready': () => state,
    'session.get': () => state,
    'session.cancel': () => {
      const session = controller?.current();
      if (session && !session.ended) {
        session.cancel();
      } else {
        // Back to idle with the clinic's default preferences: a new patient starts clean.
        preferences = initialPreferences();
        update();
      }
      return null;
    },
    'session.activity': () => {
      controller?.current()?.touch();
      return null;
    },
    'preferences.set': (request) => {
      const language =
        request.language && config().ui.languages.includes(request.language)
          ? request.language
          : preferences.language;
      preferences = { ...preferences, ...request, language };
      return update();
    },
    'auth.choose': (request) => intent((s) => s.chooseAuth(request.method)),
    'pin.submit': (request) => intent((s) => s.submitPin(request.pin)),
    'registration.answer': (request) => intent((s) => s.answerRegistration(request.agreed)),
    'consent.all': (request) => intent((s) => s.consentAll(request.agreed)),
    'consent.choose': (request) => intent((s) => s.consentChoose(request.item, request.agreed)),
    'consent.done': () => intent((s) => s.consentDone()),
    'limit.choose': (request) => intent((s) => s.limitChoose(request.agreed)),
    'result.done': () => intent((s) => s.resultDone()),
    ...staffHandlers,
    ...(sim?.handlers ?? forbiddenSimHandlers),
  };

  controller?.start();
  state = build(state.seq);

  // Staff needs at any terminal reach the console as a push; after a reconnect the console re-reads too.
  const listening = new AbortController();
  const listener = deps.clinicView?.listen(listening.signal, {
    onEvent: (event) => staffEvent('clinic', event.reader || undefined),
    onRows: () => staffEvent('clinic'),
    onConnected: () => staffEvent('clinic'),
  });

  return {
    handlers,
    controller,
    snapshot: () => state,
    subscribe(listener) {
      snapshotListeners.add(listener);
      return () => snapshotListeners.delete(listener);
    },
    subscribeEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    async dispose() {
      snapshotListeners.clear();
      eventListeners.clear();
      sim?.dispose();
      listening.abort();
      await listener;
      await controller?.dispose();
    },
  };
}
