// Waiting for staff to compare the card photo with the patient (目視確認).
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Spinner } from '../../components/Spinner';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

export function VisualWaitScreen({ voice, intents }: { voice: boolean; intents: PatientIntents }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="visual-wait"
      heading={t('visualWait.heading')}
      instruction={t('visualWait.instruction')}
      voice={voice}
      steps={<Steps current="steps.identity" />}
      busy
      footer={
        <Button variant="quiet" onClick={intents.cancel}>
          {t('common.cancel')}
        </Button>
      }
    >
      <Spinner />
    </ScreenFrame>
  );
}
