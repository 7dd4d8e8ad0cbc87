// Wires a KioskCore to an IpcHost: one composition used by the Electron main process and the browser host.
import { createJpkiCard } from '../../native/card/jpki-card';
import type { SimulatedReaderPort } from '../../native/sim/simulated-reader-port';
import type { VirtualCard } from '../../native/sim/virtual-card';
import type { KioskConfig } from './config/config-schema';
import { createSettingsStore } from './config/settings-store';
import { createGateway, gatewayConfigFor, isSimulatorGateway } from './gateway/create-gateway';
import type { SimulatorGateway } from './gateway/simulator/simulator-gateway';
import { simulatedCardHolders } from './gateway/simulator/people';
import { createDispatcher } from './ipc/dispatcher';
import type { IpcHost } from './ipc/ipc-host';
import { defaultLogPath } from './log/default-path';
import { createConfirmationLog } from './log/sqlite-confirmation-log';
import { createKioskCore, type KioskCore, type KioskCoreDeps } from './kiosk-core';
import { createClinicClock, type ClinicClock, type TimeSource } from './clock/clinic-clock';
import { createReaderPort } from './reader-factory';
import { createRulesPort } from './session/rules-port';
import { withLogFault } from './simulation/fault-log';
import { createSimulationControl, simulatorFaults } from './simulation/simulation-control';
import { hashStaffPinSync } from './staff/staff-pin';

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
}

/**
 * Staff PIN of a simulation kiosk whose settings file sets none, so the demo console can be opened.
 * A production (pcsc) kiosk has no default: staff must set `staff.pinHash`.
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
  const core = createKioskCore({ config, simulation: config.reader.kind === 'simulated', ...built.parts });
  host.serve(
    createDispatcher(core.handlers, {
      onInternalError: (channel, error) => console.error(`[ipc] ${channel} failed`, error),
    }),
  );
  const unsubscribe = core.subscribeEvents((event, payload) => host.emit(event, payload));
  return {
    core,
    async stop() {
      unsubscribe();
      await core.dispose();
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
  const reader = await createReaderPort(config.reader);
  const port = reader.port;
  const simReader = reader.kind === 'simulated' ? reader : undefined;

  const gateway = createGateway(gatewayConfigFor(config), { clock: () => clock.now() });
  const simGateway: SimulatorGateway | undefined = isSimulatorGateway(gateway) ? gateway : undefined;

  // A simulation without a log file keeps its log in memory: demo check-ins leave nothing behind.
  const logPath = config.log.path || (simulation ? ':memory:' : defaultLogPath());
  const logFile = createConfirmationLog({
    path: logPath,
    clock,
    retentionDays: config.log.retentionDays,
    receptionNumbers: config.receptionNumbers,
  });
  const log = simulation ? withLogFault(logFile) : logFile;
  // Rows older than log.retentionDays go once a day.
  const purge = logFile.startDailyPurge({
    onError: (error) => console.error(`[log] retention purge failed: ${error.code}`),
  });
  const demoPinHash = simulation && !config.staff.pinHash ? hashStaffPinSync(SIMULATION_STAFF_PIN) : '';
  const settings = createSettingsStore(config, options.configPath);

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
