// The e2e kiosk's parts with evidence on disk: SQLite log file, APDU trace, server and Chromium console logs.
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { createJpkiCard } from '../../../native/card/jpki-card';
import { createSimulatedReaderPort } from '../../../native/sim/simulated-reader-port';
import { createVirtualCard, type VirtualCard } from '../../../native/sim/virtual-card';
import type { KioskParts } from '../../../electron/core/app';
import type { KioskConfig } from '../../../electron/core/config/config-schema';
import { createSettingsStore } from '../../../electron/core/config/settings-store';
import { simulatedCardHolders } from '../../../electron/core/gateway/simulator/people';
import { createSimulatorGateway } from '../../../electron/core/gateway/simulator/simulator-gateway';
import { createConfirmationLog } from '../../../electron/core/log/sqlite-confirmation-log';
import { systemClock } from '../../../electron/core/session/ports';
import { createRulesPort } from '../../../electron/core/session/rules-port';
import { withLogFault } from '../../../electron/core/simulation/fault-log';
import {
  createSimulationControl,
  simulatorFaults,
} from '../../../electron/core/simulation/simulation-control';

/**
 * The PIN of every e2e virtual card, and the wrong PIN the tests type. Chosen so that none of their
 * leak forms (see pin-leak.ts) is a plausible part of anything else the kiosk writes: no repeated or
 * sequential digits, no year, month or day, and their hex-of-ASCII forms (`35 38 32 37`) are 8-digit
 * patterns that a SHA-256 hex string or a timestamp matches with a chance of about 1 in 10^8.
 */
export const e2eCardPin = '5827';
export const e2eWrongPin = '9461';

/** The files of one kiosk run, in its own temp folder. */
export interface KioskEvidence {
  dir: string;
  logDb: string;
  apduTrace: string;
  serverLog: string;
  chromiumConsole: string;
}

export function createEvidence(): KioskEvidence {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-'));
  return {
    dir,
    logDb: path.join(dir, 'confirmations.sqlite'),
    apduTrace: path.join(dir, 'apdu-trace.log'),
    serverLog: path.join(dir, 'server.log'),
    chromiumConsole: path.join(dir, 'chromium-console.log'),
  };
}

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Copies everything the kiosk's process prints to the server log (and still prints it); returns the undo. */
export function teeConsole(file: string): () => void {
  const originals = consoleMethods.map((m) => [m, console[m]] as const);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]): void => {
      appendFileSync(file, `[${method}] ${format(...args)}\n`);
      original.apply(console, args);
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}

/**
 * A simulation kiosk's parts as the app builds them, except: the log is a SQLite file in the evidence
 * folder, the card protocol writes its APDU trace there, and the virtual cards carry `e2eCardPin`.
 */
export function buildEvidenceParts(
  config: KioskConfig,
  evidence: KioskEvidence,
): { parts: KioskParts; close(): Promise<void> } {
  const clock = systemClock;
  const port = createSimulatedReaderPort();
  const gateway = createSimulatorGateway({ clock: () => clock.now() });
  const logFile = createConfirmationLog({
    path: evidence.logDb,
    terminal: config.terminalName,
    retentionDays: config.log.retentionDays,
  });
  const log = withLogFault(logFile);
  const trace = (line: string): void => appendFileSync(evidence.apduTrace, `${line}\n`);
  const parts: KioskParts = {
    checkin: {
      port,
      openCard: (transmit) => createJpkiCard(transmit, { trace }),
      gateway,
      log,
      rules: createRulesPort(clock),
    },
    exporter: { exportCsv: ({ from, to }) => logFile.exportCsv({ from, to, encoding: 'utf8' }) },
    settings: createSettingsStore(config),
    simulator: (onChange) =>
      createSimulationControl<VirtualCard>({
        reader: port,
        makeCard: (variant, serialHex) =>
          createVirtualCard({ variant, pin: e2eCardPin, serialNumber: BigInt(`0x${serialHex}`) }),
        holders: simulatedCardHolders,
        setGatewayFault: (fault) => gateway.setFaults(simulatorFaults(fault)),
        setLogDown: (down) => log.setDown(down),
        onChange,
      }),
  };
  return {
    parts,
    async close() {
      await gateway.close();
      await port.close();
      logFile.close();
    },
  };
}
