// The replicator's marks file: none means "from the start", written durably and owner-only, unreadable means none.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  fileReplicationState,
  replicationStatePath,
} from '../../../../../electron/core/central/replication-state';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-central-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replication marks', () => {
  it('lives beside the log file', () => {
    expect(replicationStatePath('/var/kiosk/confirmation-log.sqlite')).toBe(
      '/var/kiosk/confirmation-log.sqlite.central.json',
    );
  });

  it('starts from nothing shipped, and reads back what was written', () => {
    const store = fileReplicationState(path.join(dir, 'a.json'));
    expect(store.read()).toEqual({ shippedId: 0, shippedPurgeId: 0 });
    store.write({ shippedId: 42, shippedPurgeId: 2 });
    expect(store.read()).toEqual({ shippedId: 42, shippedPurgeId: 2 });
    expect(JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8'))).toEqual({
      shippedId: 42,
      shippedPurgeId: 2,
    });
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'a.json')).mode & 0o777).toBe(0o600);
  });

  it('treats a damaged file as nothing shipped (the server deduplicates the resend)', () => {
    writeFileSync(path.join(dir, 'b.json'), '{"shippedId": 4');
    expect(fileReplicationState(path.join(dir, 'b.json')).read()).toEqual({
      shippedId: 0,
      shippedPurgeId: 0,
    });
    writeFileSync(path.join(dir, 'c.json'), '{"shippedId": -1, "shippedPurgeId": 0}');
    expect(fileReplicationState(path.join(dir, 'c.json')).read()).toEqual({
      shippedId: 0,
      shippedPurgeId: 0,
    });
  });

  it('never writes a negative or fractional mark', () => {
    expect(() =>
      fileReplicationState(path.join(dir, 'd.json')).write({ shippedId: 1.5, shippedPurgeId: 0 }),
    ).toThrow();
  });
});
