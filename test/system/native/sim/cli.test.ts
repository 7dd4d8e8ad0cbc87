// The sim:card process: exit code 2 with the reason and the usage on bad input.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('sim:card process', () => {
  it('exits 2 with the reason and the usage on a bad argument', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'native/sim/cli.ts', '--card', 'plastic'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 15_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--card must be one of');
    expect(result.stderr).toContain('Usage: npm run sim:card');
  });
});
