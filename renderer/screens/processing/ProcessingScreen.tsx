// Processing: the PIN is being checked, the card registered, or the eligibility system asked.
import type { Screen } from '../../../electron/common/contract';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Spinner } from '../../components/Spinner';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';

type Processing = Extract<Screen, { name: 'processing' }>;

export function ProcessingScreen({ screen, voice }: { screen: Processing; voice: boolean }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="processing"
      heading={t('processing.heading')}
      instruction={t('processing.instruction')}
      voice={voice}
      steps={<Steps current={screen.step === 'confirming' ? 'steps.consent' : 'steps.identity'} />}
      busy
    >
      <Spinner />
      <p className="detail" data-step={screen.step}>
        {t(`processing.${screen.step}`)}
      </p>
    </ScreenFrame>
  );
}
