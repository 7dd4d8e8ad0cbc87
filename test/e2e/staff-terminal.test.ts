// The staff terminal (config `mode: "staff"`) in Chromium: the console at home, desk check-ins run by staff.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  captureScreen,
  cardPin,
  enterPin,
  kioskWithStaff,
  presentCard,
  staffPin,
  startE2eKiosk,
  submitPin,
  type E2eKiosk,
} from './support/checkin-flow';
import { openPage, waitForScreen } from './support/kiosk-page';

/** Waits until the desk page shows the named step (`data-desk-step`). */
async function waitForDeskStep(page: Page, step: string): Promise<void> {
  await page.locator(`[data-desk-step="${step}"]`).waitFor({ state: 'visible', timeout: 10_000 });
}

/** The patient agrees to everything on the screen turned to them, and the staff view comes back. */
async function consentOnTurnedScreen(page: Page): Promise<void> {
  await waitForDeskStep(page, 'patient');
  await page.getByRole('button', { name: '患者さん用の画面にする' }).click();
  await waitForScreen(page, 'consent');
  expect(await page.locator('[data-desk="turned"]').count()).toBe(1);
  await page.getByRole('button', { name: 'まとめて同意する' }).click();
}

/** Staff end the result; the patient takes the card; the desk waits for the next card. */
async function finish(e2e: E2eKiosk, page: Page): Promise<void> {
  await page.getByRole('button', { name: '受付を終える' }).click();
  await waitForDeskStep(page, 'take-card');
  await e2e.ipc.call('sim.remove', {});
  await waitForDeskStep(page, 'waiting');
}

describe.runIf(hasChromium())('staff terminal (mode: "staff")', () => {
  let e2e: E2eKiosk;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2eKiosk({ mode: 'staff' });
    // The home page, as the Electron window or the printed URL opens it.
    page = await openPage(e2e.browser, e2e.kiosk, '/');
  });
  afterEach(async () => {
    const state = await e2e.ipc.call('sim.state', {});
    if (state.readers.some((r) => r.card)) await e2e.ipc.call('sim.remove', {});
    const snapshot = await e2e.ipc.call('session.get', {});
    if (snapshot.screen.name !== 'idle') await e2e.ipc.call('session.cancel', {});
    await waitForDeskStep(page, 'waiting');
  });
  afterAll(async () => e2e?.stop());

  it('opens the staff console at its home page, with 窓口で確認 first', async () => {
    await waitForScreen(page, 'staff-signin');
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(await page.locator('[data-screen="idle"]').count()).toBe(0);
    await page.getByLabel('職員暗証番号').fill(staffPin);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await captureScreen(page, 'staff-desk', 'staff-desk-waiting');
    await waitForDeskStep(page, 'waiting');
    expect(await page.locator('.staff-nav button').first().textContent()).toBe('窓口で確認');
  });

  it('shows a card placed on the desk reader on the desk page, with both ways to prove it', async () => {
    await presentCard(e2e, 'p01');
    await waitForDeskStep(page, 'identity');
    await captureScreen(page, 'staff-desk', 'staff-desk-identity');
    expect(await page.locator('.staff-nav .staff-badge').first().textContent()).toBe('1');
    await page.getByRole('button', { name: '患者さんに画面を向ける（暗証番号）' }).waitFor();
    await page.getByRole('button', { name: '目視で確認する' }).waitFor();
  });

  it('目視確認 on the spot: staff approve at the desk, the patient consents, the result is logged as 目視', async () => {
    await presentCard(e2e, 'p01');
    await waitForDeskStep(page, 'identity');
    await page.getByRole('button', { name: '目視で確認する' }).click();
    await waitForDeskStep(page, 'visual');
    const approve = page.getByRole('button', { name: '本人と確認しました' });
    await expect.poll(() => approve.isEnabled()).toBe(true);
    await approve.click();

    await consentOnTurnedScreen(page);
    await waitForDeskStep(page, 'result');
    const detail = page.locator('.desk-detail');
    await detail.waitFor();
    await captureScreen(page, 'staff-desk', 'staff-desk-result-visual');
    expect(await detail.getAttribute('data-route')).toBe('card-visual');
    expect(await detail.getAttribute('data-log-outcome')).toBe('confirmed');
    expect(await detail.textContent()).toContain('試験');

    // The same row in the log, with the staff member who approved it.
    const rows = await e2e.ipc
      .call('staff.login', { pin: staffPin })
      .then((s) =>
        e2e.ipc.call('staff.confirmations.list', { token: s.token, filter: { route: 'card-visual' } }),
      );
    const receptionNumber = Number(await page.locator('.desk-result').getAttribute('data-reception-number'));
    const row = rows.find((r) => r.receptionNumber === receptionNumber);
    expect(row?.route).toBe('card-visual');
    expect(row?.outcome).toBe('confirmed');
    expect(row?.staffId).toBeTruthy();
    await finish(e2e, page);
  });

  it('PIN on the turned screen: the patient keys it on the large pad, the staff view comes back for the result', async () => {
    await presentCard(e2e, 'p02');
    await waitForDeskStep(page, 'identity');
    await page.getByRole('button', { name: '患者さんに画面を向ける（暗証番号）' }).click();
    await captureScreen(page, 'pin', 'staff-desk-turned-pin');
    expect(await page.locator('[data-desk="turned"]').count()).toBe(1);
    expect(await page.locator('.staff').count()).toBe(0);
    // Large keys for the patient: the kiosk's own touch size, not the console's dense one.
    const key = await page.locator('.pin-keys .pin-key').first().boundingBox();
    expect(key?.height ?? 0).toBeGreaterThanOrEqual(48);
    await enterPin(page, cardPin);
    await submitPin(page);

    // Past the PIN the staff view is back by itself; the consent is the patient's again.
    await consentOnTurnedScreen(page);
    await waitForDeskStep(page, 'result');
    const detail = page.locator('.desk-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-route')).toBe('card-pin');
    expect(await page.locator('.desk-result').getAttribute('data-outcome')).toBe('confirmed');
    expect(await page.locator('[data-copay]').textContent()).toMatch(/^[123]割$/);
    await finish(e2e, page);
  });
});

describe.runIf(hasChromium())('kiosk terminal (mode: "kiosk", the default)', () => {
  const under = kioskWithStaff();

  it('still opens the patient screen at home, and its console has no desk page', async () => {
    await waitForScreen(under.page, 'idle');
    expect(new URL(under.page.url()).pathname).toBe('/');
    expect(await under.staff.locator('.staff-nav button', { hasText: '窓口で確認' }).count()).toBe(0);
    // A card on a kiosk is the patient's own: the PIN screen shows on the patient page.
    await presentCard(under.e2e, 'p01');
    await waitForScreen(under.page, 'pin');
  });
});
