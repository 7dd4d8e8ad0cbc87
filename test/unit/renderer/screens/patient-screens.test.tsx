// Every patient screen of the contract renders the core's snapshot in every language, and every tap sends its intent.
import { act, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { languages, Screen, type Language, type ScreenName } from '../../../../electron/common/contract';
import { languageNames, translator } from '../../../../renderer/i18n/catalogs';
import { I18nContext } from '../../../../renderer/i18n/i18n-context';
import { CardLiftedScreen } from '../../../../renderer/screens/card-lifted/CardLiftedScreen';
import { ChooseAuthScreen } from '../../../../renderer/screens/choose-auth/ChooseAuthScreen';
import { ConsentScreen } from '../../../../renderer/screens/consent/ConsentScreen';
import { ErrorScreen } from '../../../../renderer/screens/error/ErrorScreen';
import { IdleScreen } from '../../../../renderer/screens/idle/IdleScreen';
import { LimitConsentScreen } from '../../../../renderer/screens/limit-consent/LimitConsentScreen';
import { OutOfServiceScreen } from '../../../../renderer/screens/out-of-service/OutOfServiceScreen';
import type { PatientIntents } from '../../../../renderer/screens/patient-intents';
import { PinScreen } from '../../../../renderer/screens/pin/PinScreen';
import { ProcessingScreen } from '../../../../renderer/screens/processing/ProcessingScreen';
import { ReadingScreen } from '../../../../renderer/screens/reading/ReadingScreen';
import { RegistrationScreen } from '../../../../renderer/screens/registration/RegistrationScreen';
import { RegistrationDeclinedScreen } from '../../../../renderer/screens/registration-declined/RegistrationDeclinedScreen';
import { ResultScreen } from '../../../../renderer/screens/result/ResultScreen';
import { TakeCardScreen } from '../../../../renderer/screens/take-card/TakeCardScreen';
import { VisualWaitScreen } from '../../../../renderer/screens/visual-wait/VisualWaitScreen';
import { type MiniElement } from '../support/mini-dom';
import { kioskSnapshot, mountKioskApp } from '../support/mount-kiosk-app';

/** Every screen name of the contract's Screen union, read from the schema itself. */
const screenNames: ScreenName[] = Screen.options.map((option) => option.shape.name.value);

const noop = (): void => undefined;
const intents: PatientIntents = {
  chooseAuth: noop,
  submitPin: noop,
  answerRegistration: noop,
  consentAll: noop,
  consentChoose: noop,
  consentDone: noop,
  chooseLimit: noop,
  resultDone: noop,
  cancel: noop,
};

type Of<N extends Screen['name']> = Extract<Screen, { name: N }>;

function render(element: ReactElement, language: Language = 'ja'): string {
  return renderToStaticMarkup(
    <I18nContext.Provider value={{ language, t: translator(language) }}>{element}</I18nContext.Provider>,
  );
}

const pin = (over: Partial<Of<'pin'>> = {}): Of<'pin'> => ({
  name: 'pin',
  tokenKind: 'card',
  triesLeft: 3,
  lastTry: false,
  wrong: false,
  ...over,
});

const result: Of<'result'> = {
  name: 'result',
  outcome: 'needs-attention',
  person: { name: '試験　●子', nameNeedsStaffCheck: true, copayTenths: 3, limitLabel: '区分ウ' },
  notices: ['name-needs-check', 'validity-multiple'],
  eligibilityOnly: true,
  receptionNumber: 27,
};

/** One rendering per screen of the contract; keyed by name, so a new screen does not compile without one. */
const everyScreen = (): Record<ScreenName, ReactElement> => ({
  idle: (
    <IdleScreen
      preferences={{ language: 'ja', largeText: false, voice: false }}
      languages={languages}
      onPreferences={noop}
      onStaff={noop}
    />
  ),
  'out-of-service': (
    <OutOfServiceScreen screen={{ name: 'out-of-service', reason: 'reader-down' }} voice={false} />
  ),
  reading: <ReadingScreen voice={false} />,
  pin: (
    <PinScreen
      screen={pin({ wrong: true, triesLeft: 2 })}
      voice={false}
      intents={intents}
      onActivity={noop}
    />
  ),
  'choose-auth': (
    <ChooseAuthScreen
      screen={{ name: 'choose-auth', reason: 'last-try', options: ['pin', 'visual'] }}
      voice={false}
      intents={intents}
    />
  ),
  'visual-wait': <VisualWaitScreen voice={false} intents={intents} />,
  registration: <RegistrationScreen voice={false} intents={intents} />,
  consent: (
    <ConsentScreen
      screen={{ name: 'consent', items: ['medication', 'checkup', 'diagnosis', 'surgery'], choices: {} }}
      voice={false}
      intents={intents}
    />
  ),
  'limit-consent': <LimitConsentScreen voice={false} intents={intents} />,
  processing: <ProcessingScreen screen={{ name: 'processing', step: 'confirming' }} voice={false} />,
  result: <ResultScreen screen={result} voice={false} intents={intents} />,
  'take-card': <TakeCardScreen voice={false} />,
  'card-lifted': (
    <CardLiftedScreen screen={{ name: 'card-lifted', resumeSeconds: 30 }} voice={false} intents={intents} />
  ),
  'registration-declined': (
    <RegistrationDeclinedScreen
      screen={{ name: 'registration-declined', cardPresent: true }}
      voice={false}
      intents={intents}
    />
  ),
  error: (
    <ErrorScreen
      screen={{ name: 'error', reason: 'gateway-timeout', code: 'gateway.timeout', cardPresent: false }}
      voice={false}
      intents={intents}
    />
  ),
});

describe('patient screens', () => {
  it('cover every screen of the contract', () => {
    expect(screenNames).toHaveLength(Screen.options.length);
    expect(Object.keys(everyScreen()).sort()).toEqual([...screenNames].sort());
  });

  it.each(languages)('render in %s with every text filled in', (language) => {
    for (const [name, element] of Object.entries(everyScreen())) {
      const html = render(element, language);
      expect(html, name).toContain(`data-screen="${name}"`);
      expect(html, name).toMatch(/<h1 id="screen-heading" class="screen-heading">[^<]+<\/h1>/);
      expect(html, name).not.toMatch(/\{\w+\}|undefined/);
    }
  });

  it('PIN pad: masked dots, big keys 0–9, 訂正 and 確定; tries left after a wrong PIN', () => {
    const html = render(
      <PinScreen
        screen={pin({ wrong: true, triesLeft: 2 })}
        voice={false}
        intents={intents}
        onActivity={noop}
      />,
    );
    expect(html.match(/class="button pin-key"/g)).toHaveLength(10);
    expect(html).toContain('訂正');
    expect(html).toContain('確定');
    expect(html.match(/class="pin-dot"/g)).toHaveLength(4);
    expect(html).toContain('暗証番号が違います。');
    expect(html).toContain('あと2回入力できます。');
  });

  it('PIN pad on the last try warns that one more mistake locks the PIN', () => {
    const html = render(
      <PinScreen
        screen={pin({ lastTry: true, triesLeft: 1 })}
        voice={false}
        intents={intents}
        onActivity={noop}
      />,
    );
    expect(html).toContain('data-pin-warning="last-try"');
    expect(html).toContain('あと1回間違えると暗証番号がロックされます。');
  });

  it('a locked card is offered only the staff check', () => {
    const html = render(
      <ChooseAuthScreen
        screen={{ name: 'choose-auth', reason: 'pin-locked', options: ['visual'] }}
        voice={false}
        intents={intents}
      />,
    );
    // The PIN is what locks (oqs-and-insurance.md §3), not the card: it still works with 目視確認.
    expect(html).toContain('暗証番号がロックされています');
    expect(html).not.toContain('カードがロックされています');
    expect(html).toContain('職員に確認してもらう');
    expect(html).not.toContain('暗証番号を入力する');
  });

  it('consent shows まとめて同意 first, and item by item once a choice exists', () => {
    const summary = render(
      <ConsentScreen
        screen={{ name: 'consent', items: ['medication', 'checkup'], choices: {} }}
        voice={false}
        intents={intents}
      />,
    );
    expect(summary).toContain('data-consent-mode="summary"');
    expect(summary).toContain('まとめて同意する');
    const items = render(
      <ConsentScreen
        screen={{ name: 'consent', items: ['medication', 'checkup'], choices: { medication: false } }}
        voice={false}
        intents={intents}
      />,
    );
    expect(items).toContain('data-consent-mode="items"');
    expect(items).toContain('data-consent-value="false"');
    expect(items).toContain('data-consent-value="undefined"');
    // 決定 stays disabled until every item has a choice.
    expect(items).toMatch(
      /<button type="button" class="button button-primary button-wide" disabled="">決定<\/button>/,
    );
  });

  it('result: name, copay, 限度額 class, reception number and plain-word notices', () => {
    const ja = render(<ResultScreen screen={result} voice={false} intents={intents} />);
    expect(ja).toContain('試験　●子');
    expect(ja).toContain('3割');
    expect(ja).toContain('区分ウ');
    expect(ja).toContain('data-reception-number="27"');
    expect(ja).toContain('受付でお名前のふりがなを確認します。');
    expect(ja).toContain('受付で、どの保険を使うか確認します。');
    expect(ja).toContain('今回は、情報提供の同意はお受けしていません。');
    const en = render(<ResultScreen screen={result} voice={false} intents={intents} />, 'en');
    expect(en).toContain('30%');
  });

  it.each(languages)(
    'result in %s without copay and 限度額 (the default): nothing financial on screen',
    (language) => {
      const t = translator(language);
      const plain: Of<'result'> = {
        name: 'result',
        outcome: 'confirmed',
        person: { name: '試験　太郎', nameNeedsStaffCheck: false },
        notices: [],
        eligibilityOnly: false,
        receptionNumber: 8,
      };
      const html = render(<ResultScreen screen={plain} voice={false} intents={intents} />, language);
      expect(html).toContain('data-person-name');
      expect(html).toContain('試験　太郎');
      expect(html).toContain('data-reception-number="8"');
      expect(html).toContain(t('result.confirmed.heading'));
      for (const financial of ['data-copay', 'data-limit-label', t('result.copay'), t('result.limitClass')]) {
        expect(html).not.toContain(financial);
      }
    },
  );

  it('limit-consent asks whether the desk may use the information it receives anyway, and what each answer means', () => {
    const html = render(<LimitConsentScreen voice={false} intents={intents} />);
    expect(html).toContain('限度額の情報を、窓口でのお支払いに使ってもよろしいですか。');
    expect(html).toContain('ご加入の医療保険からこの医療機関に届きます。');
    expect(html).toContain('使う場合：');
    expect(html).toContain('使わない場合：');
    expect(html).toContain('>使ってよい<');
    expect(html).toContain('>使わない<');
    // The old wording asked to provide the information, which the system now does without asking.
    expect(html).not.toContain('提供');
  });

  it('registration terms hold on both identity routes: nothing about the PIN being required', () => {
    for (const language of languages) {
      const html = render(<RegistrationScreen voice={false} intents={intents} />, language);
      expect(html, language).toContain(translator(language)('registration.terms3'));
    }
    const ja = render(<RegistrationScreen voice={false} intents={intents} />);
    expect(ja).not.toContain('暗証番号');
  });

  it('validity 6 speaks of the 医療扶助 medical ticket, not of 保険証利用登録', () => {
    const screen: Of<'result'> = {
      name: 'result',
      outcome: 'needs-attention',
      notices: ['validity-unregistered'],
      eligibilityOnly: false,
      receptionNumber: 5,
    };
    const ja = render(<ResultScreen screen={screen} voice={false} intents={intents} />);
    expect(ja).toContain('医療扶助');
    expect(ja).toContain('医療券');
    expect(ja).not.toContain('利用登録');
    const en = render(<ResultScreen screen={screen} voice={false} intents={intents} />, 'en');
    expect(en).toContain('medical ticket');
  });

  it('error: plain message, what to do, the code for staff, and the card reminder', () => {
    const html = render(
      <ErrorScreen
        screen={{
          name: 'error',
          reason: 'not-my-number-card',
          code: 'card.not-my-number-card',
          cardPresent: true,
        }}
        voice={false}
        intents={intents}
      />,
    );
    expect(html).toContain('このカードは使えません。');
    expect(html).toContain('マイナ保険証か、資格確認書を受付にお出しください。');
    expect(html).toContain('data-error-code="card.not-my-number-card"');
    expect(html).toContain('カードをお取りください。');
  });
});

// ---------------------------------------------------------------------------------------------
// Taps: the kiosk page mounted on an in-memory document, every button of a screen clicked, the bridge watched.
// ---------------------------------------------------------------------------------------------

/** What a tap did: an invoke on the bridge, a navigation, or nothing (a control with state of its own). */
type Sent = { invoke: string; request: unknown } | { navigate: string };
/** What tapping one button did; `disabled` when the button takes no tap yet. */
type Tap = [label: string, sent: Sent[] | 'disabled'];

const ja = translator('ja');
const send = (invoke: string, request: unknown = {}): Sent => ({ invoke, request });
const cancel: Tap = [ja('common.cancel'), [send('session.cancel')]];

interface Mounted {
  container: MiniElement;
  sent: Sent[];
  buttons(): MiniElement[];
  tap(button: MiniElement): Promise<void>;
  unmount(): Promise<void>;
}

/** Mounts KioskApp with a bridge whose snapshot shows `screen`; records every invoke after the first snapshot. */
async function mountKiosk(screen: Screen): Promise<Mounted> {
  const invoked: Sent[] = [];
  const { container, win, root } = await mountKioskApp(kioskSnapshot({ screen }), (channel, request) =>
    invoked.push(send(channel, request)),
  );
  expect(invoked).toEqual([send('renderer.ready')]);
  const sent: Sent[] = [];
  invoked.length = 0;
  const collect = (): void => {
    sent.push(...invoked.splice(0), ...win.assigned.splice(0).map((url) => ({ navigate: url })));
  };
  return {
    container,
    sent,
    buttons: () => container.findAll((element) => element.tagName === 'BUTTON'),
    async tap(button) {
      await act(async () => button.click());
      collect();
    },
    unmount: () => act(async () => root.unmount()),
  };
}

/** Taps every button of the screen, each on a fresh mount, and says what each tap sent. */
async function tapEach(screen: Screen): Promise<Tap[]> {
  const first = await mountKiosk(screen);
  expect(first.container.findAll((e) => e.getAttribute('data-screen') === screen.name)).toHaveLength(1);
  const count = first.buttons().length;
  await first.unmount();
  const taps: Tap[] = [];
  for (let index = 0; index < count; index += 1) {
    const kiosk = await mountKiosk(screen);
    const button = kiosk.buttons()[index];
    if (!button) throw new Error(`button ${index} of ${screen.name} is gone`);
    const label = button.textContent;
    if (button.disabled) taps.push([label, 'disabled']);
    else {
      await kiosk.tap(button);
      taps.push([label, [...kiosk.sent]]);
    }
    await kiosk.unmount();
  }
  return taps;
}

const sorted = (taps: Tap[]): Tap[] =>
  [...taps].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const consentScreen = (choices: Of<'consent'>['choices']): Of<'consent'> => ({
  name: 'consent',
  items: ['medication', 'checkup'],
  choices,
});
/** The 同意する / 同意しない pair of each item, each sending its own item. */
const itemTaps: Tap[] = (['medication', 'checkup'] as const).flatMap((item): Tap[] => [
  [ja('consent.agree'), [send('consent.choose', { item, agreed: true })]],
  [ja('consent.disagree'), [send('consent.choose', { item, agreed: false })]],
]);

/**
 * Every screen of the contract with what each of its buttons sends. Keyed by screen name, so a new screen
 * does not compile without its taps; a button added to a screen fails the sweep until it is listed here.
 */
const tapsOf: { [N in ScreenName]: { screen: Of<N>; taps: Tap[] }[] } = {
  idle: [
    {
      screen: { name: 'idle' },
      taps: [
        ...languages.map((language): Tap => [
          languageNames[language],
          [send('preferences.set', { language })],
        ]),
        [`${ja('idle.largeText')}: ${ja('common.off')}`, [send('preferences.set', { largeText: true })]],
        // This test window has no speech synthesis at all: the toggle says so instead of "オフ".
        [ja('idle.voiceUnavailable'), [send('preferences.set', { voice: true })]],
        // A tap on the staff entrance does nothing: it opens only when held (hold-to-open.test.ts).
        [`${ja('idle.staff')}${ja('idle.staffHold')}`, []],
      ],
    },
  ],
  'out-of-service': [{ screen: { name: 'out-of-service', reason: 'gateway-down' }, taps: [] }],
  reading: [{ screen: { name: 'reading' }, taps: [] }],
  pin: [
    {
      screen: pin(),
      taps: [
        // Digits stay on the pad until 確定; 訂正 and 確定 wait for digits.
        ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((digit): Tap => [digit, []]),
        [ja('pin.correct'), 'disabled'],
        [ja('pin.submit'), 'disabled'],
        cancel,
        [ja('pin.forgot'), [send('auth.choose', { method: 'visual' })]],
      ],
    },
  ],
  'choose-auth': [
    {
      screen: { name: 'choose-auth', reason: 'last-try', options: ['pin', 'visual'] },
      taps: [
        [ja('chooseAuth.visual') + ja('chooseAuth.visualHint'), [send('auth.choose', { method: 'visual' })]],
        [ja('chooseAuth.pin') + ja('chooseAuth.pinHint'), [send('auth.choose', { method: 'pin' })]],
        cancel,
      ],
    },
  ],
  'visual-wait': [{ screen: { name: 'visual-wait' }, taps: [cancel] }],
  registration: [
    {
      screen: { name: 'registration' },
      taps: [
        [ja('registration.decline'), [send('registration.answer', { agreed: false })]],
        [ja('registration.agree'), [send('registration.answer', { agreed: true })]],
      ],
    },
  ],
  consent: [
    {
      screen: consentScreen({}),
      taps: [
        [ja('consent.all'), [send('consent.all', { agreed: true })]],
        // Item by item is a view of this screen: nothing is sent until an item is chosen.
        [ja('consent.each'), []],
        [ja('consent.none'), [send('consent.all', { agreed: false })]],
        cancel,
      ],
    },
    {
      screen: consentScreen({ medication: true }),
      taps: [...itemTaps, [ja('consent.confirm'), 'disabled'], cancel],
    },
    {
      screen: consentScreen({ medication: true, checkup: false }),
      taps: [...itemTaps, [ja('consent.confirm'), [send('consent.done')]], cancel],
    },
  ],
  'limit-consent': [
    {
      screen: { name: 'limit-consent' },
      taps: [
        [ja('limitConsent.disagree'), [send('limit.choose', { agreed: false })]],
        [ja('limitConsent.agree'), [send('limit.choose', { agreed: true })]],
        cancel,
      ],
    },
  ],
  processing: [{ screen: { name: 'processing', step: 'verifying' }, taps: [] }],
  result: [{ screen: result, taps: [[ja('result.finish'), [send('result.done')]]] }],
  // Nothing to tap: the screen waits for the card (no "continue", no return to idle while it lies there).
  'take-card': [{ screen: { name: 'take-card' }, taps: [] }],
  'card-lifted': [
    {
      screen: { name: 'card-lifted', resumeSeconds: 30 },
      taps: [[ja('common.cancel'), [send('session.cancel')]]],
    },
  ],
  'registration-declined': [
    {
      screen: { name: 'registration-declined', cardPresent: false },
      taps: [[ja('error.finish'), [send('session.cancel')]]],
    },
    { screen: { name: 'registration-declined', cardPresent: true }, taps: [] },
  ],
  error: [
    {
      screen: { name: 'error', reason: 'gateway-error', code: 'gateway.error', cardPresent: false },
      taps: [[ja('error.finish'), [send('session.cancel')]]],
    },
    // The card is still on the reader: the patient takes it, and the core moves on when it leaves.
    {
      screen: { name: 'error', reason: 'card-unreadable', code: 'card.unreadable', cardPresent: true },
      taps: [],
    },
  ],
};

describe('patient screens send intents', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('have taps listed for every screen of the contract', () => {
    expect(Object.keys(tapsOf).sort()).toEqual([...screenNames].sort());
  });

  it.each(screenNames)('%s: every button sends its intent to the bridge', async (name) => {
    for (const { screen, taps } of tapsOf[name]) {
      expect(sorted(await tapEach(screen))).toEqual(sorted(taps));
    }
  });

  it('PIN pad: four digits then 確定 send pin.submit once; 訂正 takes the last digit back', async () => {
    const kiosk = await mountKiosk(pin());
    const key = (label: string): MiniElement => {
      const button = kiosk.buttons().find((b) => b.textContent === label);
      if (!button) throw new Error(`no ${label} key`);
      return button;
    };
    for (const digit of ['1', '2', '9']) await kiosk.tap(key(digit));
    expect(key(ja('pin.submit')).disabled).toBe(true);
    await kiosk.tap(key(ja('pin.correct')));
    for (const digit of ['3', '4']) await kiosk.tap(key(digit));
    expect(kiosk.sent).toEqual([]);
    await kiosk.tap(key(ja('pin.submit')));
    expect(kiosk.sent).toEqual([send('pin.submit', { pin: '1234' })]);
    // The pad clears itself after 確定: nothing more to send.
    expect(key(ja('pin.submit')).disabled).toBe(true);
    await kiosk.unmount();
  });

  it('consent: 項目ごとに選ぶ shows the items, and each choice is sent for its item', async () => {
    const kiosk = await mountKiosk(consentScreen({}));
    const each = kiosk.buttons().find((b) => b.textContent === ja('consent.each'));
    if (!each) throw new Error('no item-by-item button');
    await kiosk.tap(each);
    expect(kiosk.container.findAll((e) => e.getAttribute('data-consent-mode') === 'items')).toHaveLength(1);
    const disagree = kiosk.buttons().filter((b) => b.textContent === ja('consent.disagree'));
    expect(disagree).toHaveLength(2);
    for (const button of disagree) await kiosk.tap(button);
    expect(kiosk.sent).toEqual([
      send('consent.choose', { item: 'medication', agreed: false }),
      send('consent.choose', { item: 'checkup', agreed: false }),
    ]);
    await kiosk.unmount();
  });
});

