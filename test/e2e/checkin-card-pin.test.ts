// Card + PIN route in Chromium: start to finish with まとめて同意 and item by item, PIN from the pad and a number pad.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  captureScreen,
  checkInToResult,
  cardPin,
  enterPin,
  openKiosk,
  openKioskHolding,
  presentCard,
  startE2eKiosk,
  submitPin,
  type E2eKiosk,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

describe.runIf(hasChromium())('card + PIN check-in', () => {
  let e2e: E2eKiosk;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2eKiosk({ consent: { items: ['medication', 'checkup', 'diagnosis', 'surgery'] } });
    page = await openKiosk(e2e);
  });
  afterEach(async () => backToIdle(e2e, page));
  afterAll(async () => e2e?.stop());

  it('goes idle → PIN → まとめて同意 → result → take card → idle', async () => {
    await captureScreen(page, 'idle', 'patient-idle');
    await presentCard(e2e, 'p01');
    await captureScreen(page, 'pin', 'patient-pin');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('暗証番号を入力してください');
    await enterPin(page, cardPin.slice(0, 2));
    await captureScreen(page, 'pin', 'patient-pin-typing');
    // 訂正 removes the last digit.
    await page.getByRole('button', { name: '訂正' }).click();
    await expect.poll(() => page.locator('.pin-dots').getAttribute('data-entered')).toBe('1');
    await page.getByRole('button', { name: '訂正' }).click();
    await enterPin(page, cardPin);
    await submitPin(page);

    await captureScreen(page, 'consent', 'patient-consent');
    expect(await page.locator('[data-consent-mode="summary"] li').count()).toBe(4);
    // No 限度額 screen by default (oqs-and-insurance.md §3): straight on to the result.
    await page.getByRole('button', { name: 'まとめて同意する' }).click();

    await captureScreen(page, 'result', 'patient-result-confirmed');
    const result = page.locator('[data-screen="result"]');
    expect(await result.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
    expect(await result.locator('[data-person-name]').textContent()).toContain('試験');
    // Nothing financial on the patient's screen by default.
    expect(await result.locator('[data-copay], [data-limit-label]').count()).toBe(0);
    expect(Number(await result.locator('[data-reception-number]').textContent())).toBeGreaterThan(0);
    await page.getByRole('button', { name: '終わる' }).click();

    await captureScreen(page, 'take-card', 'patient-take-card');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('カードをお取りください');
    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'idle');
  });

  it('shows the reading screen while the card is being identified', async () => {
    const held = await openKioskHolding(e2e, 'reading');
    try {
      await presentCard(e2e, 'p01');
      await captureScreen(held.page, 'reading', 'patient-reading');
      expect(await held.page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'カードを読み取っています',
      );
      held.release();
      await waitForScreen(held.page, 'pin');
    } finally {
      await held.page.close();
    }
  });

  it('records item-by-item consent choices, entered on a hardware number pad', async () => {
    await presentCard(e2e, 'p02');
    await enterPin(page, cardPin, 'numpad');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.pin-dots').getAttribute('data-entered')).toBe('3');
    await page.keyboard.press(`Numpad${cardPin.at(-1) ?? ''}`);
    await submitPin(page, 'numpad');

    await waitForScreen(page, 'consent');
    await page.getByRole('button', { name: '項目ごとに選ぶ' }).click();
    const items = page.locator('.consent-item');
    await expect.poll(() => items.count()).toBe(4);
    const confirm = page.getByRole('button', { name: '決定' });
    expect(await confirm.isDisabled()).toBe(true);
    const choices = [true, false, true, false];
    for (const [index, agreed] of choices.entries()) {
      await items
        .nth(index)
        .getByRole('button', { name: agreed ? '同意する' : '同意しない', exact: true })
        .click();
      await expect.poll(() => items.nth(index).getAttribute('data-consent-value')).toBe(String(agreed));
    }
    await captureScreen(page, 'consent', 'patient-consent-items');
    await confirm.click();
    await waitForScreen(page, 'result');

    const { token } = await e2e.ipc.call('staff.login', { pin: '246810' });
    const rows = await e2e.ipc.call('staff.confirmations.list', { token, filter: { route: 'card-pin' } });
    const row = rows.find((r) => r.outcome === 'confirmed' && r.consents.checkup);
    expect(row?.consents.medication?.agreed).toBe(true);
    expect(row?.consents.checkup?.agreed).toBe(false);
    expect(row?.consents.diagnosis?.agreed).toBe(true);
    expect(row?.consents.surgery?.agreed).toBe(false);
    // The 限度額 was not asked about (the default), so no answer is on record.
    expect(row?.limitConsent).toBeUndefined();
  });

  it('shows the processing screen while the eligibility system is slow', async () => {
    await e2e.ipc.call('sim.faults', { gateway: 'slow' });
    try {
      await presentCard(e2e, 'p03');
      await enterPin(page, cardPin, 'keyboard');
      await submitPin(page, 'keyboard');
      await waitForScreen(page, 'consent');
      await page.getByRole('button', { name: 'まとめて同意する' }).click();
      await captureScreen(page, 'processing', 'patient-processing');
      await waitForScreen(page, 'result', 30_000);
      expect(await page.locator('[data-person-name]').count()).toBe(1);
    } finally {
      await e2e.ipc.call('sim.faults', { gateway: 'none' });
    }
  });

  it('explains result problems in plain words with what to do next', async () => {
    await checkInToResult(e2e, page, 'p10');
    await captureScreen(page, 'result', 'patient-result-not-insured');
    expect(await page.locator('[data-notice="validity-invalid"]').textContent()).toContain(
      'この保険の資格は有効ではありません。',
    );

    await backToIdle(e2e, page);
    await presentCard(e2e, 'p09');
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'consent');
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await captureScreen(page, 'result', 'patient-result-name-check');
    expect(await page.locator('[data-notice="name-needs-check"]').count()).toBe(1);
  });

  it('offers 保険証利用登録 for an unregistered card, then continues the check-in', async () => {
    await presentCard(e2e, 'p17');
    await enterPin(page, cardPin);
    await submitPin(page);
    await captureScreen(page, 'registration', 'patient-registration');
    await page.getByRole('button', { name: '同意して登録する' }).click();
    await waitForScreen(page, 'consent', 15_000);
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await waitForScreen(page, 'result');
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
  });
});
