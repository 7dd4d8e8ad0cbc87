// A machine without the PC/SC development files: npm ci still installs, the kiosk runs a check-in, pcsc mode says why not.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Screen } from '../../electron/common/contract';
import { connectIpc, type IpcClient } from '../e2e/support/ipc-client';
import { copyWorkingTree } from '../../scripts/working-tree.mjs';
import { isCI, requireTool } from '../support/requirements';

const repo = path.resolve(import.meta.dirname, '../..');
/** npm ci compiles better-sqlite3 from source where its prebuilt binary cannot be downloaded: minutes on two cores. */
const INSTALL_MS = 8 * 60_000;
/** start:web builds the renderer before it serves. */
const START_MS = 2 * 60_000;

interface Run {
  code: number | null;
  output: string;
}

/** The child's environment: this test runner's own variables would change how npm and the kiosk behave. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'NODE_ENV') env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, ms: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function isGitCheckout(): boolean {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: repo, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts `npm run start:web` and resolves with the kiosk URL it prints (with its token). */
function startWeb(cwd: string): Promise<{ child: ChildProcess; url: string }> {
  // Its own process group, so stopping it stops npm, tsx and the kiosk under them.
  const child = spawn('npm', ['run', '--silent', 'start:web', '--', '--port', '0'], {
    cwd,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no kiosk URL after ${START_MS} ms:\n${output}`)),
      START_MS,
    );
    const seen = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /Kiosk:\s+(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start:web exited with ${code}:\n${output}`));
    });
  });
}

async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

type ResultScreen = Extract<Screen, { name: 'result' }>;

/** A patient with a physical card and PIN 1234 agreeing to everything, driven through the simulator channels. */
async function cardCheckin(ipc: IpcClient): Promise<ResultScreen> {
  await ipc.call('sim.present', { holderId: 'p01', variant: 'physical' });
  const answered = new Set<string>();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { screen } = await ipc.call('session.get', {});
    if (screen.name === 'result') return screen;
    if (screen.name === 'error' || screen.name === 'out-of-service' || screen.name === 'choose-auth') {
      throw new Error(`the check-in ended on ${JSON.stringify(screen)}`);
    }
    if (Date.now() > deadline) throw new Error(`the check-in is stuck on ${screen.name}`);
    // Each screen is answered once: the PIN screen fills in the tries left after it shows.
    if (!answered.has(screen.name)) {
      if (screen.name === 'pin') await ipc.call('pin.submit', { pin: '1234' });
      else if (screen.name === 'registration') await ipc.call('registration.answer', { agreed: true });
      else if (screen.name === 'consent') await ipc.call('consent.all', { agreed: true });
      else if (screen.name === 'limit-consent') await ipc.call('limit.choose', { agreed: true });
      if (['pin', 'registration', 'consent', 'limit-consent'].includes(screen.name))
        answered.add(screen.name);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a fresh install without the PC/SC development files', () => {
  let clone = '';
  let ready = false;

  beforeAll(async () => {
    if (!requireTool('a git checkout of the kiosk', isGitCheckout(), 'run the tests from a git clone'))
      return;
    clone = mkdtempSync(path.join(tmpdir(), 'kiosk-bare-'));
    copyWorkingTree(repo, clone);
    // With the include guard of PC/SC's winscard.h predefined, the header declares nothing, exactly as on a
    // machine without libpcsclite-dev: the optional pcsclite fails to build, and npm must carry on without it.
    // Every other package installs as on any machine (esbuild's and rollup's platform binaries are optional
    // dependencies too, so `npm ci --omit=optional` would not give a working kiosk).
    const install = await run(
      'npm',
      ['ci', '--prefer-offline', '--no-audit', '--no-fund'],
      clone,
      childEnv({ CPPFLAGS: '-D__winscard_h__' }),
      INSTALL_MS,
    );
    if (install.code !== 0 && /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(install.output)) {
      requireTool('the npm registry', false, `npm ci could not reach it:\n${install.output.slice(-2000)}`);
      return;
    }
    expect(install.code, `npm ci failed:\n${install.output.slice(-4000)}`).toBe(0);
    ready = true;
  }, INSTALL_MS + 60_000);

  afterAll(() => {
    if (clone) rmSync(clone, { recursive: true, force: true });
  });

  it(
    'installs everything but pcsclite, and the browser host completes a card + PIN check-in',
    async (ctx) => {
      if (!ready && !isCI) ctx.skip();
      expect(existsSync(path.join(clone, 'node_modules', 'pcsclite'))).toBe(false);
      expect(existsSync(path.join(clone, 'node_modules', 'better-sqlite3', 'package.json'))).toBe(true);

      const { child, url } = await startWeb(clone);
      let ipc: IpcClient | undefined;
      try {
        ipc = await connectIpc(url);
        const result = await cardCheckin(ipc);
        expect(result.outcome).toBe('confirmed');
        expect(result.receptionNumber).toBeGreaterThan(0);
        await ipc.call('sim.remove', {});
      } finally {
        await ipc?.close();
        await stopGroup(child);
      }
    },
    3 * 60_000,
  );

  it(
    'stops a configuration with reader.kind "pcsc", naming the package and how to install it',
    async (ctx) => {
      if (!ready && !isCI) ctx.skip();
      const config = path.join(clone, 'pcsc-config.json');
      const logFile = path.join(clone, 'pcsc-log.sqlite');
      writeFileSync(config, JSON.stringify({ reader: { kind: 'pcsc' }, log: { path: logFile } }));
      // The host checks for the built renderer first; the check-in above built it, unless it ran alone.
      if (!existsSync(path.join(clone, 'dist', 'renderer', 'index.html'))) {
        const build = await run('npm', ['run', '--silent', 'build:renderer'], clone, childEnv(), START_MS);
        expect(build.code, build.output).toBe(0);
      }
      const start = await run(
        process.execPath,
        ['--import', 'tsx', 'electron/web-host/cli.ts', '--config', config, '--port', '0'],
        clone,
        childEnv(),
        60_000,
      );
      expect(start.code, start.output).toBe(1);
      expect(start.output).toContain('[reader.driver-missing]');
      expect(start.output).toContain('npm package "pcsclite"');
      expect(start.output).toContain('libpcsclite-dev');
      // The start stopped before anything was opened.
      expect(existsSync(logFile)).toBe(false);
    },
    START_MS + 60_000,
  );
});
