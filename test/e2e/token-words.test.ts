// Words true to the token in Chromium: no-PIN cards, locked PINs, phones, tries left, and the simulator panel's truth.
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
import { openPage, waitForScreen } from './support/kiosk-page';

/** Any PIN but the virtual cards' own. */
const wrongPin = '9876';
/** The shortest gateway timeout the settings allow (config-schema.ts: 5–300 s). */
const GATEWAY_TIMEOUT_SECONDS = 5;

describe.runIf(hasChromium())('words true to the token', () => {
  let e2e: E2eKiosk;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2eKiosk({ gateway: { timeoutSeconds: GATEWAY_TIMEOUT_SECONDS } });
    page = await openKiosk(e2e);
  });
  afterEach(async () => {
    await e2e.ipc.call('sim.faults', { readerDown: false, gateway: 'none', logDown: false });
    await backToIdle(e2e, page);
  });
  afterAll(async () => e2e?.stop());

  const heading = (): Promise<string | null> => page.getByRole('heading', { level: 1 }).textContent();

  it('a 顔認証マイナンバーカード is told it has no PIN, never that it is locked', async () => {
    await presentCard(e2e, 'p03', 'face-auth');
    await page.locator('[data-reason="no-pin"]').waitFor();
    await captureScreen(page, 'choose-auth', 'patient-choose-auth-no-pin');
    expect(await heading()).toBe('職員がご本人を確認します');
    expect(await page.locator('main').textContent()).not.toContain('ロック');
    expect(await page.getByRole('button', { name: /職員に確認してもらう/ }).count()).toBe(1);
  });

  it('a locked PIN says the PIN is locked, and offers the staff check', async () => {
    await presentCard(e2e, 'p05', 'locked');
    await page.locator('[data-reason="pin-locked"]').waitFor();
    expect(await heading()).toBe('暗証番号がロックされています');
    expect(await page.getByRole('button', { name: /暗証番号を入力する/ }).count()).toBe(0);
  });

  it('the PIN screen shows the tries left before the first entry', async () => {
    await presentCard(e2e, 'p02');
    await page.locator('[data-pin-tries="3"]').waitFor();
    await captureScreen(page, 'pin', 'patient-pin-tries-before-entry');
    expect(await page.locator('[data-pin-tries]').textContent()).toBe('あと3回入力できます。');
    expect(await page.locator('[data-pin-warning]').count()).toBe(0);
  });

  it('on a phone, 暗証番号を忘れた方 leads to what the desk can do, and back to the pad', async () => {
    await presentCard(e2e, 'p04', 'android');
    await waitForScreen(page, 'pin');
    await page.getByRole('button', { name: '暗証番号を忘れた方' }).click();
    await captureScreen(page, 'pin-phone-forgot', 'patient-pin-phone-forgot');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('スマートフォンには顔写真がないため、職員による本人確認はできません。');
    expect(text).toContain('マイナンバーカードをお持ちでしたら、カードで受付できます。');
    await page.getByRole('button', { name: '暗証番号の入力に戻る' }).click();
    await waitForScreen(page, 'pin');
  });

  it('a PIN locked on a virtual card stays locked when the same card is put down again', async () => {
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
    await backToIdle(e2e, page);
    await presentCard(e2e, 'p06');
    await page.locator('[data-reason="pin-locked"]').waitFor();
    expect(await heading()).toBe('暗証番号がロックされています');
  });

  it('voice: silent and said so where no voice exists; Vietnamese is read without Japanese', async () => {
    // Headless Chromium has no voices: this page offers a Japanese and a Vietnamese one, and no Korean.
    const voiced = await e2e.browser.newPage();
    await voiced.addInitScript(
      'window.spoken = []; window.speechSynthesis.getVoices = () => [{ lang: "ja-JP" }, { lang: "vi-VN" }]; window.speechSynthesis.speak = (u) => { window.spoken.push(u.lang + "|" + u.text); };',
    );
    try {
      await voiced.goto(e2e.kiosk.url);
      await waitForScreen(voiced, 'idle');
      const toggle = voiced.locator('[data-voice]');
      expect(await toggle.textContent()).toBe('音声案内: オフ');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('data-voice')).toBe('on');
      await voiced.getByRole('button', { name: 'Tiếng Việt' }).click();
      const spoken = (): Promise<string[]> => voiced.evaluate<string[]>('window.spoken');
      await expect.poll(async () => (await spoken()).some((s) => s.startsWith('vi-VN|'))).toBe(true);
      for (const line of (await spoken()).filter((s) => s.startsWith('vi-VN|'))) {
        expect(line).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      await voiced.getByRole('button', { name: '한국어' }).click();
      await expect.poll(() => toggle.getAttribute('data-voice')).toBe('unavailable');
      expect(await toggle.textContent()).toBe('음성 안내: 이 언어의 음성이 없습니다');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    } finally {
      await e2e.ipc.call('preferences.set', { language: 'ja', voice: false });
      await voiced.close();
    }
  });

  it('the simulator panel keeps showing the card on the reader after "reader stop"', async () => {
    const panel = await openPage(e2e.browser, e2e.kiosk, '/simulator');
    try {
      await waitForScreen(panel, 'simulator');
      await panel.getByLabel('被保険者').selectOption('p07');
      await panel.getByRole('button', { name: 'カードを置く' }).first().click();
      await waitForScreen(page, 'pin');
      // A controlled checkbox: it turns once the core has answered, so click and wait for the panel.
      await panel.getByLabel('カードリーダー停止').click();
      await panel.locator('[data-reader-service="down"][data-card="present"]').first().waitFor();
      await panel.locator('[data-sim-reader-down]').first().waitFor();
      await captureScreen(panel, 'simulator', 'simulator-panel-reader-stopped');
      await panel.getByLabel('カードリーダー停止').click();
      await panel.locator('[data-reader-service="up"][data-card="present"]').first().waitFor();
    } finally {
      await panel.close();
    }
  });

  it('the "timeout" fault stays silent for the configured gateway timeout', async () => {
    await presentCard(e2e, 'p08');
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'consent');
    // Set once the patient is at consent: a silent system also fails the health check, which would put an
    // idle kiosk out of service.
    await e2e.ipc.call('sim.faults', { gateway: 'timeout' });
    const started = Date.now();
    await page.getByRole('button', { name: 'まとめて同意する' }).click();
    await page.locator('[data-reason="gateway-timeout"]').waitFor({ timeout: 20_000 });
    // Not the 0.5 s of a plain latency: the kiosk waited out its gateway.timeoutSeconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(GATEWAY_TIMEOUT_SECONDS * 1000 - 250);
  });
});
