// The staff terminal's screen turned to the patient: the kiosk's own patient screen, in the patient's language.
import { useCallback, useEffect, useMemo } from 'react';
import type { KioskApi, Preferences, SessionSnapshot } from '../../../electron/common/contract';
import { createPatientIntents } from '../../app/patient-intents-api';
import { PatientScreen } from '../../app/PatientScreen';
import { languageTags, translator } from '../../i18n/catalogs';
import { I18nContext } from '../../i18n/i18n-context';
import type { Desk } from './use-desk';
import { useTouchOnInput } from '../../app/use-inactivity';
import { DeskInactivity } from './DeskInactivity';
import './desk.css';

export function TurnedScreen({
  api,
  snapshot,
  desk,
}: {
  api: KioskApi;
  snapshot: SessionSnapshot;
  desk: Desk;
}) {
  const { language, largeText } = snapshot.preferences;
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);
  const intents = useMemo(() => createPatientIntents(api), [api]);
  const setPreferences = useCallback(
    (change: Partial<Preferences>) => void api.invoke('preferences.set', change),
    [api],
  );
  useTouchOnInput(desk.touch);

  // The page speaks the patient's language and size while it faces them; the console's own come back after.
  useEffect(() => {
    const root = document.documentElement;
    root.lang = languageTags[language];
    root.classList.toggle('large-text', largeText);
    return () => {
      root.lang = 'ja-JP';
      root.classList.remove('large-text');
    };
  }, [language, largeText]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="desk-turned" data-desk="turned">
        <div className="desk-turned-bar">
          <p>{i18n.t('desk.turned.notice')}</p>
          <button type="button" className="button button-quiet" onClick={desk.turnBack}>
            {i18n.t('desk.turned.back')}
          </button>
        </div>
        <PatientScreen
          snapshot={snapshot}
          intents={intents}
          onPreferences={setPreferences}
          onActivity={desk.touch}
          // The staff entrance belongs to the idle screen, which a turned screen never shows.
          onStaff={desk.turnBack}
        />
      </div>
      <DeskInactivity desk={desk} timeoutSeconds={snapshot.timeoutSeconds} />
    </I18nContext.Provider>
  );
}
