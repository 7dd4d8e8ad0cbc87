// Reading: a card is on the reader and is being identified; the patient waits without moving it.
import { ScreenFrame } from '../../components/ScreenFrame';
import { Spinner } from '../../components/Spinner';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';

export function ReadingScreen({ voice }: { voice: boolean }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="reading"
      heading={t('reading.heading')}
      instruction={t('reading.instruction')}
      voice={voice}
      steps={<Steps current="steps.card" />}
      busy
    >
      <Spinner />
    </ScreenFrame>
  );
}
