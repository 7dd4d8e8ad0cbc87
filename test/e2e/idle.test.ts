// First end-to-end test: the web host serves the idle screen in Japanese to headless Chromium.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  e2eTimeZone,
  launchBrowser,
  screenshot,
  startKioskHost,
  type KioskUnderTest,
} from './support/kiosk-page';

const run = hasChromium();

describe.runIf(run)('idle screen in Chromium', () => {
  let browser: Browser;
  let kiosk: KioskUnderTest;

  beforeAll(async () => {
    browser = await launchBrowser();
    kiosk = await startKioskHost();
  });

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
  });

  it('shows カードを置いてください in Japanese by default', async () => {
    const page = await browser.newPage({ timezoneId: e2eTimeZone });
    await page.goto(kiosk.url);
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toBe('カードを置いてください');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja-JP');
    await expect.poll(() => page.getByRole('button', { name: '職員メニュー' }).count()).toBe(1);
    const file = await screenshot(page, 'idle-ja');
    expect(existsSync(file)).toBe(true);
    await page.close();
  });

  it('switches language from the idle screen', async () => {
    const page = await browser.newPage({ timezoneId: e2eTimeZone });
    await page.goto(kiosk.url);
    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Please place your card');
    await screenshot(page, 'idle-en');
    await page.close();
  });

  it('does not connect from a page without the token', async () => {
    const page = await browser.newPage({ timezoneId: e2eTimeZone });
    await page.goto(kiosk.url.replace(/\?token=.*/, ''));
    await page.waitForTimeout(500);
    expect(await page.locator('[data-screen="connecting"]').count()).toBe(1);
    expect(kiosk.host.connectionCount()).toBe(0);
    await page.close();
  });
});
