// Integration setup: makes sure a real pcscd (with the vsmartcard-vpcd driver) runs for the whole suite.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { requireTool } from '../../support/requirements';

const socketPath = '/run/pcscd/pcscd.comm';
const vpcdDriver = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
let started: ChildProcess | undefined;

function which(cmd: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function isPcscd(pid: number | string): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'pcscd';
  } catch {
    return false; // no such process, or it ended while we looked
  }
}

/** True when a pcscd process is alive (read from /proc: procps may not be installed). */
export function pcscdRunning(): boolean {
  return readdirSync('/proc').some((entry) => /^\d+$/.test(entry) && isPcscd(entry));
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pcscd = which('pcscd') ?? (existsSync('/usr/sbin/pcscd') ? '/usr/sbin/pcscd' : undefined);
  const available = requireTool(
    'pcscd with vsmartcard-vpcd',
    Boolean(pcscd) && existsSync(vpcdDriver),
    'apt-get install pcscd vsmartcard-vpcd libpcsclite-dev',
  );
  project.provide('pcscdAvailable', available);
  if (!available || !pcscd) return async () => undefined;

  // A socket file can outlive a dead pcscd; what matters is a live process.
  if (!pcscdRunning()) {
    // pcscd removes stale files itself, but waiting on a stale socket would race its start.
    rmSync(socketPath, { force: true });
    const logDir = path.resolve(import.meta.dirname, '../../../.tmp');
    mkdirSync(logDir, { recursive: true });
    const log = openSync(path.join(logDir, 'pcscd.log'), 'a');
    started = spawn(pcscd, ['-f', '-a'], { stdio: ['ignore', log, log], detached: false });
    const ready = await waitFor(() => existsSync(socketPath) && started?.exitCode === null, 10_000);
    if (!ready) throw new Error('pcscd did not create its socket within 10 s (see .tmp/pcscd.log)');
  }
  return async () => {
    if (!started) return;
    if (started.exitCode === null) {
      started.kill('SIGTERM');
      await new Promise((r) => started?.once('exit', r));
    }
    // The pcscd-restart test replaces our pcscd with one it spawns and records; stop that one too.
    const restartedPidFile = path.resolve(import.meta.dirname, '../../../.tmp/pcscd-restarted.pid');
    const pid = existsSync(restartedPidFile) ? Number(readFileSync(restartedPidFile, 'utf8')) : NaN;
    if (Number.isInteger(pid) && isPcscd(pid)) process.kill(pid, 'SIGTERM');
    rmSync(restartedPidFile, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pcscdAvailable: boolean;
  }
}
