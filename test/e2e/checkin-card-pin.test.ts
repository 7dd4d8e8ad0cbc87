// Card + PIN route in Chromium: start to finish with まとめて同意 and item by item, PIN from the pad and a number pad.
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  captureScreen,
  cardPin,
  checkInToResult,
  enterPin,
  kioskPage,
  openKioskHolding,
  presentCard,
  submitPin,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

describe.runIf(hasChromium())('card + PIN check-in', () => {
  const under = kioskPage({ consent: { items: ['medication', 'checkup', 'diagnosis', 'surgery'] } });

  it('goes idle → PIN → まとめて同意 → result → take card → idle', async () => {
    await captureScreen(under.page, 'idle', 'patient-idle');
    await presentCard(under.e2e, 'p01');
    await captureScreen(under.page, 'pin', 'patient-pin');
    expect(await under.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      '暗証番号を入力してください',
    );
    await enterPin(under.page, cardPin.slice(0, 2));
    await captureScreen(under.page, 'pin', 'patient-pin-typing');
    // 訂正 removes the last digit.
    await under.page.getByRole('button', { name: '訂正' }).click();
    await expect.poll(() => under.page.locator('.pin-dots').getAttribute('data-entered')).toBe('1');
    await under.page.getByRole('button', { name: '訂正' }).click();
    await enterPin(under.page, cardPin);
    await submitPin(under.page);

    await captureScreen(under.page, 'consent', 'patient-consent');
    expect(await under.page.locator('[data-consent-mode="summary"] li').count()).toBe(4);
    // No 限度額 screen by default (oqs-and-insurance.md §3): straight on to the result.
    await under.page.getByRole('button', { name: 'まとめて同意する' }).click();

    await captureScreen(under.page, 'result', 'patient-result-confirmed');
    const result = under.page.locator('[data-screen="result"]');
    expect(await result.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
    expect(await result.locator('[data-person-name]').textContent()).toContain('試験');
    // Nothing financial on the patient's screen by default.
    expect(await result.locator('[data-copay], [data-limit-label]').count()).toBe(0);
    expect(Number(await result.locator('[data-reception-number]').textContent())).toBeGreaterThan(0);
    await under.page.getByRole('button', { name: '終わる' }).click();

    await captureScreen(under.page, 'take-card', 'patient-take-card');
    expect(await under.page.getByRole('heading', { level: 1 }).textContent()).toBe('カードをお取りください');
    await under.e2e.ipc.call('sim.remove', {});
    await waitForScreen(under.page, 'idle');
  });

  it('shows the reading screen while the card is being identified', async () => {
    const held = await openKioskHolding(under.e2e, 'reading');
    try {
      await presentCard(under.e2e, 'p01');
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
    await presentCard(under.e2e, 'p02');
    await enterPin(under.page, cardPin, 'numpad');
    await under.page.keyboard.press('Backspace');
    await expect.poll(() => under.page.locator('.pin-dots').getAttribute('data-entered')).toBe('3');
    await under.page.keyboard.press(`Numpad${cardPin.at(-1) ?? ''}`);
    await submitPin(under.page, 'numpad');

    await waitForScreen(under.page, 'consent');
    await under.page.getByRole('button', { name: '項目ごとに選ぶ' }).click();
    const items = under.page.locator('.consent-item');
    await expect.poll(() => items.count()).toBe(4);
    const confirm = under.page.getByRole('button', { name: '決定' });
    expect(await confirm.isDisabled()).toBe(true);
    const choices = [true, false, true, false];
    for (const [index, agreed] of choices.entries()) {
      await items
        .nth(index)
        .getByRole('button', { name: agreed ? '同意する' : '同意しない', exact: true })
        .click();
      await expect.poll(() => items.nth(index).getAttribute('data-consent-value')).toBe(String(agreed));
    }
    await captureScreen(under.page, 'consent', 'patient-consent-items');
    await confirm.click();
    await waitForScreen(under.page, 'result');

    const { token } = await under.e2e.ipc.call('staff.login', { pin: '246810' });
    const rows = await under.e2e.ipc.call('staff.confirmations.list', {
      token,
      filter: { route: 'card-pin' },
    });
    const row = rows.find((r) => r.outcome === 'confirmed' && r.consents.checkup);
    expect(row?.consents.medication?.agreed).toBe(true);
    expect(row?.consents.checkup?.agreed).toBe(false);
    expect(row?.consents.diagnosis?.agreed).toBe(true);
    expect(row?.consents.surgery?.agreed).toBe(false);
    // The 限度額 was not asked about (the default), so no answer is on record.
    expect(row?.limitConsent).toBeUndefined();
  });

  it('shows the processing screen while the eligibility system is slow', async () => {
    await under.e2e.ipc.call('sim.faults', { gateway: 'slow' });
    try {
      await presentCard(under.e2e, 'p03');
      await enterPin(under.page, cardPin, 'keyboard');
      await submitPin(under.page, 'keyboard');
      await waitForScreen(under.page, 'consent');
      await under.page.getByRole('button', { name: 'まとめて同意する' }).click();
      await captureScreen(under.page, 'processing', 'patient-processing');
      await waitForScreen(under.page, 'result', 30_000);
      expect(await under.page.locator('[data-person-name]').count()).toBe(1);
    } finally {
      await under.e2e.ipc.call('sim.faults', { gateway: 'none' });
    }
  });

  it('explains result problems in plain words with what to do next', async () => {
    await checkInToResult(under.e2e, under.page, 'p10');
    await captureScreen(under.page, 'result', 'patient-result-not-insured');
    expect(await under.page.locator('[data-notice="validity-invalid"]').textContent()).toContain(
      'この保険の資格は有効ではありません。',
    );

    await backToIdle(under.e2e, under.page);
    await presentCard(under.e2e, 'p09');
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'consent');
    await under.page.getByRole('button', { name: 'まとめて同意する' }).click();
    await captureScreen(under.page, 'result', 'patient-result-name-check');
    expect(await under.page.locator('[data-notice="name-needs-check"]').count()).toBe(1);
  });

  it('offers 保険証利用登録 for an unregistered card, then continues the check-in', async () => {
    await presentCard(under.e2e, 'p17');
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await captureScreen(under.page, 'registration', 'patient-registration');
    await under.page.getByRole('button', { name: '同意して登録する' }).click();
    await waitForScreen(under.page, 'consent', 15_000);
    await under.page.getByRole('button', { name: 'まとめて同意する' }).click();
    await waitForScreen(under.page, 'result');
    expect(await under.page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
  });
});
