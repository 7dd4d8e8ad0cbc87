// The pcscd of a soak run in pcscd mode: make sure one runs, kill it on purpose, and bring it back.
import { rmSync, writeFileSync } from 'node:fs';
import {
  ownPcscdPid,
  pcscdPid,
  pcscdRunning,
  restartedPidFile,
  startPcscd,
  stopPcscd,
} from '../support/pcscd';

export interface SoakPcscd {
  /** Whether this run may kill pcscd (it started it, or the test run around it did). */
  readonly killable: boolean;
  /** Kills pcscd: SIGKILL is a crash, SIGTERM a stop. Resolves once it is gone. */
  kill(signal: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts pcscd again; resolves once its socket is up ("pcscd returns"). */
  start(): Promise<void>;
  /** Leaves pcscd as it was found: stopped if this run started the first one, else running. */
  finish(): Promise<void>;
}

export async function prepareSoakPcscd(): Promise<SoakPcscd> {
  const startedHere = !pcscdRunning();
  let pid = startedHere ? await startPcscd({ detached: true }) : ownPcscdPid();
  return {
    killable: pid !== undefined,
    async kill(signal) {
      if (pid === undefined) throw new Error(`pcscd (pid ${String(pcscdPid())}) was not started by this run`);
      await stopPcscd(pid, signal);
    },
    async start() {
      pid = await startPcscd({ detached: true });
      // The integration teardown stops the replacement of the pcscd it started.
      if (!startedHere) writeFileSync(restartedPidFile, String(pid));
    },
    async finish() {
      if (!startedHere || pid === undefined) return;
      await stopPcscd(pid);
      rmSync(restartedPidFile, { force: true });
    },
  };
}
