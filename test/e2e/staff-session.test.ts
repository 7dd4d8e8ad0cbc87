// The staff console in Chromium: a session its own status reads do not keep alive (after 15 quiet minutes it says so and shows sign-in), and sign-in by account with roles.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashStaffPin } from '../../electron/core/staff/staff-pin';
import { hasChromium } from '../support/requirements';
import { openStaff, startE2eKiosk, type E2eKiosk } from './support/checkin-flow';
import { openPage, waitForScreen } from './support/kiosk-page';

const MINUTE = 60_000;

describe.runIf(hasChromium())('staff console session', () => {
  let e2e: E2eKiosk;
  // The clinic clock stands still unless the test moves it (config staff.sessionMinutes: 15 by default).
  let now = Date.parse('2026-12-01T01:00:00Z');

  beforeAll(async () => {
    e2e = await startE2eKiosk({}, { timeSource: () => now });
  });
  afterAll(async () => e2e?.stop());

  it(
    'a staff action keeps it; 15 minutes without one signs out with the reason, back at sign-in',
    { timeout: 90_000 },
    async () => {
      const staff = await openStaff(e2e);
      now += 14 * MINUTE;
      // Opening today's list is a staff action: the session runs on from here.
      await staff.getByRole('button', { name: '本日の確認' }).click();
      await waitForScreen(staff, 'staff-confirmations');
      // The list has come back: the core has seen the action at this minute.
      await staff.locator('.staff-table[data-rows]').waitFor();
      now += 14 * MINUTE;
      // A push makes the console re-read its status and list in the background: that extends nothing.
      await e2e.ipc.call('sim.present', { variant: 'physical', holderId: 'p03' });
      await e2e.ipc.call('sim.remove', {});
      // 28 minutes after sign-in, 14 after the action: still signed in (the action extended the session).
      await staff.waitForTimeout(1_000);
      expect(await staff.locator('[data-screen="staff-confirmations"]').count()).toBe(1);
      now += 1 * MINUTE;
      // Fifteen minutes since the last action: the next background read (a push, or the 30-s fallback) is
      // refused and the console goes back to sign-in, saying why.
      await e2e.ipc.call('sim.present', { variant: 'physical', holderId: 'p03' });
      await e2e.ipc.call('sim.remove', {});
      await waitForScreen(staff, 'staff-signin', 45_000);
      expect(await staff.locator('.staff-notice').textContent()).toBe(
        '一定時間操作がなかったため、サインアウトしました',
      );
    },
  );
});

describe.runIf(hasChromium())('staff accounts in the console', () => {
  let e2e: E2eKiosk;

  beforeAll(async () => {
    const cheap = { N: 1024, r: 8, p: 1 };
    e2e = await startE2eKiosk({
      staff: {
        accounts: [
          { name: '院長', passcodeHash: await hashStaffPin('582301', cheap), role: 'admin' },
          { name: '佐藤', passcodeHash: await hashStaffPin('730518', cheap), role: 'staff' },
        ],
      },
    });
  });
  afterAll(async () => e2e?.stop());

  async function signIn(page: Page, name: string, passcode: string): Promise<void> {
    await waitForScreen(page, 'staff-signin');
    await page.getByRole('button', { name }).click();
    await page.getByLabel('職員暗証番号').fill(passcode);
    await page.getByRole('button', { name: 'サインイン' }).click();
    // A passcode saved from the console carries the full scrypt cost (about a second on a busy machine).
    await page.locator('[data-screen="staff-visual"], #signin-error').first().waitFor({ timeout: 30_000 });
    expect(
      await page.locator('#signin-error').count(),
      await page.locator('#signin-error').allTextContents().then(String),
    ).toBe(0);
  }

  it('signs in by name; staff see no settings, an administrator manages the accounts', async () => {
    const page = await openPage(e2e.browser, e2e.kiosk, '/staff');
    await signIn(page, '佐藤', '730518');
    const nav = async (): Promise<string[]> => page.locator('.staff-nav button').allTextContents();
    expect(await nav()).not.toContain('設定');
    expect(await nav()).not.toContain('職員アカウント');
    await page.getByRole('button', { name: 'サインアウト' }).click();

    await signIn(page, '院長', '582301');
    expect(await nav()).toContain('職員アカウント');
    await page.locator('.staff-nav button', { hasText: '職員アカウント' }).click();
    await waitForScreen(page, 'staff-accounts');
    await page.getByLabel('お名前').fill('田中');
    await page.locator('input[name="account-passcode"]').fill('さくらさくら弥生の空');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('田中 さんを登録しました').waitFor();
    expect(await page.locator('.staff-table tbody td:first-child').allTextContents()).toEqual([
      '院長',
      '佐藤',
      '田中',
    ]);
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await signIn(page, '田中', 'さくらさくら弥生の空');
  });
});
