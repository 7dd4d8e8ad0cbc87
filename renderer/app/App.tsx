// The app shell: connects to the core, keeps the latest snapshot, and renders the screen it names.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { languages, type Preferences, type SessionSnapshot } from '../../electron/common/contract';
import type { KioskBridge } from '../bridge/kiosk-bridge';
import { translator } from '../i18n/catalogs';
import { I18nContext } from '../i18n/i18n-context';
import { IdleScreen } from '../screens/idle/IdleScreen';
import { OutOfServiceScreen } from '../screens/out-of-service/OutOfServiceScreen';
import { languageTags } from '../i18n/catalogs';

export function App({ bridge }: { bridge: KioskBridge }) {
  const [snapshot, setSnapshot] = useState<SessionSnapshot | undefined>();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const accept = (next: SessionSnapshot): void =>
      setSnapshot((current) => (current && current.seq > next.seq ? current : next));
    const offEvent = bridge.api.on('session.changed', accept);
    const offConnection = bridge.onConnection((isConnected) => {
      setConnected(isConnected);
      if (!isConnected) return;
      void bridge.api.invoke('renderer.ready', {}).then((result) => {
        if (result.ok) accept(result.value);
      });
    });
    return () => {
      offEvent();
      offConnection();
    };
  }, [bridge]);

  const language = snapshot?.preferences.language ?? 'ja';
  const i18n = useMemo(() => ({ language, t: translator(language) }), [language]);

  useEffect(() => {
    document.documentElement.lang = languageTags[language];
    document.documentElement.classList.toggle('large-text', snapshot?.preferences.largeText ?? false);
    document.title = i18n.t('app.title');
  }, [language, i18n, snapshot?.preferences.largeText]);

  const setPreferences = useCallback(
    (change: Partial<Preferences>) => void bridge.api.invoke('preferences.set', change),
    [bridge],
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

  const { screen, preferences } = snapshot;
  return (
    <I18nContext.Provider value={i18n}>
      {snapshot.simulation ? <div className="simulation-badge">{i18n.t('simulation.badge')}</div> : null}
      {screen.name === 'idle' ? (
        <IdleScreen
          preferences={preferences}
          languages={languages}
          onPreferences={setPreferences}
          onStaff={() => window.location.assign(`./staff${window.location.search}`)}
        />
      ) : (
        <OutOfServiceScreen screen={screen} voice={preferences.voice} />
      )}
    </I18nContext.Provider>
  );
}
