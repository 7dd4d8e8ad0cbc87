// Crash safety: a writer killed with SIGKILL at random moments never leaves a corrupt file, a broken chain or a lost commit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../../../electron/core/log/chain-verify';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';
import { tempDir, type TempDir } from '../../../../unit/electron/core/log/log-fixtures';

const KILLS = 50;
const source = path.join(import.meta.dirname, 'crash-writer.ts');

/*
 * One writer at a time on one file, each run awaited to its end, and nothing left running when the test ends.
 * Parallel lanes, each an unawaited loop, can outlive the test: when one lane fails or the test times out on a
 * loaded machine, another keeps spawning writers after afterAll has removed the folder; its next writer would
 * create a fresh log there, whose first ids make every earlier id look committed and lost (`lost [8, 9, … 99]`
 * right after a passing check), and writers orphaned with the test process would write on forever. Hence: one
 * lane, afterAll kills the running writer, the writer never creates the file and stops when its parent is gone.
 * The writer is bundled once with esbuild, so a start costs milliseconds instead of seconds of TypeScript
 * loading, and 50 kills in one lane stay within a minute on two busy cores.
 */
let writer = '';
let running: ChildProcess | undefined;
let finished = false;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KillPlan {
  /** Committed ids to wait for before the kill (0: kill right after the log is open). */
  afterCommits: number;
  delayMs: number;
}

/** Runs the writer until the plan says, kills it with SIGKILL, and returns the ids it reported as committed. */
function runAndKill(file: string, plan: KillPlan): Promise<number[]> {
  return new Promise((resolve, reject) => {
    if (finished) {
      reject(new Error('the crash test has ended'));
      return;
    }
    const child = spawn(process.execPath, [writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    const ids: number[] = [];
    let buffered = '';
    let stderr = '';
    let armed = false;
    const arm = (): void => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), plan.delayMs);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          if (plan.afterCommits === 0) arm();
        } else {
          ids.push(Number(line));
          if (ids.length >= plan.afterCommits) arm();
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    // 'close' comes after 'exit' and after the last of stdout: every id the writer printed has been read.
    child.on('close', (code, signal) => {
      running = undefined;
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code}): ${stderr}`));
      else resolve(ids);
    });
  });
}

let tmp: TempDir;
beforeAll(async () => {
  tmp = tempDir();
  writer = tmp.file('crash-writer.cjs');
  const resolveFromHere = createRequire(import.meta.url);
  await build({
    entryPoints: [source],
    outfile: writer,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [
      {
        // The native addon stays where npm put it; everything else is bundled.
        name: 'external-better-sqlite3',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({
            path: resolveFromHere.resolve('better-sqlite3'),
            external: true,
          }));
        },
      },
    ],
  });
}, 60_000);
afterAll(() => {
  finished = true;
  running?.kill('SIGKILL');
  tmp.remove();
});

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs of a writer at random moments`, { timeout: 120_000 }, async () => {
    const next = random(20261127);
    const file = tmp.file('crash.sqlite');
    openLogDatabase(file).close(); // created and migrated once; the writer never creates it
    const committed = new Set<number>();
    for (let k = 0; k < KILLS; k += 1) {
      const plan: KillPlan = {
        afterCommits: next() < 0.2 ? 0 : 1 + Math.floor(next() * 8),
        delayMs: Math.floor(next() * 25),
      };
      const reported = await runAndKill(file, plan);
      for (const id of reported) {
        expect(Number.isSafeInteger(id) && id > 0, `id ${id} read from the writer`).toBe(true);
        committed.add(id);
      }

      // What the kiosk does on its next start: open (recovering the WAL), then check everything.
      const db = openLogDatabase(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const chain = verifyChain(db);
        expect(chain, `kill ${k}`).toMatchObject({ ok: true });
        const present = new Set(db.prepare('SELECT id FROM confirmations').pluck().all() as number[]);
        const lost = [...committed].filter((id) => !present.has(id));
        expect(lost, `committed rows lost after kill ${k}`).toEqual([]);
      } finally {
        db.close();
      }
    }
    // The kills landed while the writer was committing, not only before it started.
    expect(committed.size).toBeGreaterThan(KILLS);
  });
});
