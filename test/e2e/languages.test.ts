// Each language end to end, large text and voice guidance, in Chromium.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { languages, type Language } from '../../electron/common/contract';
import { hasChromium } from '../support/requirements';
import { captureScreen, cardPin, enterPin, kioskPage, presentCard, submitPin } from './support/checkin-flow';
import { waitForScreen } from './support/kiosk-page';

/** What a patient sees in each language: the language button, headings and buttons along the way. */
const expected: Record<
  Language,
  {
    button: string;
    idle: string;
    pin: string;
    ok: string;
    consent: string;
    all: string;
    result: string;
    finish: string;
    takeCard: string;
  }
> = {
  ja: {
    button: '日本語',
    idle: 'カードを置いてください',
    pin: '暗証番号を入力してください',
    ok: '確定',
    consent: '情報の提供に同意しますか',
    all: 'まとめて同意する',
    result: '確認できました',
    finish: '終わる',
    takeCard: 'カードをお取りください',
  },
  en: {
    button: 'English',
    idle: 'Please place your card',
    pin: 'Please enter your PIN',
    ok: 'OK',
    consent: 'Do you agree to share your information?',
    all: 'Agree to all',
    result: 'Check-in complete',
    finish: 'Finish',
    takeCard: 'Please take your card',
  },
  'zh-Hans': {
    button: '简体中文',
    idle: '请放置您的卡',
    pin: '请输入密码',
    ok: '确定',
    consent: '您是否同意提供信息？',
    all: '全部同意',
    result: '确认完成',
    finish: '结束',
    takeCard: '请取回您的卡',
  },
  ko: {
    button: '한국어',
    idle: '카드를 올려 주세요',
    pin: '비밀번호를 입력해 주세요',
    ok: '확인',
    consent: '정보 제공에 동의하십니까?',
    all: '모두 동의',
    result: '확인되었습니다',
    finish: '마치기',
    takeCard: '카드를 가져가 주세요',
  },
  vi: {
    button: 'Tiếng Việt',
    idle: 'Vui lòng đặt thẻ',
    pin: 'Vui lòng nhập mã PIN',
    ok: 'Xác nhận',
    consent: 'Quý vị có đồng ý cung cấp thông tin không?',
    all: 'Đồng ý tất cả',
    result: 'Đã xác nhận xong',
    finish: 'Kết thúc',
    takeCard: 'Vui lòng lấy thẻ',
  },
};

const heading = (page: Page): Promise<string | null> => page.getByRole('heading', { level: 1 }).textContent();

describe.runIf(hasChromium())('languages, large text and voice guidance', () => {
  const under = kioskPage();

  it.each(languages)('runs a check-in in %s', async (language) => {
    const text = expected[language];
    await under.page.getByRole('button', { name: text.button }).click();
    await expect.poll(() => heading(under.page)).toBe(text.idle);
    await captureScreen(under.page, 'idle', `patient-idle-${language}`);

    await presentCard(under.e2e, 'p01');
    await waitForScreen(under.page, 'pin');
    expect(await heading(under.page)).toBe(text.pin);
    expect(await under.page.locator('.pin-key-submit').textContent()).toBe(text.ok);
    await captureScreen(under.page, 'pin', `patient-pin-${language}`);
    await enterPin(under.page, cardPin);
    await submitPin(under.page);
    await waitForScreen(under.page, 'consent');
    expect(await heading(under.page)).toBe(text.consent);
    await captureScreen(under.page, 'consent', `patient-consent-${language}`);
    await under.page.getByRole('button', { name: text.all }).click();
    await waitForScreen(under.page, 'result');
    expect(await heading(under.page)).toBe(text.result);
    await captureScreen(under.page, 'result', `patient-result-${language}`);
    await under.page.getByRole('button', { name: text.finish }).click();
    await waitForScreen(under.page, 'take-card');
    expect(await heading(under.page)).toBe(text.takeCard);
    await under.e2e.ipc.call('sim.remove', {});
    // A new patient starts in the clinic's default language.
    await waitForScreen(under.page, 'idle');
    await expect.poll(() => heading(under.page)).toBe(expected.ja.idle);
  });

  it('enlarges text and speaks each screen’s instruction when switched on', async () => {
    // Page-side code as source text (this file is compiled without the DOM library): record what is spoken.
    await under.page.addInitScript(
      // Headless Chromium has no voices: a Japanese one is offered, since the kiosk speaks only with one.
      'window.spoken = []; window.speechSynthesis.getVoices = () => [{ lang: "ja-JP" }]; window.speechSynthesis.speak = (u) => { window.spoken.push(u.lang + "|" + u.text); };',
    );
    await under.page.reload();
    await waitForScreen(under.page, 'idle');
    const fontSize = (): Promise<string> =>
      under.page.evaluate<string>('getComputedStyle(document.querySelector("h1")).fontSize');
    const normal = parseFloat(await fontSize());
    await under.page.getByRole('button', { name: /文字を大きく/ }).click();
    await expect.poll(async () => parseFloat(await fontSize())).toBeGreaterThan(normal * 1.2);
    await under.page.getByRole('button', { name: /音声案内/ }).click();
    await captureScreen(under.page, 'idle', 'patient-idle-large-text');

    await presentCard(under.e2e, 'p02');
    await waitForScreen(under.page, 'pin');
    await captureScreen(under.page, 'pin', 'patient-pin-large-text');
    const spoken = (): Promise<string[]> => under.page.evaluate<string[]>('window.spoken');
    await expect
      .poll(async () => (await spoken()).some((s) => s.startsWith('ja-JP|暗証番号を入力してください')))
      .toBe(true);
    // The PIN itself is never spoken.
    await enterPin(under.page, cardPin);
    expect((await spoken()).some((s) => s.includes(cardPin))).toBe(false);
  });
});
