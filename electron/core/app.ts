// Wires a KioskCore to an IpcHost: one composition used by the Electron main process and the browser host.
import { createJpkiCard } from '../../native/card/jpki-card';
import type { SimulatedReaderPort } from '../../native/sim/simulated-reader-port';
import type { VirtualCard } from '../../native/sim/virtual-card';
import type { KioskConfig } from './config/config-schema';
import { checkPlaces, placeProblems } from './config/check-places';
import { createSettingsStore } from './config/settings-store';
import { createGateway, gatewayConfigFor, isSimulatorGateway } from './gateway/create-gateway';
import type { SimulatorGateway } from './gateway/simulator/simulator-gateway';
import { simulatedCardHolders } from './gateway/simulator/people';
import { createDispatcher } from './ipc/dispatcher';
import type { IpcHost } from './ipc/ipc-host';
import { defaultLogPath } from './log/default-path';
import { loadOrCreateLogKey, logKeyPath, plainKeyFileStore, type LogKeyStoreFactory } from './log/chain-key';
import { createConfirmationLog } from './log/sqlite-confirmation-log';
import { createKioskCore, type KioskCore, type KioskCoreDeps } from './kiosk-core';
import { createClinicClock, type ClinicClock, type TimeSource } from './clock/clinic-clock';
import { createReaderPort } from './reader-factory';
import {
  nudgeOnStaffNeeds,
  startCentralReplication,
  staffNeedsOf,
  terminalHealthOf,
} from './central/start-central';
import { openClinicView } from './central/start-clinic-view';
import { createRulesPort } from './session/rules-port';
import { withLogFault } from './simulation/fault-log';
import { createSimulationControl, simulatorFaults } from './simulation/simulation-control';
import { hashStaffPinSync, STAFF_PIN_LEGACY_COST } from './staff/staff-pin';

export interface RunningKiosk {
  core: KioskCore;
  stop(): Promise<void>;
}

export type KioskParts = Omit<KioskCoreDeps, 'config' | 'simulation'>;

export interface StartOptions {
  /** The settings file staff changes are saved to; without it they last until the next start. */
  configPath?: string;
  /** Receives the card protocol's APDU trace (PIN data masked). */
  cardTrace?: (line: string) => void;
  /** PIN of the simulator's virtual cards (simulation only); SIMULATION_CARD_PIN by default. */
  simulationCardPin?: string;
  /** Where the clinic clock takes its time (a simulation or test may start it at a chosen moment). */
  timeSource?: TimeSource;
  /** Where the log's chain key is kept (Electron: sealed by safeStorage); default a plain owner-only key file. */
  logKeyStore?: LogKeyStoreFactory;
}

/**
 * Passcode of the demo administrator account (管理者) of a simulation kiosk whose settings file names no
 * account and no PIN, so the demo console can be opened. A production (pcsc) kiosk has no default: staff
 * must set `staff.accounts` (or the older `staff.pinHash`).
 */
export const SIMULATION_STAFF_PIN = '0000';

/**
 * Start the kiosk. Without `parts` it builds the configured ones: the simulated reader, the simulator
 * gateway and an in-memory log by default; a PC/SC reader, the 資格確認端末 folders and the log file
 * when configured.
 */
export async function startKiosk(
  host: IpcHost,
  config: KioskConfig,
  parts?: KioskParts,
  options: StartOptions = {},
): Promise<RunningKiosk> {
  const built = parts ? { parts, close: async () => undefined } : await buildParts(config, options);
  // With `central.consoleUrl`, the staff console also shows every terminal's record (the clinic view).
  const clinic = openClinicView(config.central, built.parts.clock ?? clinicClockFor(config, options));
  const core = createKioskCore({
    config,
    simulation: config.reader.kind === 'simulated',
    ...built.parts,
    ...(clinic ? { clinicView: clinic.view } : {}),
  });
  host.serve(
    createDispatcher(core.handlers, {
      onInternalError: (channel, error) => console.error(`[ipc] ${channel} failed`, error),
    }),
  );
  const unsubscribe = core.subscribeEvents((event, payload) => host.emit(event, payload));
  // With `central.url`, rows are also shipped to the clinic's PostgreSQL; the kiosk never waits on it.
  const central = parts
    ? undefined
    : startCentralReplication({
        central: config.central,
        logPath: config.log.path || (config.reader.kind === 'simulated' ? ':memory:' : defaultLogPath()),
        clock: clinicClockFor(config, options),
        health: () => terminalHealthOf(core.controller?.health()),
        staffNeeded: () => staffNeedsOf(core.controller),
      });
  // A staff need that changes at this terminal is shipped at once, for the clinic view's push.
  const unsubscribeNeeds = central ? nudgeOnStaffNeeds(core.subscribeEvents, central) : () => undefined;
  return {
    core,
    async stop() {
      unsubscribe();
      unsubscribeNeeds();
      await central?.stop();
      await core.dispose();
      await clinic?.close();
      await built.close();
      await host.close();
    },
  };
}

