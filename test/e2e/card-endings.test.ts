// Every ending with the card on the reader ends on take-card until it is taken; a card lifted mid-way and put back.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  backToIdle,
  captureScreen,
  cardPin,
  checkInToResult,
  enterPin,
  openKiosk,
  presentCard,
  startE2eKiosk,
  submitPin,
  type E2eKiosk,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

const heading = (page: Page): Promise<string | null> => page.getByRole('heading', { level: 1 }).textContent();

describe.runIf(hasChromium())('card endings', () => {
  let e2e: E2eKiosk;
  let page: Page;

  beforeAll(async () => {
    // The shortest timeouts the settings allow, so the endings come quickly.
    e2e = await startE2eKiosk({
      timeouts: { pin: 10, result: 5, error: 5, takeCard: 5 },
      card: { resume: 10, afterLift: 5 },
    });
    page = await openKiosk(e2e);
  });
  afterEach(async () => backToIdle(e2e, page));
  afterAll(async () => e2e?.stop());

  /** The take-card screen stays while the card lies there, with no "returning to the first screen" offer. */
  async function takeCardUntilLifted(): Promise<void> {
    await waitForScreen(page, 'take-card', 15_000);
    expect(await heading(page)).toBe('カードをお取りください');
    // Longer than every timeout of this kiosk: still waiting for the card, nothing offered.
    await page.waitForTimeout(11_000);
    expect(await page.locator('[data-screen="take-card"]').isVisible()).toBe(true);
    expect(await page.locator('.inactivity-notice').count()).toBe(0);
    expect(await page.getByRole('button').count()).toBe(0);
    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'idle');
  }

  it('result timeout with the card on the reader: a chime and the spoken reminder', async () => {
    // Page-side code as source text (this file is compiled without the DOM library): count the chime's
    // notes and record what is spoken (headless Chromium has no voices: a Japanese one is offered).
    await page.addInitScript(
      'window.notes = 0; const Base = window.AudioContext; window.AudioContext = class extends Base { createOscillator() { window.notes += 1; return super.createOscillator(); } }; window.spoken = []; window.speechSynthesis.getVoices = () => [{ lang: "ja-JP" }]; window.speechSynthesis.speak = (u) => { window.spoken.push(u.text); };',
    );
    await page.reload();
    await waitForScreen(page, 'idle');
    await e2e.ipc.call('preferences.set', { voice: true });
    await checkInToResult(e2e, page, 'p01');
    await waitForScreen(page, 'take-card', 15_000);
    await captureScreen(page, 'take-card', 'patient-take-card-left');
    await expect.poll(() => page.evaluate<number>('window.notes')).toBeGreaterThan(0);
    await expect
      .poll(() => page.evaluate<string>('window.spoken.join("|")'))
      .toContain('カードが読み取り機の上に残っています。');
    await takeCardUntilLifted();
  });

  it('やめる on the PIN pad', async () => {
    await presentCard(e2e, 'p02');
    await waitForScreen(page, 'pin');
    await page.getByRole('button', { name: 'やめる' }).click();
    await takeCardUntilLifted();
  });

  it('PIN timeout', async () => {
    await presentCard(e2e, 'p03');
    await waitForScreen(page, 'pin');
    await takeCardUntilLifted();
  });

  it('an error: readable, then take-card once its time is up', async () => {
    await presentCard(e2e, 'p01', 'not-my-number');
    await waitForScreen(page, 'error');
    expect(await page.getByText('カードをお取りください。').count()).toBe(1);
    await takeCardUntilLifted();
  });

  it('an error stays readable after the card is taken, then idle', async () => {
    await presentCard(e2e, 'p01', 'not-my-number');
    await waitForScreen(page, 'error');
    await e2e.ipc.call('sim.remove', {});
    await expect.poll(() => page.getByText('カードをお取りください。').count()).toBe(0);
    expect(await page.locator('.error-message').textContent()).toBe('このカードは使えません。');
    await waitForScreen(page, 'idle', 10_000);
  });

  it('登録しない: a neutral notice of what to do next, no staff code, then take-card', async () => {
    await presentCard(e2e, 'p17');
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'registration');
    await page.getByRole('button', { name: '登録しない' }).click();
    await captureScreen(page, 'registration-declined', 'patient-registration-declined');
    expect(await heading(page)).toBe('保険証の利用登録はしませんでした');
    expect(await page.locator('.screen-instruction').textContent()).toBe(
      '受付で、資格確認書などをお見せください。',
    );
    expect(await page.locator('[data-error-code]').count()).toBe(0);
    await takeCardUntilLifted();
  });

  it('lifted during the PIN, the same card put back: the PIN pad again, in the language chosen', async () => {
    await e2e.ipc.call('preferences.set', { language: 'en', largeText: true });
    await presentCard(e2e, 'p04');
    await waitForScreen(page, 'pin');
    await enterPin(page, cardPin.slice(0, 2));
    await e2e.ipc.call('sim.remove', {});
    await captureScreen(page, 'card-lifted', 'patient-card-lifted');
    expect(await heading(page)).toBe('Your card was removed');
    await presentCard(e2e, 'p04');
    await waitForScreen(page, 'pin');
    expect(await heading(page)).toBe('Please enter your PIN');
    expect(await page.evaluate('document.documentElement.classList.contains("large-text")')).toBe(true);
    await enterPin(page, cardPin);
    await submitPin(page);
    await waitForScreen(page, 'consent');
  });

  it('lifted during the PIN, a different card: a fresh start in the clinic language', async () => {
    await e2e.ipc.call('preferences.set', { language: 'en' });
    await presentCard(e2e, 'p05');
    await waitForScreen(page, 'pin');
    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'card-lifted');
    await presentCard(e2e, 'p06');
    await waitForScreen(page, 'pin');
    await expect.poll(() => heading(page)).toBe('暗証番号を入力してください');
  });

  it('lifted and not put back: idle once card.resume has passed', async () => {
    await presentCard(e2e, 'p07');
    await waitForScreen(page, 'pin');
    await e2e.ipc.call('sim.remove', {});
    await waitForScreen(page, 'card-lifted');
    expect(await page.getByText('10秒以内に置くと、続きから進められます。').count()).toBe(1);
    await waitForScreen(page, 'idle', 15_000);
  });
});
