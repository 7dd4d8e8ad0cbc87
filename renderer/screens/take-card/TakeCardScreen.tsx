// カードをお取りください: shown until the card leaves the reader.
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';

export function TakeCardScreen({ voice }: { voice: boolean }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="take-card"
      heading={t('takeCard.heading')}
      instruction={t('takeCard.instruction')}
      voice={voice}
      steps={<Steps current="steps.done" />}
    >
      <div className="card-illustration card-illustration-remove" aria-hidden="true">
        <div className="card-illustration-reader" />
        <div className="card-illustration-card" />
      </div>
    </ScreenFrame>
  );
}