/** The simulated parts a simulation kiosk's operator (the simulator panel, a soak run) can steer. */
export interface SimulationHandles {
  /** The in-process reader, when `reader.kind` is simulated. */
  reader?: SimulatedReaderPort;
  /** The embedded eligibility simulator, when `gateway.adapter` is simulator. */
  gateway?: SimulatorGateway;
}

export interface BuiltParts {
  parts: KioskParts;
  handles: SimulationHandles;
  close(): Promise<void>;
}

/**
 * The real reader, gateway, log and rules for this configuration. The simulated reader and its virtual cards
 * are loaded (by dynamic import) only when `reader.kind` is simulated.
 */
export async function buildParts(config: KioskConfig, options: StartOptions = {}): Promise<BuiltParts> {
  const clock = clinicClockFor(config, options);
  const simulation = config.reader.kind === 'simulated';
  // A simulation without a log file keeps its log in memory: demo check-ins leave nothing behind.
  const logPath = config.log.path || (simulation ? ':memory:' : defaultLogPath());
  // Every place the kiosk writes is checked before anything opens: one message naming each bad key.
  await checkPlaces(config, logPath);
  const reader = await createReaderPort(config.reader);
  const port = reader.port;
  const simReader = reader.kind === 'simulated' ? reader : undefined;

  const gateway = createGateway(gatewayConfigFor(config), { clock: () => clock.now() });
  const simGateway: SimulatorGateway | undefined = isSimulatorGateway(gateway) ? gateway : undefined;

  const chainKey = logChainKey(config, logPath, options);
  const logFile = createConfirmationLog({
    path: logPath,
    clock,
    retentionDays: config.log.retentionDays,
    receptionNumbers: config.receptionNumbers,
    ...(chainKey ? { chainKey } : {}),
  });
  const log = simulation ? withLogFault(logFile) : logFile;
  // Rows older than log.retentionDays go once a day.
  const purge = logFile.startDailyPurge({
    onError: (error) => console.error(`[log] retention purge failed: ${error.code}`),
  });
  // The demo passcode is public: its hash takes the older, cheaper cost so a simulation starts at once.
  const demoPinHash =
    simulation && !config.staff.pinHash ? hashStaffPinSync(SIMULATION_STAFF_PIN, STAFF_PIN_LEGACY_COST) : '';
  const settings = createSettingsStore(config, options.configPath, {
    placeProblems: (next) => placeProblems(next, next.log.path || logPath),
  });

  const parts: KioskParts = {
    clock,
    checkin: {
      port,
      openCard: (transmit) => createJpkiCard(transmit, options.cardTrace ? { trace: options.cardTrace } : {}),
      gateway,
      log,
      rules: createRulesPort(clock),
    },
    exporter: {
      exportCsv: ({ from, to }) => logFile.exportCsv({ from, to, encoding: 'utf8' }),
      recordExport: (record) => logFile.recordExport(record),
    },
    settings,
    staffPinHash: () => settings.current().staff.pinHash || demoPinHash,
    ...(simReader
      ? {
          simulator: (onChange: () => void) =>
            createSimulationControl<VirtualCard>({
              reader: simReader.port,
              ...(options.simulationCardPin ? { cardPin: options.simulationCardPin } : {}),
              makeCard: simReader.makeCard,
              holders: simulatedCardHolders,
              setGatewayFault: (fault) =>
                simGateway?.setFaults(simulatorFaults(fault, settings.current().gateway.timeoutSeconds)),
              setLogDown: (down) => {
                if ('setDown' in log) log.setDown(down);
              },
              onChange,
            }),
        }
      : {}),
  };
  return {
    parts,
    handles: {
      ...(simReader ? { reader: simReader.port } : {}),
      ...(simGateway ? { gateway: simGateway } : {}),
    },
    async close() {
      purge.stop();
      await gateway.close();
      await port.close();
      logFile.close();
    },
  };
}

/**
 * The key the log file's chain is keyed with (electron/core/log/README.md, "Chain key"): from `log.keyPath`, or
 * beside the settings file; a key that cannot be used stops the start. A log kept in memory needs none, nor
 * does a kiosk started from code with neither a settings file nor `log.keyPath` (both hosts always have a
 * settings file in production: it is where `reader.kind` is set); that log stays unkeyed, and says so.
 */
function logChainKey(config: KioskConfig, logPath: string, options: StartOptions): Buffer | undefined {
  if (logPath === ':memory:') return undefined;
  const keyPath = logKeyPath(config.log.keyPath, options.configPath);
  if (keyPath === undefined) {
    if (config.reader.kind !== 'simulated') {
      console.error('[log] no settings file and no log.keyPath: the log is not keyed');
    }
    return undefined;
  }
  const store = (options.logKeyStore ?? ((paths) => plainKeyFileStore(paths.keyPath, paths.logPath)))({
    keyPath,
    logPath,
  });
  return loadOrCreateLogKey(store);
}

/** The one clinic clock of a kiosk: the configured offset, on the given time source or the machine's. */
export function clinicClockFor(
  config: KioskConfig,
  options: Pick<StartOptions, 'timeSource'> = {},
): ClinicClock {
  return createClinicClock({
    utcOffset: config.clinic.utcOffset,
    ...(options.timeSource ? { source: options.timeSource } : {}),
  });
}
