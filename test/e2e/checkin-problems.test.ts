// What goes wrong at a kiosk, in Chromium: wrong PIN, the last-try warning, locked cards, removal, timeout, faults.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  captureScreen,
  cardPin,
  enterPin,
  openKiosk,
  presentCard,
  startE2eKiosk,
  submitPin,
  type E2eKiosk,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

/** Any PIN but the virtual cards' own. */
const wrongPin = '9876';

describe.runIf(hasChromium())('check-in problems', () => {
  let e2e: E2eKiosk;
  let page: Page;

  beforeAll(async () => {
    // The shortest PIN timeout the settings allow, so the timeout test stays quick.
    e2e = await startE2eKiosk({ timeouts: { pin: 10 } });
    page = await openKiosk(e2e);
  });
  afterEach(async () => {
    await e2e.ipc.call('sim.faults', { readerDown: false, gateway: 'none', logDown: false });
    await backToIdle(e2e, page);
  });
  afterAll(async () => e2e?.stop());

  it('warns after a wrong PIN, then sends the patient to staff before the last try', async () => {
    await presentCard(e2e, 'p04');
    await enterPin(page, wrongPin);
    await submitPin(page);
    await page.locator('[data-pin-warning="wrong"]').waitFor();
    await captureScreen(page, 'pin', 'patient-pin-wrong');
    expect(await page.locator('[data-pin-warning]').textContent()).toContain('暗証番号が違います。');
    expect(await page.locator('[data-pin-warning]').textContent()).toContain('あと2回入力できます。');

    await enterPin(page, wrongPin);
    await submitPin(page);
    await captureScreen(page, 'choose-auth', 'patient-choose-auth-last-try');
    expect(await page.locator('[data-reason]').getAttribute('data-reason')).toBe('last-try');
    expect(await page.locator('.screen-instruction').textContent()).toBe(
      'あと1回間違えると暗証番号がロックされます。受付にお声がけください。',
    );

    // The patient insists on the PIN: the pad shows the lock warning; a correct PIN still goes through.
    await page.getByRole('button', { name: /暗証番号を入力する/ }).click();
    await page.locator('[data-pin-warning="last-try"]').waitFor();
    await captureScreen(page, 'pin', 'patient-pin-last-try');
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'consent');
  });

  it('never offers the PIN for a locked card: only the staff check', async () => {
    await presentCard(e2e, 'p05', 'locked');
    await captureScreen(page, 'choose-auth', 'patient-choose-auth-locked');
    expect(await page.locator('[data-reason]').getAttribute('data-reason')).toBe('pin-locked');
    expect(await page.getByRole('button', { name: /暗証番号を入力する/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('暗証番号がロックされています');
  });

  it('locks the card on the last wrong try and says so plainly', async () => {
    await presentCard(e2e, 'p06');
    for (let i = 0; i < 2; i += 1) {
      await enterPin(page, wrongPin);
      await submitPin(page);
      await page.locator('[data-pin-warning], [data-reason="last-try"]').first().waitFor();
    }
    await waitForScreen(page, 'choose-auth');
    await page.getByRole('button', { name: /暗証番号を入力する/ }).click();
    await enterPin(page, wrongPin);
    await submitPin(page);
    await page.locator('[data-reason="pin-locked"]').waitFor();
    const screen = await page.locator('main[data-screen]').getAttribute('data-screen');
    await captureScreen(page, screen ?? 'error', 'patient-pin-locked');
    expect(await page.getByText(/ロック/).count()).toBeGreaterThan(0);
  });

  it('says so when the card is removed mid-flow; やめる then returns to idle', async () => {
    await presentCard(e2e, 'p07');
    await enterPin(page, cardPin.slice(0, 3));
    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'card-lifted');
    expect(await page.locator('.pin-dots').count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('カードが離れました');
    await page.getByRole('button', { name: 'やめる' }).click();
    await waitForScreen(page, 'idle');
  });

  it('shows the countdown before the inactivity timeout, then asks for the card still on the reader', async () => {
    await presentCard(e2e, 'p08');
    await waitForScreen(page, 'pin');
    await page.locator('.inactivity-notice').waitFor({ timeout: 15_000 });
    await captureScreen(page, 'pin', 'patient-inactivity-notice');
    await waitForScreen(page, 'take-card', 15_000);
    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'idle');
  });

  it('shows an error with the code for staff for a card that is not a My Number card', async () => {
    await presentCard(e2e, 'p01', 'not-my-number');
    await captureScreen(page, 'error', 'patient-error-not-my-number-card');
    expect(await page.locator('.error-message').textContent()).toBe('このカードは使えません。');
    expect(await page.locator('[data-error-code]').textContent()).toMatch(/^card\./);
    expect(await page.getByText('カードをお取りください。').count()).toBe(1);
  });

  it('shows an error answer of the eligibility system as a patient error screen', async () => {
    // Simulated person p16 is answered with a system error (SegmentOfResult 9), every time.
    await presentCard(e2e, 'p16');
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'consent');
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await captureScreen(page, 'error', 'patient-error-gateway');
    expect(await page.locator('[data-error-code]').textContent()).toMatch(/^gateway\./);
  });

  it('goes out of service when the reader is down and recovers by itself', async () => {
    await e2e.ipc.call('sim.faults', { readerDown: true });
    await captureScreen(page, 'out-of-service', 'patient-out-of-service');
    expect(await page.locator('.detail').textContent()).toBe('カードリーダーの準備ができていません。');
    await e2e.ipc.call('sim.faults', { readerDown: false });
    await waitForScreen(page, 'idle', 15_000);
  });
});
