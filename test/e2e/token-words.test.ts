// Words true to the token in Chromium: no-PIN cards, locked PINs, phones, tries left, and the simulator panel's truth.
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  captureScreen,
  cardPin,
  enterPin,
  kioskPage,
  lockPin,
  presentCard,
  submitPin,
} from './support/checkin-flow';
import { openPage, waitForScreen } from './support/kiosk-page';

/** The shortest gateway timeout the settings allow (config-schema.ts: 5–300 s). */
const GATEWAY_TIMEOUT_SECONDS = 5;

describe.runIf(hasChromium())('words true to the token', () => {
  const under = kioskPage({ gateway: { timeoutSeconds: GATEWAY_TIMEOUT_SECONDS } });

  const heading = (): Promise<string | null> => under.page.getByRole('heading', { level: 1 }).textContent();

  it('a 顔認証マイナンバーカード is told it has no PIN, never that it is locked', async () => {
    await presentCard(under.e2e, 'p03', 'face-auth');
    await under.page.locator('[data-reason="no-pin"]').waitFor();
    await captureScreen(under.page, 'choose-auth', 'patient-choose-auth-no-pin');
    expect(await heading()).toBe('職員がご本人を確認します');
    expect(await under.page.locator('main').textContent()).not.toContain('ロック');
    expect(await under.page.getByRole('button', { name: /職員に確認してもらう/ }).count()).toBe(1);
  });

  it('a locked PIN says the PIN is locked, and offers the staff check', async () => {
    await presentCard(under.e2e, 'p05', 'locked');
    await under.page.locator('[data-reason="pin-locked"]').waitFor();
    expect(await heading()).toBe('暗証番号がロックされています');
    expect(await under.page.getByRole('button', { name: /暗証番号を入力する/ }).count()).toBe(0);
  });

  it('the PIN screen shows the tries left before the first entry', async () => {
    await presentCard(under.e2e, 'p02');
    await under.page.locator('[data-pin-tries="3"]').waitFor();
    await captureScreen(under.page, 'pin', 'patient-pin-tries-before-entry');
    expect(await under.page.locator('[data-pin-tries]').textContent()).toBe('あと3回入力できます。');
    expect(await under.page.locator('[data-pin-warning]').count()).toBe(0);
  });

  it('on a phone, 暗証番号を忘れた方 leads to what the desk can do, and back to the pad', async () => {
    await presentCard(under.e2e, 'p04', 'android');
    await waitForScreen(under.page, 'pin');
    await under.page.getByRole('button', { name: '暗証番号を忘れた方' }).click();
    await captureScreen(under.page, 'pin-phone-forgot', 'patient-pin-phone-forgot');
    const text = (await under.page.locator('main').textContent()) ?? '';
    expect(text).toContain('スマートフォンには顔写真がないため、職員による本人確認はできません。');
    expect(text).toContain('マイナンバーカードをお持ちでしたら、カードで受付できます。');
    await under.page.getByRole('button', { name: '暗証番号の入力に戻る' }).click();
    await waitForScreen(under.page, 'pin');
  });

  it('a PIN locked on a virtual card stays locked when the same card is put down again', async () => {
    await lockPin(under.e2e, under.page, 'p06');
    await backToIdle(under.e2e, under.page);
    await presentCard(under.e2e, 'p06');
    await under.page.locator('[data-reason="pin-locked"]').waitFor();
    expect(await heading()).toBe('暗証番号がロックされています');
  });

  it('voice: silent and said so where no voice exists; Vietnamese is read without Japanese', async () => {
    // Headless Chromium has no voices: this page offers a Japanese and a Vietnamese one, and no Korean.
    const voiced = await under.e2e.browser.newPage();
    await voiced.addInitScript(
      'window.spoken = []; window.speechSynthesis.getVoices = () => [{ lang: "ja-JP" }, { lang: "vi-VN" }]; window.speechSynthesis.speak = (u) => { window.spoken.push(u.lang + "|" + u.text); };',
    );
    try {
      await voiced.goto(under.e2e.kiosk.url);
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
      await under.e2e.ipc.call('preferences.set', { language: 'ja', voice: false });
      await voiced.close();
    }
  });

  it('the simulator panel keeps showing the card on the reader after "reader stop"', async () => {
    const panel = await openPage(under.e2e.browser, under.e2e.kiosk, '/simulator');
    try {
      await waitForScreen(panel, 'simulator');
      await panel.getByLabel('被保険者').selectOption('p07');
      await panel.getByRole('button', { name: 'カードを置く' }).first().click();
      await waitForScreen(under.page, 'pin');
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
    await presentCard(under.e2e, 'p08');
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'consent');
    // Set once the patient is at consent: a silent system also fails the health check, which would put an
    // idle kiosk out of service.
    await under.e2e.ipc.call('sim.faults', { gateway: 'timeout' });
    const started = Date.now();
    await under.page.getByRole('button', { name: 'まとめて同意する' }).click();
    await under.page.locator('[data-reason="gateway-timeout"]').waitFor({ timeout: 20_000 });
    // Not the 0.5 s of a plain latency: the kiosk waited out its gateway.timeoutSeconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(GATEWAY_TIMEOUT_SECONDS * 1000 - 250);
  });
});
