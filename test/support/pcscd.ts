// The system pcscd as the integration tests and the soak see it: find it in /proc, start it, stop it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export const pcscdSocketPath = '/run/pcscd/pcscd.comm';
export const vpcdDriverPath = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** Where pcscd output and pid files of the test runs go. */
export const pcscdLogDir = path.resolve(import.meta.dirname, '../../.tmp');
/** The pid of a pcscd a test started in place of a killed one; the integration teardown stops it. */
export const restartedPidFile = path.join(pcscdLogDir, 'pcscd-restarted.pid');

/** The pcscd binary, or undefined when it is not installed. */
export function pcscdBinary(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v pcscd'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  return existsSync('/usr/sbin/pcscd') ? '/usr/sbin/pcscd' : undefined;
}

/** A live pcscd: a killed one stays in /proc as a zombie until its parent reaps it, and that is not alive. */
export function isPcscd(pid: number | string): boolean {
  try {
    // /proc/<pid>/stat: "<pid> (<comm>) <state> ..."
    const match = /^\d+ \((.*)\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return match?.[1] === 'pcscd' && match[2] !== 'Z' && match[2] !== 'X';
  } catch {
    return false; // no such process, or it ended while we looked
  }
}

/** The pid of a live pcscd (read from /proc: procps may not be installed). */
export function pcscdPid(): number | undefined {
  const entry = readdirSync('/proc').find((e) => /^\d+$/.test(e) && isPcscd(e));
  return entry === undefined ? undefined : Number(entry);
}

export function pcscdRunning(): boolean {
  return pcscdPid() !== undefined;
}

export function parentPid(pid: number): number | undefined {
  try {
    const match = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/**
 * The live pcscd when this test run started it (its parent is this process or the test runner, or a
 * test recorded it as its replacement), so it may be killed; undefined for a system pcscd.
 */
export function ownPcscdPid(): number | undefined {
  const pid = pcscdPid();
  if (pid === undefined) return undefined;
  const recorded = existsSync(restartedPidFile) ? Number(readFileSync(restartedPidFile, 'utf8')) : undefined;
  const parent = parentPid(pid) ?? -1;
  return [process.ppid, process.pid].includes(parent) || pid === recorded ? pid : undefined;
}

/** Polls `check` every 20 ms; false when `ms` passed first. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/**
 * Starts `pcscd -f -a` with its output appended to .tmp/pcscd.log and waits for its socket. A stale
 * socket file of a dead pcscd is not proof of life, so the new process must be alive as well.
 */
export async function startPcscd(options: { detached?: boolean } = {}): Promise<number> {
  const binary = pcscdBinary();
  if (!binary) throw new Error('pcscd is not installed (apt-get install pcscd vsmartcard-vpcd)');
  if (pcscdRunning()) throw new Error(`pcscd is already running (pid ${String(pcscdPid())})`);
  // pcscd removes stale files itself, but waiting on a stale socket would race its start.
  rmSync(pcscdSocketPath, { force: true });
  mkdirSync(pcscdLogDir, { recursive: true });
  const log = openSync(path.join(pcscdLogDir, 'pcscd.log'), 'a');
  const child = spawn(binary, ['-f', '-a'], {
    stdio: ['ignore', log, log],
    detached: options.detached ?? false,
  });
  if (options.detached) child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error('pcscd did not start');
  const ready = await waitFor(() => existsSync(pcscdSocketPath) && child.exitCode === null, 10_000);
  if (!ready) throw new Error('pcscd did not create its socket within 10 s (see .tmp/pcscd.log)');
  return pid;
}

/** Sends `signal` to pcscd `pid` and waits until the process is gone. */
export async function stopPcscd(pid: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!isPcscd(pid)) return;
  process.kill(pid, signal);
  if (!(await waitFor(() => !isPcscd(pid), 10_000))) throw new Error(`pcscd ${pid} did not exit`);
}