describe('card endings on the patient screen', () => {
  it('登録しない ends on a neutral notice: what to do next, no error heading, no code for staff', () => {
    for (const language of languages) {
      const t = translator(language);
      const html = render(
        <RegistrationDeclinedScreen
          screen={{ name: 'registration-declined', cardPresent: true }}
          voice={false}
          intents={intents}
        />,
        language,
      );
      expect(html, language).toContain(t('registrationDeclined.instruction'));
      expect(html, language).toContain(t('registrationDeclined.next'));
      expect(html, language).toContain(t('error.takeCard'));
      expect(html, language).not.toContain(t('error.heading'));
      expect(html, language).not.toContain('data-error-code');
    }
  });

  it('card-lifted says how long the same card has, in every language', () => {
    for (const language of languages) {
      const html = render(
        <CardLiftedScreen
          screen={{ name: 'card-lifted', resumeSeconds: 45 }}
          voice={false}
          intents={intents}
        />,
        language,
      );
      expect(html, language).toContain(translator(language)('cardLifted.time', { seconds: 45 }));
      expect(html, language).toContain('45');
    }
  });

  it('out of service asks for the card only when it lay on the reader', () => {
    const take = translator('ja')('error.takeCard');
    const withCard = render(
      <OutOfServiceScreen
        screen={{ name: 'out-of-service', reason: 'reader-down', cardPresent: true }}
        voice={false}
      />,
    );
    expect(withCard).toContain(take);
    const without = render(
      <OutOfServiceScreen screen={{ name: 'out-of-service', reason: 'reader-down' }} voice={false} />,
    );
    expect(without).not.toContain(take);
  });

  it('take-card offers nothing to tap and shows the reminder', () => {
    const html = render(<TakeCardScreen voice={false} />);
    expect(html).toContain(translator('ja')('takeCard.reminder'));
    expect(html).not.toContain('<button');
  });
});
