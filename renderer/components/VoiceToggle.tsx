// The voice-guidance toggle: on, off, or plainly "no voice for this language" when the system has none.
import { languageTags } from '../i18n/catalogs';
import { useI18n } from '../i18n/i18n-context';
import { useVoiceAvailability, type SpeechPort } from './use-voice-guidance';

export function VoiceToggle({
  on,
  onToggle,
  speech,
}: {
  on: boolean;
  onToggle: () => void;
  /** Speech synthesis; the browser's when not given. */
  speech?: SpeechPort;
}) {
  const { t, language } = useI18n();
  const availability = useVoiceAvailability(languageTags[language], speech);
  // Never shown as "on" while nothing can be heard: the switch stays usable for another language.
  const silent = availability === 'unavailable';
  return (
    <button
      type="button"
      className="button button-choice"
      aria-pressed={on && !silent}
      data-voice={silent ? 'unavailable' : on ? 'on' : 'off'}
      onClick={onToggle}
    >
      {silent ? t('idle.voiceUnavailable') : `${t('idle.voice')}: ${on ? t('common.on') : t('common.off')}`}
    </button>
  );
}
