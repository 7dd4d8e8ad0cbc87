// The soak campaign at CI size: check-ins back to back through the real core, then the same under every fault.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { faultKinds } from '../../soak/faults';
import { runSoak, type SoakSummary } from '../../soak/soak';

const dirs: string[] = [];
const outDir = (name: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), `kiosk-soak-${name}-`));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** What every soak must show, whatever its size: nothing unexplained, one verified log row per attempt. */
function expectNothingLost(summary: SoakSummary, checkins: number): void {
  expect(summary.unexpected).toEqual({ count: 0, first: [] });
  expect(summary.checkins).toBe(checkins);
  expect(summary.log).toMatchObject({ attempts: checkins, rows: checkins, chain: 'ok', integrity: 'ok' });
  expect(summary.kioskConsoleErrors).toBe(0);
}

describe('soak in-process (simulated reader, simulator gateway, SQLite log file)', () => {
  it('500 check-ins of every route end as a patient would expect, each logged once', async () => {
    const summary = await runSoak({
      checkins: 500,
      mode: 'in-process',
      faults: false,
      seed: 1,
      outDir: outDir('plain'),
    });
    expectNothingLost(summary, 500);
    expect(Object.values(summary.routes).every((n) => n > 0)).toBe(true);
    expect(summary.endings['result:confirmed']).toBeGreaterThan(250);
  }, 300_000);

  it('every fault at random points: each check-in ends clearly, logged, and the kiosk is back to idle', async () => {
    const summary = await runSoak({
      checkins: 120,
      mode: 'in-process',
      faults: true,
      faultRate: 0.3,
      cycleFaults: true,
      seed: 2,
      outDir: outDir('faults'),
    });
    expectNothingLost(summary, 120);
    for (const kind of faultKinds) expect(summary.faultsStruck[kind], kind).toBeGreaterThan(0);
  }, 300_000);
});

describe.runIf(inject('pcscdAvailable'))('soak through real pcscd + vpcd', () => {
  it('check-ins with pcscd killed and restarted, cards pulled mid-APDU and the rest: nothing lost', async () => {
    const summary = await runSoak({
      checkins: 36,
      mode: 'pcscd',
      faults: true,
      faultRate: 0.5,
      cycleFaults: true,
      seed: 3,
      outDir: outDir('pcscd'),
    });
    expectNothingLost(summary, 36);
    // The suite's own pcscd may be killed, so every kind is struck, pcscd ones included.
    for (const kind of faultKinds) expect(summary.faultsStruck[kind], kind).toBeGreaterThan(0);
    expect(summary.recoveryMs['pcscd-restart']?.count).toBeGreaterThan(0);
  }, 600_000);
});
