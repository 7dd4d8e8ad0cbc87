// No card PIN in any file the kiosk writes: SQLite log (db + WAL), APDU trace, server log, Chromium console.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  cardPin,
  enterPin,
  openKiosk,
  presentCard,
  startE2eKiosk,
  submitPin,
  type E2eKiosk,
} from './support/checkin-flow';
import { e2eWrongPin } from './support/evidence-kiosk';
import { waitForScreen } from './support/kiosk-page';
import { findPinLeaks, pinForms } from './support/pin-leak';

describe('the PIN leak search', () => {
  it('finds every form where it searches for it, and only the hex forms in binary files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pin-leak-'));
    try {
      writeFileSync(path.join(dir, 'a.log'), `> 00 20 00 80 04 ${pinForms('5827').hex[0] ?? ''}\n`);
      writeFileSync(path.join(dir, 'b.log'), 'entered 5827\n');
      writeFileSync(path.join(dir, 'c.sqlite-wal'), Buffer.from('\u0000x35383237\u0000 digits 5827'));
      expect(pinForms('5827')).toEqual({ digits: '5827', hex: ['35 38 32 37', '35383237'] });
      expect(findPinLeaks(dir, ['5827']).sort()).toEqual([
        'a.log: "35 38 32 37"',
        'b.log: "5827"',
        'c.sqlite-wal: "35383237"',
      ]);
      expect(findPinLeaks(dir, ['9461'])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(hasChromium())('no PIN digits in any log, trace or database file', () => {
  let e2e: E2eKiosk;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2eKiosk();
    page = await openKiosk(e2e);
  });
  // stop() searches the evidence folder once more after the log is closed (WAL checkpointed).
  afterAll(async () => e2e?.stop());

  it('wrong PIN, then the right one, to the result: the trace records both VERIFYs masked', async () => {
    const { evidence } = e2e.kiosk;
    await presentCard(e2e, 'p01');
    await enterPin(page, e2eWrongPin);
    await submitPin(page);
    await expect
      .poll(async () => (await e2e.ipc.call('session.get', {})).screen)
      .toMatchObject({ name: 'pin', wrong: true });
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'consent');
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await waitForScreen(page, 'result');

    // The evidence is real: two VERIFYs in the trace with their data masked, and a committed log row.
    const trace = readFileSync(evidence.apduTrace, 'utf8');
    expect(trace.match(/^> 00 20 00 [0-9A-F]{2} 04 XX XX XX XX$/gm)).toHaveLength(2);
    expect(statSync(evidence.logDb).size).toBeGreaterThan(0);
    // Searched while the log is open, so its WAL is searched too; the page's console has been captured.
    expect(readdirSync(evidence.dir)).toEqual(
      expect.arrayContaining(['apdu-trace.log', 'confirmations.sqlite', 'confirmations.sqlite-wal']),
    );
    expect(findPinLeaks(evidence.dir, [cardPin, e2eWrongPin])).toEqual([]);
  });
});
