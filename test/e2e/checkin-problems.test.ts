// What goes wrong at a kiosk, in Chromium: wrong PIN, the last-try warning, locked cards, removal, timeout, faults.
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  captureScreen,
  cardPin,
  enterPin,
  kioskPage,
  lockPin,
  presentCard,
  submitPin,
  wrongPin,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

describe.runIf(hasChromium())('check-in problems', () => {
  // The shortest PIN timeout the settings allow, so the timeout test stays quick.
  const under = kioskPage({ timeouts: { pin: 10 } });

  it('warns after a wrong PIN, then sends the patient to staff before the last try', async () => {
    await presentCard(under.e2e, 'p04');
    await enterPin(under.page, wrongPin);
    await submitPin(under.page);
    await under.page.locator('[data-pin-warning="wrong"]').waitFor();
    await captureScreen(under.page, 'pin', 'patient-pin-wrong');
    expect(await under.page.locator('[data-pin-warning]').textContent()).toContain('暗証番号が違います。');
    expect(await under.page.locator('[data-pin-warning]').textContent()).toContain('あと2回入力できます。');

    await enterPin(under.page, wrongPin);
    await submitPin(under.page);
    await captureScreen(under.page, 'choose-auth', 'patient-choose-auth-last-try');
    expect(await under.page.locator('[data-reason]').getAttribute('data-reason')).toBe('last-try');
    expect(await under.page.locator('.screen-instruction').textContent()).toBe(
      'あと1回間違えると暗証番号がロックされます。受付にお声がけください。',
    );

    // The patient insists on the PIN: the pad shows the lock warning; a correct PIN still goes through.
    await under.page.getByRole('button', { name: /暗証番号を入力する/ }).click();
    await under.page.locator('[data-pin-warning="last-try"]').waitFor();
    await captureScreen(under.page, 'pin', 'patient-pin-last-try');
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'consent');
  });

  it('never offers the PIN for a locked card: only the staff check', async () => {
    await presentCard(under.e2e, 'p05', 'locked');
    await captureScreen(under.page, 'choose-auth', 'patient-choose-auth-locked');
    expect(await under.page.locator('[data-reason]').getAttribute('data-reason')).toBe('pin-locked');
    expect(await under.page.getByRole('button', { name: /暗証番号を入力する/ }).count()).toBe(0);
    expect(await under.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      '暗証番号がロックされています',
    );
  });

  it('locks the card on the last wrong try and says so plainly', async () => {
    await lockPin(under.e2e, under.page, 'p06');
    const screen = await under.page.locator('main[data-screen]').getAttribute('data-screen');
    await captureScreen(under.page, screen ?? 'error', 'patient-pin-locked');
    expect(await under.page.getByText(/ロック/).count()).toBeGreaterThan(0);
  });

  it('says so when the card is removed mid-flow; やめる then returns to idle', async () => {
    await presentCard(under.e2e, 'p07');
    await enterPin(under.page, cardPin.slice(0, 3));
    await under.e2e.ipc.call('sim.remove', {});
    await waitForScreen(under.page, 'card-lifted');
    expect(await under.page.locator('.pin-dots').count()).toBe(0);
    expect(await under.page.getByRole('heading', { level: 1 }).textContent()).toBe('カードが離れました');
    await under.page.getByRole('button', { name: 'やめる' }).click();
    await waitForScreen(under.page, 'idle');
  });

  it('shows the countdown before the inactivity timeout, then asks for the card still on the reader', async () => {
    await presentCard(under.e2e, 'p08');
    await waitForScreen(under.page, 'pin');
    await under.page.locator('.inactivity-notice').waitFor({ timeout: 15_000 });
    await captureScreen(under.page, 'pin', 'patient-inactivity-notice');
    await waitForScreen(under.page, 'take-card', 15_000);
    await under.e2e.ipc.call('sim.remove', {});
    await waitForScreen(under.page, 'idle');
  });

  it('shows an error with the code for staff for a card that is not a My Number card', async () => {
    await presentCard(under.e2e, 'p01', 'not-my-number');
    await captureScreen(under.page, 'error', 'patient-error-not-my-number-card');
    expect(await under.page.locator('.error-message').textContent()).toBe('このカードは使えません。');
    expect(await under.page.locator('[data-error-code]').textContent()).toMatch(/^card\./);
    expect(await under.page.getByText('カードをお取りください。').count()).toBe(1);
  });

  it('shows an error answer of the eligibility system as a patient error screen', async () => {
    // Simulated person p16 is answered with a system error (SegmentOfResult 9), every time.
    await presentCard(under.e2e, 'p16');
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'consent');
    await under.page.getByRole('button', { name: 'まとめて同意する' }).click();
    await captureScreen(under.page, 'error', 'patient-error-gateway');
    expect(await under.page.locator('[data-error-code]').textContent()).toMatch(/^gateway\./);
  });

  it('goes out of service when the reader is down and recovers by itself', async () => {
    await under.e2e.ipc.call('sim.faults', { readerDown: true });
    await captureScreen(under.page, 'out-of-service', 'patient-out-of-service');
    expect(await under.page.locator('.detail').textContent()).toBe('カードリーダーの準備ができていません。');
    await under.e2e.ipc.call('sim.faults', { readerDown: false });
    await waitForScreen(under.page, 'idle', 15_000);
  });
});
