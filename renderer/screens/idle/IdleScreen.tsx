// Idle: asks for the card, offers languages, larger text and voice, and the staff entrance.
import type { Language, Preferences } from '../../../electron/common/contract';
import { ScreenFrame } from '../../components/ScreenFrame';
import { VoiceToggle } from '../../components/VoiceToggle';
import { languageNames } from '../../i18n/catalogs';
import { useI18n } from '../../i18n/i18n-context';
import { StaffEntry } from './StaffEntry';

export interface IdleScreenProps {
  preferences: Preferences;
  languages: readonly Language[];
  onPreferences: (change: Partial<Preferences>) => void;
  onStaff: () => void;
}

export function IdleScreen({ preferences, languages, onPreferences, onStaff }: IdleScreenProps) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="idle"
      heading={t('idle.heading')}
      instruction={t('idle.instruction')}
      voice={preferences.voice}
      footer={<StaffEntry onOpen={onStaff} />}
    >
      <div className="card-illustration" aria-hidden="true">
        <div className="card-illustration-reader" />
        <div className="card-illustration-card" />
      </div>
      <p className="hint">{t('idle.paperHint')}</p>
      <section className="preferences" aria-label={t('idle.language')}>
        <div className="language-row" role="group" aria-label={t('idle.language')}>
          {languages.map((language) => (
            <button
              key={language}
              type="button"
              lang={language}
              className="button button-choice"
              aria-pressed={preferences.language === language}
              onClick={() => onPreferences({ language })}
            >
              {languageNames[language]}
            </button>
          ))}
        </div>
        <div className="toggle-row">
          <button
            type="button"
            className="button button-choice"
            aria-pressed={preferences.largeText}
            onClick={() => onPreferences({ largeText: !preferences.largeText })}
          >
            {t('idle.largeText')}: {preferences.largeText ? t('common.on') : t('common.off')}
          </button>
          <VoiceToggle on={preferences.voice} onToggle={() => onPreferences({ voice: !preferences.voice })} />
        </div>
      </section>
    </ScreenFrame>
  );
}
