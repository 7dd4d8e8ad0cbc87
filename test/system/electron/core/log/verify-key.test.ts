// What an auditor runs: `log:verify --key` as a real process on a keyed log, with the right key, a wrong one, none.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfirmationLog } from '../../../../../electron/core/log/sqlite-confirmation-log';
import {
  fixedClock,
  sampleRecord,
  tempDir,
  type TempDir,
} from '../../../../unit/electron/core/log/log-fixtures';

const root = path.resolve(import.meta.dirname, '../../../../..');
let tmp: TempDir;
let logFile: string;
let keyFile: string;

function verify(...args: string[]): { status: number | null; out: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'electron/core/log/cli/verify.ts'), logFile, ...args],
    { cwd: root, env: { ...process.env, KIOSK_LOG_DB: '' }, timeout: 20_000 },
  );
  return { status: result.status, out: `${result.stdout.toString()}${result.stderr.toString()}` };
}

beforeAll(() => {
  tmp = tempDir();
  mkdirSync(path.join(tmp.dir, 'log'));
  logFile = path.join(tmp.dir, 'log', 'confirmation-log.sqlite');
  keyFile = tmp.file('auditor.key');
  const key = Buffer.alloc(32, 0x2b);
  writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600 });
  writeFileSync(tmp.file('wrong.key'), `${'11'.repeat(32)}\n`, { mode: 0o600 });
  const clock = fixedClock('2026-11-27T03:00:00Z');
  const log = createConfirmationLog({ path: logFile, clock, retentionDays: 7, chainKey: key });
  for (const d of ['01', '02', '26']) log.record(sampleRecord({ startedAt: `2026-11-${d}T01:00:00Z` }));
  log.purgeExpired();
  log.close();
});
afterAll(() => tmp.remove());

describe('log:verify with the log key', () => {
  it('exits 0 with the key and names where keyed chaining starts', () => {
    const ok = verify('--key', keyFile, '--retention-days', '7');
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toContain('chain intact, 1 rows (ids 3–3), 1 purge records');
    expect(ok.out).toContain('keyed (HMAC-SHA-256) from row 1; key verified');
  });

  it('exits 1 with a wrong key, or when the retention in force is longer than the purge allowed', () => {
    const wrong = verify('--key', tmp.file('wrong.key'), '--retention-days', '7');
    expect(wrong.status, wrong.out).toBe(1);
    expect(wrong.out).toContain('WRONG KEY');
    // Purged on 2026-11-27 with 7 days (cutoff 2026-11-20); the default 1825 days allows only far earlier.
    const early = verify('--key', keyFile);
    expect(early.status, early.out).toBe(1);
    expect(early.out).toContain('PURGED TOO EARLY at purges id 1');
  });

  it('exits 2 without a key: a keyed log cannot be vouched for without it', () => {
    const none = verify();
    expect(none.status, none.out).toBe(2);
    expect(none.out).toContain('--key');
  });
});
