// The clinic IT commands run as real processes: log:verify, log:export and log:backup on a real log file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { openPlainConnection } from '../../../../../electron/core/log/open-database';
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

function run(
  command: 'verify' | 'export' | 'backup',
  ...args: string[]
): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, `electron/core/log/cli/${command}.ts`), ...args],
    {
      cwd: root,
      env: { ...process.env, KIOSK_LOG_DB: '' },
      timeout: 20_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

beforeAll(() => {
  tmp = tempDir();
  const log = createConfirmationLog({
    path: tmp.file(),
    clock: fixedClock('2026-11-27T02:00:00Z'),
  });
  log.record(sampleRecord());
  log.record(sampleRecord({ name: '鈴木 花子', startedAt: '2026-11-27T01:30:00Z' }));
  log.record(sampleRecord({ outcome: 'timed-out' }));
  log.close();
});
afterAll(() => tmp.remove());

describe('log commands', { timeout: 60_000 }, () => {
  it('log:backup copies the live log online into an owner-only file that verifies', () => {
    const destination = tmp.file('backup.sqlite');
    const result = run('backup', destination, '--db', tmp.file());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.toString()).toContain('3 rows, chain intact');
    expect(statSync(destination).mode & 0o777).toBe(0o600);
    const copy = openPlainConnection(destination, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM confirmations').pluck().get()).toBe(3);
    copy.close();
    expect(run('backup', destination, '--db', tmp.file()).status).toBe(2); // never overwrites
  });

  it('log:export writes Shift_JIS CSV for a day range to --out', () => {
    const out = tmp.file('export.csv');
    const result = run(
      'export',
      '--from',
      '2026-11-27',
      '--to',
      '2026-11-27',
      '--encoding',
      'sjis',
      '--db',
      tmp.file(),
      '--out',
      out,
    );
    expect(result.status).toBe(0);
    const text = iconv.decode(readFileSync(out), 'cp932');
    expect(text.split('\r\n')[0]).toMatch(/^記録ID,受付番号,開始日時/);
    expect(text).toContain('鈴木 花子');
    expect(text.trimEnd().split('\r\n')).toHaveLength(4);
  });

  it('log:export refuses bad arguments with exit code 2', () => {
    expect(run('export', '--from', '2026-11-27', '--db', tmp.file()).status).toBe(2);
    expect(
      run('export', '--from', '2026-11-27', '--to', '2026-11-27', '--encoding', 'latin1', '--db', tmp.file())
        .status,
    ).toBe(2);
  });

  it('log:verify reports an intact chain, then the first broken link after tampering', () => {
    const file = tmp.file('tampered.sqlite');
    const intact = run('backup', file, '--db', tmp.file());
    expect(intact.status).toBe(0);
    const ok = run('verify', file);
    expect(ok.status).toBe(0);
    expect(ok.stdout.toString()).toMatch(/chain intact, 3 rows/);

    const db = openPlainConnection(file);
    db.exec('DROP TRIGGER confirmations_no_update; UPDATE confirmations SET copay_tenths = 1 WHERE id = 2;');
    db.close();
    const broken = run('verify', file);
    expect(broken.status).toBe(1);
    expect(broken.stdout.toString()).toContain('BROKEN at confirmations id 2');
  });

  it('log:verify on a missing file exits 2 and creates nothing', () => {
    const missing = tmp.file('missing.sqlite');
    expect(run('verify', missing).status).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });
});
