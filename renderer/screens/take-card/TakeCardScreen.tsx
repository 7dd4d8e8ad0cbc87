// カードをお取りください: ends every check-in with a card on the reader and stays until the card is taken.
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import { useChime } from './use-chime';

/**
 * No inactivity notice and no button: the core keeps this screen until the card leaves the reader (and
 * tells staff when it stays too long), so nothing here may send the patient away from their card.
 */
export function TakeCardScreen({ voice }: { voice: boolean }) {
  const { t } = useI18n();
  useChime();
  return (
    <ScreenFrame
      name="take-card"
      heading={t('takeCard.heading')}
      instruction={t('takeCard.instruction')}
      voice={voice}
      spokenExtra={t('takeCard.reminder')}
      steps={<Steps current="steps.done" />}
    >
      <div className="card-illustration card-illustration-remove" aria-hidden="true">
        <div className="card-illustration-reader" />
        <div className="card-illustration-card" />
      </div>
      <p className="notice notice-warning">{t('takeCard.reminder')}</p>
    </ScreenFrame>
  );
}
