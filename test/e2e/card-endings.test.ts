// Every ending with the card on the reader ends on take-card until it is taken; a card lifted mid-way and put back.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../support/requirements';
import {
  captureScreen,
  cardPin,
  checkInToResult,
  enterPin,
  kioskPage,
  presentCard,
  submitPin,
} from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

const heading = (page: Page): Promise<string | null> => page.getByRole('heading', { level: 1 }).textContent();

describe.runIf(hasChromium())('card endings', () => {
  // The shortest timeouts the settings allow, so the endings come quickly.
  const under = kioskPage({
    timeouts: { pin: 10, result: 5, error: 5, takeCard: 5 },
    card: { resume: 10, afterLift: 5 },
  });

  /** The take-card screen stays while the card lies there, with no "returning to the first screen" offer. */
  async function takeCardUntilLifted(): Promise<void> {
    await waitForScreen(under.page, 'take-card', 15_000);
    expect(await heading(under.page)).toBe('カードをお取りください');
    // Longer than every timeout of this kiosk: still waiting for the card, nothing offered.
    await under.page.waitForTimeout(11_000);
    expect(await under.page.locator('[data-screen="take-card"]').isVisible()).toBe(true);
    expect(await under.page.locator('.inactivity-notice').count()).toBe(0);
    expect(await under.page.getByRole('button').count()).toBe(0);
    await under.e2e.ipc.call('sim.remove', {});
    await waitForScreen(under.page, 'idle');
  }

  it('result timeout with the card on the reader: a chime and the spoken reminder', async () => {
    // Page-side code as source text (this file is compiled without the DOM library): count the chime's
    // notes and record what is spoken (headless Chromium has no voices: a Japanese one is offered).
    await under.page.addInitScript(
      'window.notes = 0; const Base = window.AudioContext; window.AudioContext = class extends Base { createOscillator() { window.notes += 1; return super.createOscillator(); } }; window.spoken = []; window.speechSynthesis.getVoices = () => [{ lang: "ja-JP" }]; window.speechSynthesis.speak = (u) => { window.spoken.push(u.text); };',
    );
    await under.page.reload();
    await waitForScreen(under.page, 'idle');
    await under.e2e.ipc.call('preferences.set', { voice: true });
    await checkInToResult(under.e2e, under.page, 'p01');
    await waitForScreen(under.page, 'take-card', 15_000);
    await captureScreen(under.page, 'take-card', 'patient-take-card-left');
    await expect.poll(() => under.page.evaluate<number>('window.notes')).toBeGreaterThan(0);
    await expect
      .poll(() => under.page.evaluate<string>('window.spoken.join("|")'))
      .toContain('カードが読み取り機の上に残っています。');
    await takeCardUntilLifted();
  });

  it('やめる on the PIN pad', async () => {
    await presentCard(under.e2e, 'p02');
    await waitForScreen(under.page, 'pin');
    await under.page.getByRole('button', { name: 'やめる' }).click();
    await takeCardUntilLifted();
  });

  it('PIN timeout', async () => {
    await presentCard(under.e2e, 'p03');
    await waitForScreen(under.page, 'pin');
    await takeCardUntilLifted();
  });

  it('an error: readable, then take-card once its time is up', async () => {
    await presentCard(under.e2e, 'p01', 'not-my-number');
    await waitForScreen(under.page, 'error');
    expect(await under.page.getByText('カードをお取りください。').count()).toBe(1);
    await takeCardUntilLifted();
  });

  it('an error stays readable after the card is taken, then idle', async () => {
    await presentCard(under.e2e, 'p01', 'not-my-number');
    await waitForScreen(under.page, 'error');
    await under.e2e.ipc.call('sim.remove', {});
    await expect.poll(() => under.page.getByText('カードをお取りください。').count()).toBe(0);
    expect(await under.page.locator('.error-message').textContent()).toBe('このカードは使えません。');
    await waitForScreen(under.page, 'idle', 10_000);
  });

  it('登録しない: a neutral notice of what to do next, no staff code, then take-card', async () => {
    await presentCard(under.e2e, 'p17');
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'registration');
    await under.page.getByRole('button', { name: '登録しない' }).click();
    await captureScreen(under.page, 'registration-declined', 'patient-registration-declined');
    expect(await heading(under.page)).toBe('保険証の利用登録はしませんでした');
    expect(await under.page.locator('.screen-instruction').textContent()).toBe(
      '受付で、資格確認書などをお見せください。',
    );
    expect(await under.page.locator('[data-error-code]').count()).toBe(0);
    await takeCardUntilLifted();
  });

  it('lifted during the PIN, the same card put back: the PIN pad again, in the language chosen', async () => {
    await under.e2e.ipc.call('preferences.set', { language: 'en', largeText: true });
    await presentCard(under.e2e, 'p04');
    await waitForScreen(under.page, 'pin');
    await enterPin(under.page, cardPin.slice(0, 2));
    await under.e2e.ipc.call('sim.remove', {});
    await captureScreen(under.page, 'card-lifted', 'patient-card-lifted');
    expect(await heading(under.page)).toBe('Your card was removed');
    await presentCard(under.e2e, 'p04');
    await waitForScreen(under.page, 'pin');
    expect(await heading(under.page)).toBe('Please enter your PIN');
    expect(await under.page.evaluate('document.documentElement.classList.contains("large-text")')).toBe(true);
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'consent');
  });

  it('lifted during the PIN, a different card: a fresh start in the clinic language', async () => {
    await under.e2e.ipc.call('preferences.set', { language: 'en' });
    await presentCard(under.e2e, 'p05');
    await waitForScreen(under.page, 'pin');
    await under.e2e.ipc.call('sim.remove', {});
    await waitForScreen(under.page, 'card-lifted');
    await presentCard(under.e2e, 'p06');
    await waitForScreen(under.page, 'pin');
    await expect.poll(() => heading(under.page)).toBe('暗証番号を入力してください');
  });

  it('lifted and not put back: idle once card.resume has passed', async () => {
    await presentCard(under.e2e, 'p07');
    await waitForScreen(under.page, 'pin');
    await under.e2e.ipc.call('sim.remove', {});
    await waitForScreen(under.page, 'card-lifted');
    expect(await under.page.getByText('10秒以内に置くと、続きから進められます。').count()).toBe(1);
    await waitForScreen(under.page, 'idle', 15_000);
  });
});
