// What the patient's screen and the staff console show of a result: 目視 registration, copay and 限度額, in Chromium.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ScreenName } from '../../electron/common/contract';
import { hasChromium } from '../support/requirements';
import {
  captureScreen,
  cardPin,
  enterPin,
  kioskWithStaff,
  presentCard,
  submitPin,
  type E2eKiosk,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

/*
 * Simulated people (electron/core/gateway/simulator/people.ts):
 * - p01, 協会けんぽ本人 born 1985-04-12: under 70, so 3割 by the statutory rule
 *   (oqs-and-insurance.md §2.2); 限度額 A03 = 区分ウ (§6).
 * - p18, 後期高齢者, card not registered for use as health insurance; 限度額 B05 = 低所得Ⅱ (§6).
 */
const P01 = { id: 'p01', name: '試験　太郎', copay: '3割', limit: '区分ウ' };
const P18 = { id: 'p18', name: '仮名　新登', limit: '低所得Ⅱ' };

/** Records every patient screen the core sends, to prove which screens never appeared. */
function screensSeen(e2e: E2eKiosk): { names: ScreenName[]; stop(): void } {
  const names: ScreenName[] = [];
  const stop = e2e.ipc.on('session.changed', (snapshot) => names.push(snapshot.screen.name));
  return { names, stop };
}

/** The reception number the patient's result screen shows. */
async function receptionNumber(page: Page): Promise<string> {
  const value = await page
    .locator('[data-screen="result"] [data-reception-number]')
    .getAttribute('data-reception-number');
  if (!value) throw new Error('no reception number on the result screen');
  return value;
}

/** The staff console's row (本日の確認) of one reception number, once it is listed (opened afresh). */
async function staffRow(staff: Page, number: string) {
  await staff.getByRole('button', { name: '目視確認' }).click();
  await waitForScreen(staff, 'staff-visual');
  await staff.getByRole('button', { name: '本日の確認' }).click();
  await waitForScreen(staff, 'staff-confirmations');
  const row = staff.locator(`tbody tr[data-reception-number="${number}"]`);
  await row.waitFor();
  return row;
}

/** Card + PIN to the consent screen, then まとめて同意. */
async function pinAndConsent(e2e: E2eKiosk, page: Page, holderId: string): Promise<void> {
  await presentCard(e2e, holderId);
  await enterPin(page, cardPin);
  await submitPin(page);
  await waitForScreen(page, 'consent');
  await page.getByRole('button', { name: 'まとめて同意する' }).click();
}

describe.runIf(hasChromium())('eligibility display, default settings', () => {
  const under = kioskWithStaff();

  it('registers an unregistered face-auth card after staff 目視確認, then checks in', async () => {
    const { e2e, page, staff } = under;
    const seen = screensSeen(e2e);
    // A 顔認証マイナンバーカード has no PIN: 目視確認 is its only route (oqs-and-insurance.md §3).
    await presentCard(e2e, P18.id, 'face-auth');
    await waitForScreen(page, 'choose-auth');
    await page.getByRole('button', { name: /職員に確認してもらう/ }).click();
    await waitForScreen(page, 'visual-wait');

    await staff.getByRole('button', { name: '目視確認' }).click();
    await staff.locator('.staff-card[data-reader]').first().waitFor();
    await staff.getByRole('button', { name: '本人と確認しました' }).click();
    await staff.getByText('目視確認を承認しました').waitFor();

    await captureScreen(page, 'registration', 'patient-registration-visual');
    expect(await page.locator('.terms').textContent()).toContain(
      'ご本人の確認は済んでいますので、このまま登録できます。',
    );
    await page.getByRole('button', { name: '同意して登録する' }).click();
    await waitForScreen(page, 'consent', 15_000);
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await waitForScreen(page, 'result');
    seen.stop();
    expect(await page.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
    expect(seen.names).toContain('registration');
    expect(seen.names).not.toContain('error');
    const number = await receptionNumber(page);

    const row = await staffRow(staff, number);
    expect(await row.getAttribute('data-route')).toBe('card-visual');
    expect(await row.getAttribute('data-outcome')).toBe('confirmed');
    expect(await row.textContent()).toContain(P18.name);
    expect(await row.textContent()).toContain(P18.limit);
    await captureScreen(staff, 'staff-confirmations', 'staff-confirmations-visual-registration');

    const { token } = await e2e.ipc.call('staff.login', { pin: '246810' });
    const rows = await e2e.ipc.call('staff.confirmations.list', { token, filter: { route: 'card-visual' } });
    const logged = rows.find((r) => String(r.receptionNumber) === number);
    expect(logged).toMatchObject({ route: 'card-visual', outcome: 'confirmed', name: P18.name });
    expect(logged?.staffId).toBeTruthy();
  });

  it('no 限度額 screen; the result shows no copay and no 限度額区分, the staff row shows both', async () => {
    const { e2e, page, staff } = under;
    const seen = screensSeen(e2e);
    await pinAndConsent(e2e, page, P01.id);
    await captureScreen(page, 'result', 'patient-result-no-financial');
    seen.stop();
    expect(seen.names).not.toContain('limit-consent');

    const result = page.locator('[data-screen="result"]');
    expect(await result.locator('[data-outcome]').getAttribute('data-outcome')).toBe('confirmed');
    expect(await result.locator('[data-person-name]').textContent()).toBe(P01.name);
    expect(await result.locator('[data-copay], [data-limit-label]').count()).toBe(0);
    const text = (await result.textContent()) ?? '';
    for (const financial of [P01.copay, P01.limit, '負担割合', '限度額'])
      expect(text).not.toContain(financial);

    const row = await staffRow(staff, await receptionNumber(page));
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(P01.copay);
    expect(rowText).toContain(P01.limit);
    expect(await row.locator('[data-limit-class]').getAttribute('data-limit-class')).toBe('A03');
    // Not asked, so no 限度額 answer is on record.
    expect(rowText).not.toContain('限度額:');
  });
});

describe.runIf(hasChromium())(
  'eligibility display, 限度額 screen and money on the result screen turned on',
  () => {
    const under = kioskWithStaff({
      consent: { limitScreen: true },
      resultScreen: { showCopayAndLimit: true },
    });

    it('a patient who says 使わない: the class is kept from the result screen and the staff row', async () => {
      const { e2e, page, staff } = under;
      await pinAndConsent(e2e, page, P01.id);
      await captureScreen(page, 'limit-consent', 'patient-limit-consent');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('限度額の情報の利用');
      await page.getByRole('button', { name: '使わない', exact: true }).click();
      await captureScreen(page, 'result', 'patient-result-limit-declined');

      const result = page.locator('[data-screen="result"]');
      // The clinic shows money on the kiosk: the copay shows, the declined class does not.
      expect(await result.locator('[data-copay]').textContent()).toBe(P01.copay);
      expect(await result.locator('[data-limit-label]').count()).toBe(0);
      expect(await result.textContent()).not.toContain(P01.limit);

      const row = await staffRow(staff, await receptionNumber(page));
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain(P01.copay);
      expect(rowText).not.toContain(P01.limit);
      expect(await row.locator('[data-limit-class]').count()).toBe(0);
      expect(rowText).toContain('限度額:不同意');
    });

    it('a patient who says 使ってよい: the class reaches the result screen and the staff row', async () => {
      const { e2e, page, staff } = under;
      await pinAndConsent(e2e, page, P01.id);
      await waitForScreen(page, 'limit-consent');
      await page.getByRole('button', { name: '使ってよい', exact: true }).click();
      await captureScreen(page, 'result', 'patient-result-with-financial');

      const result = page.locator('[data-screen="result"]');
      expect(await result.locator('[data-copay]').textContent()).toBe(P01.copay);
      expect(await result.locator('[data-limit-label]').textContent()).toBe(P01.limit);

      const row = await staffRow(staff, await receptionNumber(page));
      const rowText = (await row.textContent()) ?? '';
      expect(rowText).toContain(P01.limit);
      expect(rowText).toContain('限度額:同意');
    });
  },
);
