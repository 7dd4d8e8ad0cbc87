// Every patient screen renders the core's snapshot as the patient should read it, in every language.
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { languages, type Language, type Screen } from '../../../../electron/common/contract';
import { translator } from '../../../../renderer/i18n/catalogs';
import { I18nContext } from '../../../../renderer/i18n/i18n-context';
import { ChooseAuthScreen } from '../../../../renderer/screens/choose-auth/ChooseAuthScreen';
import { ConsentScreen } from '../../../../renderer/screens/consent/ConsentScreen';
import { ErrorScreen } from '../../../../renderer/screens/error/ErrorScreen';
import { LimitConsentScreen } from '../../../../renderer/screens/limit-consent/LimitConsentScreen';
import type { PatientIntents } from '../../../../renderer/screens/patient-intents';
import { PinScreen } from '../../../../renderer/screens/pin/PinScreen';
import { ProcessingScreen } from '../../../../renderer/screens/processing/ProcessingScreen';
import { ReadingScreen } from '../../../../renderer/screens/reading/ReadingScreen';
import { RegistrationScreen } from '../../../../renderer/screens/registration/RegistrationScreen';
import { ResultScreen } from '../../../../renderer/screens/result/ResultScreen';
import { TakeCardScreen } from '../../../../renderer/screens/take-card/TakeCardScreen';
import { VisualWaitScreen } from '../../../../renderer/screens/visual-wait/VisualWaitScreen';

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

const everyScreen = (): ReactElement[] => [
  <ReadingScreen voice={false} />,
  <PinScreen screen={pin({ wrong: true, triesLeft: 2 })} voice={false} intents={intents} onActivity={noop} />,
  <ChooseAuthScreen
    screen={{ name: 'choose-auth', reason: 'last-try', options: ['pin', 'visual'] }}
    voice={false}
    intents={intents}
  />,
  <VisualWaitScreen voice={false} intents={intents} />,
  <RegistrationScreen voice={false} intents={intents} />,
  <ConsentScreen
    screen={{ name: 'consent', items: ['medication', 'checkup', 'diagnosis', 'surgery'], choices: {} }}
    voice={false}
    intents={intents}
  />,
  <LimitConsentScreen voice={false} intents={intents} />,
  <ProcessingScreen screen={{ name: 'processing', step: 'confirming' }} voice={false} />,
  <ResultScreen screen={result} voice={false} intents={intents} />,
  <TakeCardScreen voice={false} />,
  <ErrorScreen
    screen={{ name: 'error', reason: 'gateway-timeout', code: 'gateway.timeout', cardPresent: false }}
    voice={false}
    intents={intents}
  />,
];

describe('patient screens', () => {
  it.each(languages)('render in %s with every text filled in', (language) => {
    for (const element of everyScreen()) {
      const html = render(element, language);
      expect(html).toMatch(/<h1 id="screen-heading" class="screen-heading">[^<]+<\/h1>/);
      expect(html).not.toMatch(/\{\w+\}|undefined/);
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

  it('PIN pad on the last try warns that one more mistake locks the card', () => {
    const html = render(
      <PinScreen
        screen={pin({ lastTry: true, triesLeft: 1 })}
        voice={false}
        intents={intents}
        onActivity={noop}
      />,
    );
    expect(html).toContain('data-pin-warning="last-try"');
    expect(html).toContain('あと1回間違えるとカードがロックされます。');
  });

  it('a locked card is offered only the staff check', () => {
    const html = render(
      <ChooseAuthScreen
        screen={{ name: 'choose-auth', reason: 'pin-locked', options: ['visual'] }}
        voice={false}
        intents={intents}
      />,
    );
    expect(html).toContain('カードがロックされています');
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
