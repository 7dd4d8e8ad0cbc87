// The patient kiosk: renders the screen the core's snapshot names and sends the patient's intents.
import { useCallback, useEffect, useMemo } from 'react';
import type { Preferences } from '../../electron/common/contract';
import type { KioskBridge } from '../bridge/kiosk-bridge';
import { InactivityNotice } from '../components/InactivityNotice';
import { languageTags, translator } from '../i18n/catalogs';
import { I18nContext } from '../i18n/i18n-context';
import { staffLinkFromKiosk } from '../staff/kiosk-return';
import { createPatientIntents } from './patient-intents-api';
import { PatientScreen } from './PatientScreen';
import { linkTo, pageFor } from './route';
import { useInactivity, useTouchOnInput, warnSecondsFor } from './use-inactivity';
import { useSession } from './use-session';

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

  useTouchOnInput(touch);

  const intents = useMemo(() => createPatientIntents(api), [api]);

  const setPreferences = useCallback(
    (change: Partial<Preferences>) => void api.invoke('preferences.set', change),
    [api],
  );

  // A staff terminal never shows the patient screen as its page: its home is the staff console.
  const staffHome = snapshot !== undefined && pageFor('kiosk', snapshot.mode) === 'staff';
  useEffect(() => {
    if (staffHome) window.location.replace(linkTo('staff', window.location.search));
  }, [staffHome]);

  if (!snapshot || !connected || staffHome) {
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
        onStaff={() => window.location.assign(staffLinkFromKiosk(window.location.search))}
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
