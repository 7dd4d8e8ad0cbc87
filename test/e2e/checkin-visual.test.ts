// Card + 目視確認 in Chromium: the patient waits, staff approve (or decline) on /staff, the check-in goes on.
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import { captureScreen, kioskWithStaff, presentCard } from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

describe.runIf(hasChromium())('card + 目視確認 check-in', () => {
  const under = kioskWithStaff();

  it('a face-auth card without a PIN goes to staff, who approve it on /staff', async () => {
    const { e2e, page, staff } = under;
    await presentCard(e2e, 'p01', 'face-auth');
    await captureScreen(page, 'choose-auth', 'patient-choose-auth-no-pin');
    await page.getByRole('button', { name: /職員に確認してもらう/ }).click();
    await captureScreen(page, 'visual-wait', 'patient-visual-wait');

    await staff.locator('.staff-card[data-reader]').first().waitFor();
    await captureScreen(staff, 'staff-visual', 'staff-visual-pending');
    expect(await staff.locator('.staff-badge').textContent()).toBe('1');
    await staff.getByRole('button', { name: '本人と確認しました' }).click();
    await staff.getByText('目視確認を承認しました').waitFor();

    await waitForScreen(page, 'consent');
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await waitForScreen(page, 'result');
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
  });

  it('a forgotten PIN goes to staff from the PIN pad; a decline ends on an error for staff', async () => {
    const { e2e, page, staff } = under;
    await presentCard(e2e, 'p02');
    await waitForScreen(page, 'pin');
    await page.getByRole('button', { name: '暗証番号を忘れた方' }).click();
    await waitForScreen(page, 'visual-wait');
    await staff.getByRole('button', { name: '本人と確認できません' }).click();
    await captureScreen(page, 'error', 'patient-error-visual-declined');
    expect(await page.locator('.error-message').textContent()).toBe('職員による確認ができませんでした。');
  });
});
