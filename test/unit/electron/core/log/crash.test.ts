// Crash safety: a writer killed with SIGKILL at random moments never leaves a corrupt file, a broken chain or a lost commit.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../../../electron/core/log/hash-chain';
import { openLogDatabase } from '../../../../../electron/core/log/open-database';
import { tempDir, type TempDir } from './log-fixtures';

const KILLS = 50;
/** Two writers' files side by side: the child's start-up dominates, and two cores run two of them. */
const LANES = 2;
const writer = path.join(import.meta.dirname, 'crash-writer.ts');

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
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code}): ${stderr}`));
      else resolve(ids);
    });
  });
}

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs of a writer at random moments`, { timeout: 400_000 }, async () => {
    const lane = async (index: number, kills: number): Promise<number> => {
      const next = random(20261127 + index);
      const file = tmp.file(`lane-${index}.sqlite`);
      const committed = new Set<number>();
      for (let k = 0; k < kills; k += 1) {
        const plan: KillPlan = {
          afterCommits: next() < 0.2 ? 0 : 1 + Math.floor(next() * 8),
          delayMs: Math.floor(next() * 25),
        };
        for (const id of await runAndKill(file, plan)) committed.add(id);

        // What the kiosk does on its next start: open (recovering the WAL), then check everything.
        const db = openLogDatabase(file);
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          const chain = verifyChain(db);
          expect(chain, `kill ${k} of lane ${index}`).toMatchObject({ ok: true });
          const present = new Set(db.prepare('SELECT id FROM confirmations').pluck().all() as number[]);
          const lost = [...committed].filter((id) => !present.has(id));
          expect(lost, `committed rows lost after kill ${k} of lane ${index}`).toEqual([]);
        } finally {
          db.close();
        }
      }
      return committed.size;
    };
    const perLane = KILLS / LANES;
    const counts = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i, perLane)));
    // The kills landed while the writers were committing, not only before they started.
    expect(counts.every((n) => n > perLane)).toBe(true);
  });
});
