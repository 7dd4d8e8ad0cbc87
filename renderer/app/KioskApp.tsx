// The patient kiosk: renders the screen the core's snapshot names and sends the patient's intents.
import { useCallback, useEffect, useMemo } from 'react';
import type { Preferences, SessionSnapshot } from '../../electron/common/contract';
import type { KioskBridge } from '../bridge/kiosk-bridge';
import { InactivityNotice } from '../components/InactivityNotice';
import { languageTags, translator } from '../i18n/catalogs';
import { I18nContext } from '../i18n/i18n-context';
import { CardLiftedScreen } from '../screens/card-lifted/CardLiftedScreen';
import { ChooseAuthScreen } from '../screens/choose-auth/ChooseAuthScreen';
import { ConsentScreen } from '../screens/consent/ConsentScreen';
import { ErrorScreen } from '../screens/error/ErrorScreen';
import { IdleScreen } from '../screens/idle/IdleScreen';
import { LimitConsentScreen } from '../screens/limit-consent/LimitConsentScreen';
import { OutOfServiceScreen } from '../screens/out-of-service/OutOfServiceScreen';
import type { PatientIntents } from '../screens/patient-intents';
import { PinScreen } from '../screens/pin/PinScreen';
import { ProcessingScreen } from '../screens/processing/ProcessingScreen';
import { ReadingScreen } from '../screens/reading/ReadingScreen';
import { RegistrationScreen } from '../screens/registration/RegistrationScreen';
import { RegistrationDeclinedScreen } from '../screens/registration-declined/RegistrationDeclinedScreen';
import { ResultScreen } from '../screens/result/ResultScreen';
import { TakeCardScreen } from '../screens/take-card/TakeCardScreen';
import { VisualWaitScreen } from '../screens/visual-wait/VisualWaitScreen';
import { staffLinkFromKiosk } from '../staff/kiosk-return';
import { useInactivity } from './use-inactivity';
import { useSession } from './use-session';

/** The countdown shows for the last third of a screen's timeout, between 3 and 15 seconds. */
const warnSecondsFor = (timeoutSeconds: number): number =>
  Math.min(15, Math.max(3, Math.floor(timeoutSeconds / 3)));

export function KioskApp({ bridge }: { bridge: KioskBridge }) {
  const { snapshot, connected } = useSession(bridge);
  const language = snapshot?.preferences.language ?? 'ja';
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
  const largeText = snapshot?.preferences.largeText ?? false;

  useEffect(() => {
    document.documentElement.lang = languageTags[language];
    document.documentElement.classList.toggle('large-text', largeText);
    document.title = i18n.t('app.title');
  }, [language, i18n, largeText]);

  const api = bridge.api;
  const sendActivity = useCallback(() => void api.invoke('session.activity', {}), [api]);
  const { deadline, touch } = useInactivity(snapshot?.seq, snapshot?.timeoutSeconds, sendActivity);

  useEffect(() => {
    const onInput = (): void => touch();
    window.addEventListener('pointerdown', onInput);
    window.addEventListener('keydown', onInput);
    return () => {
      window.removeEventListener('pointerdown', onInput);
      window.removeEventListener('keydown', onInput);
    };
  }, [touch]);

  // Intents answer the new snapshot, which also arrives as an event; a refusal (the screen moved on) needs nothing.
  const intents = useMemo<PatientIntents>(
    () => ({
      chooseAuth: (method) => void api.invoke('auth.choose', { method }),
      submitPin: (pin) => void api.invoke('pin.submit', { pin }),
      answerRegistration: (agreed) => void api.invoke('registration.answer', { agreed }),
      consentAll: (agreed) => void api.invoke('consent.all', { agreed }),
      consentChoose: (item, agreed) => void api.invoke('consent.choose', { item, agreed }),
      consentDone: () => void api.invoke('consent.done', {}),
      chooseLimit: (agreed) => void api.invoke('limit.choose', { agreed }),
      resultDone: () => void api.invoke('result.done', {}),
      cancel: () => void api.invoke('session.cancel', {}),
    }),
    [api],
  );

  const setPreferences = useCallback(
    (change: Partial<Preferences>) => void api.invoke('preferences.set', change),
    [api],
  );

  if (!snapshot || !connected) {
    return (
      <I18nContext.Provider value={i18n}>
        <main className="screen" data-screen="connecting" aria-busy="true">
          <p className="screen-instruction">{i18n.t('common.connecting')}</p>
        </main>
      </I18nContext.Provider>
    );
  }

  return (
    <I18nContext.Provider value={i18n}>
      {snapshot.simulation ? <div className="simulation-badge">{i18n.t('simulation.badge')}</div> : null}
      <PatientScreen
        snapshot={snapshot}
        intents={intents}
        onPreferences={setPreferences}
        onActivity={touch}
      />
      {deadline !== undefined && snapshot.timeoutSeconds !== undefined ? (
        <InactivityNotice
          key={deadline}
          deadline={deadline}
          warnSeconds={warnSecondsFor(snapshot.timeoutSeconds)}
          onContinue={touch}
        />
      ) : null}
    </I18nContext.Provider>
  );
}

function PatientScreen({
  snapshot,
  intents,
  onPreferences,
  onActivity,
}: {
  snapshot: SessionSnapshot;
  intents: PatientIntents;
  onPreferences: (change: Partial<Preferences>) => void;
  onActivity: () => void;
}) {
  const { screen, preferences } = snapshot;
  const voice = preferences.voice;
  switch (screen.name) {
    case 'idle':
      return (
        <IdleScreen
          preferences={preferences}
          languages={snapshot.languages}
          onPreferences={onPreferences}
          onStaff={() => window.location.assign(staffLinkFromKiosk(window.location.search))}
        />
      );
    case 'out-of-service':
      return <OutOfServiceScreen screen={screen} voice={voice} />;
    case 'reading':
      return <ReadingScreen voice={voice} />;
    case 'choose-auth':
      return <ChooseAuthScreen screen={screen} voice={voice} intents={intents} />;
    case 'pin':
      return <PinScreen screen={screen} voice={voice} intents={intents} onActivity={onActivity} />;
    case 'visual-wait':
      return <VisualWaitScreen voice={voice} intents={intents} />;
    case 'registration':
      return <RegistrationScreen voice={voice} intents={intents} />;
    case 'consent':
      return <ConsentScreen screen={screen} voice={voice} intents={intents} />;
    case 'limit-consent':
      return <LimitConsentScreen voice={voice} intents={intents} />;
    case 'processing':
      return <ProcessingScreen screen={screen} voice={voice} />;
    case 'result':
      return <ResultScreen screen={screen} voice={voice} intents={intents} />;
    case 'take-card':
      return <TakeCardScreen voice={voice} />;
    case 'card-lifted':
      return <CardLiftedScreen screen={screen} voice={voice} intents={intents} />;
    case 'registration-declined':
      return <RegistrationDeclinedScreen screen={screen} voice={voice} intents={intents} />;
    case 'error':
      return <ErrorScreen screen={screen} voice={voice} intents={intents} />;
  }
}
