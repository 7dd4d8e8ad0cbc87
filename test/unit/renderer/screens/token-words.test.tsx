// Words true to the token in hand: no-PIN cards, phones, locked PINs, and the tries left before the first entry.
import { act, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { languages, type Language, type Screen } from '../../../../electron/common/contract';
import { translator } from '../../../../renderer/i18n/catalogs';
import { I18nContext } from '../../../../renderer/i18n/i18n-context';
import { ChooseAuthScreen } from '../../../../renderer/screens/choose-auth/ChooseAuthScreen';
import { ErrorScreen } from '../../../../renderer/screens/error/ErrorScreen';
import type { PatientIntents } from '../../../../renderer/screens/patient-intents';
import { PinScreen } from '../../../../renderer/screens/pin/PinScreen';
import { ResultScreen } from '../../../../renderer/screens/result/ResultScreen';
import { MiniDocument, MiniWindow, type MiniElement } from '../support/mini-dom';

type Of<N extends Screen['name']> = Extract<Screen, { name: N }>;

const calls: string[] = [];
const intents: PatientIntents = {
  chooseAuth: (method) => calls.push(`chooseAuth:${method}`),
  submitPin: () => calls.push('submitPin'),
  answerRegistration: () => calls.push('answerRegistration'),
  consentAll: () => calls.push('consentAll'),
  consentChoose: () => calls.push('consentChoose'),
  consentDone: () => calls.push('consentDone'),
  chooseLimit: () => calls.push('chooseLimit'),
  resultDone: () => calls.push('resultDone'),
  cancel: () => calls.push('cancel'),
};

const pin = (over: Partial<Of<'pin'>> = {}): Of<'pin'> => ({
  name: 'pin',
  tokenKind: 'card',
  triesLeft: 3,
  lastTry: false,
  wrong: false,
  ...over,
});

/** The screen's markup, with the entities React writes for quotes turned back into text. */
function render(element: ReactElement, language: Language = 'ja'): string {
  return renderToStaticMarkup(
    <I18nContext.Provider value={{ language, t: translator(language) }}>{element}</I18nContext.Provider>,
  )
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const pinScreen = (screen: Of<'pin'>) => (
  <PinScreen screen={screen} voice={false} intents={intents} onActivity={() => undefined} />
);

describe('tries left before the first PIN entry', () => {
  it('shows the count plainly as soon as the card has reported it', () => {
    const html = render(pinScreen(pin({ triesLeft: 3 })));
    expect(html).toContain('data-pin-tries="3"');
    expect(html).toContain('あと3回入力できます。');
    // Not a warning: nothing went wrong yet.
    expect(html).not.toContain('data-pin-warning');
  });

  it('shows nothing while the count is still being read', () => {
    expect(render(pinScreen(pin({ triesLeft: null })))).not.toContain('data-pin-tries');
  });

  it.each(languages)('in %s the count is in the text', (language) => {
    expect(render(pinScreen(pin({ triesLeft: 2 })), language)).toContain(
      translator(language)('pin.triesLeft', { count: 2 }),
    );
  });
});

describe('no-PIN cards and locked PINs', () => {
  it('a 顔認証マイナンバーカード is told it has no PIN, not that it is locked', () => {
    const html = render(
      <ChooseAuthScreen
        screen={{ name: 'choose-auth', reason: 'no-pin', options: ['visual'] }}
        voice={false}
        intents={intents}
      />,
    );
    expect(html).toContain('data-reason="no-pin"');
    expect(html).toContain('暗証番号を使わないカード');
    expect(html).not.toContain('ロック');
  });

  it.each(languages)('in %s a locked phone is told its own words, apart from a card', (language) => {
    const t = translator(language);
    const html = render(
      <ErrorScreen
        screen={{ name: 'error', reason: 'phone-pin-locked', code: 'card.pin-locked', cardPresent: true }}
        voice={false}
        intents={intents}
      />,
      language,
    );
    expect(html).toContain(t('error.phone-pin-locked'));
    expect(html).toContain(t('error.phone-pin-locked.next'));
    expect(t('error.phone-pin-locked')).not.toBe(t('error.pin-locked'));
  });

  it('the lock words in Japanese speak of the PIN, never of the card being locked', () => {
    const ja = translator('ja');
    for (const key of [
      'chooseAuth.pin-locked.heading',
      'chooseAuth.last-try.instruction',
      'pin.lastTry',
      'error.pin-locked',
    ] as const) {
      expect(ja(key), key).toContain('暗証番号');
      expect(ja(key), key).not.toMatch(/カードが(ロック|ロックされ)/);
    }
    expect(ja('error.phone-pin-locked')).toContain('スマートフォン');
  });
});

describe('暗証番号を忘れた方 on a phone', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    calls.length = 0;
  });

  async function mount(screen: Of<'pin'>) {
    const doc = new MiniDocument();
    vi.stubGlobal('IS_REACT_ACT_ENVIRONMENT', true);
    vi.stubGlobal('window', new MiniWindow(doc, ''));
    vi.stubGlobal('document', doc);
    const container = doc.createElement('div');
    doc.body.appendChild(container);
    const root = createRoot(container as unknown as HTMLElement);
    const ja = translator('ja');
    await act(async () =>
      root.render(
        <I18nContext.Provider value={{ language: 'ja', t: ja }}>{pinScreen(screen)}</I18nContext.Provider>,
      ),
    );
    const button = (label: string): MiniElement => {
      const found = container.findAll((e) => e.tagName === 'BUTTON' && e.textContent === label)[0];
      if (!found) throw new Error(`no button ${label}`);
      return found;
    };
    const screenName = (): string | null =>
      container.findAll((e) => e.getAttribute('data-screen') !== null)[0]?.getAttribute('data-screen') ??
      null;
    return {
      ja,
      container,
      button,
      screenName,
      tap: (label: string) => act(async () => button(label).click()),
      unmount: () => act(async () => root.unmount()),
    };
  }

  it.each(['android', 'iphone'] as const)(
    '%s: leads to a screen saying what the desk can do, and back to the pad',
    async (tokenKind) => {
      const kiosk = await mount(pin({ tokenKind }));
      await kiosk.tap(kiosk.ja('pin.forgot'));
      expect(kiosk.screenName()).toBe('pin-phone-forgot');
      expect(calls).toEqual([]);
      const text = kiosk.container.textContent;
      expect(text).toContain(kiosk.ja('pin.phoneForgot.noVisual'));
      expect(text).toContain(kiosk.ja('pin.phoneForgot.card'));
      await kiosk.tap(kiosk.ja('pin.phoneForgot.back'));
      expect(kiosk.screenName()).toBe('pin');
      await kiosk.tap(kiosk.ja('pin.forgot'));
      await kiosk.tap(kiosk.ja('common.cancel'));
      expect(calls).toEqual(['cancel']);
      await kiosk.unmount();
    },
  );

  it('a physical card asks for the staff check, as before', async () => {
    const kiosk = await mount(pin({ tokenKind: 'card' }));
    await kiosk.tap(kiosk.ja('pin.forgot'));
    expect(calls).toEqual(['chooseAuth:visual']);
    await kiosk.unmount();
  });
});

describe('values on the result screen', () => {
  const result: Of<'result'> = {
    name: 'result',
    outcome: 'confirmed',
    person: { name: '試験　太郎', nameNeedsStaffCheck: false, copayTenths: 3, limitLabel: '区分ウ' },
    notices: [],
    eligibilityOnly: false,
    receptionNumber: 5,
  };

  it('shows the 限度額 class in the patient language, marked with that language', () => {
    const en = render(<ResultScreen screen={result} voice={false} intents={intents} />, 'en');
    expect(en).toContain('<dd lang="en" data-limit-label="true">Category C</dd>');
    expect(en).not.toContain('区分ウ');
    const ja = render(<ResultScreen screen={result} voice={false} intents={intents} />, 'ja');
    expect(ja).toContain('<dd lang="ja" data-limit-label="true">区分ウ</dd>');
  });
});
