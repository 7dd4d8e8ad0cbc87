// Integration setup: makes sure a real pcscd (with the vsmartcard-vpcd driver) runs for the whole suite.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { requirePcsclite } from '../../../native/pcsc/load-pcsclite';
import {
  isPcscd,
  pcscdBinary,
  pcscdRunning,
  restartedPidFile,
  startPcscd,
  stopPcscd,
  vpcdDriverPath,
} from '../../support/pcscd';
import { requireTool } from '../../support/requirements';

function pcscliteLoads(): boolean {
  try {
    requirePcsclite();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const available =
    requireTool(
      'pcscd with vsmartcard-vpcd',
      Boolean(pcscdBinary()) && existsSync(vpcdDriverPath),
      'apt-get install pcscd vsmartcard-vpcd libpcsclite-dev',
    ) &&
    // pcsclite is an optional dependency: npm ci leaves it out where libpcsclite-dev was missing.
    requireTool('the pcsclite driver', pcscliteLoads(), 'apt-get install libpcsclite-dev, then npm ci again');
  project.provide('pcscdAvailable', available);
  if (!available) return async () => undefined;

  // A socket file can outlive a dead pcscd; what matters is a live process.
  const started = pcscdRunning() ? undefined : await startPcscd();
  return async () => {
    if (started === undefined) return;
    await stopPcscd(started);
    // Tests that kill pcscd start a replacement and record its pid; stop that one too.
    const pid = existsSync(restartedPidFile) ? Number(readFileSync(restartedPidFile, 'utf8')) : NaN;
    if (Number.isInteger(pid) && isPcscd(pid)) await stopPcscd(pid);
    rmSync(restartedPidFile, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pcscdAvailable: boolean;
  }
}
