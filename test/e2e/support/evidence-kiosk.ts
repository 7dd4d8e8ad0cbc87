// The e2e kiosk's parts with evidence on disk: SQLite log file, APDU trace, server and Chromium console logs.
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { buildParts, type KioskParts } from '../../../electron/core/app';
import type { TimeSource } from '../../../electron/core/clock/clinic-clock';
import type { KioskConfig } from '../../../electron/core/config/config-schema';

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
 * A simulation kiosk's parts exactly as the app builds them, with the evidence kept on disk: the log is a
 * SQLite file in the evidence folder, the card protocol writes its APDU trace there, and the virtual
 * cards carry `e2eCardPin`.
 */
export async function buildEvidenceParts(
  config: KioskConfig,
  evidence: KioskEvidence,
  timeSource?: TimeSource,
): Promise<{ parts: KioskParts; close(): Promise<void> }> {
  return buildParts(
    { ...config, log: { ...config.log, path: evidence.logDb } },
    {
      cardTrace: (line) => appendFileSync(evidence.apduTrace, `${line}\n`),
      simulationCardPin: e2eCardPin,
      ...(timeSource ? { timeSource } : {}),
    },
  );
}
