// 限度額 consent: with it, the patient pays only up to the limit at the desk without a 限度額適用認定証.
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

export function LimitConsentScreen({ voice, intents }: { voice: boolean; intents: PatientIntents }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="limit-consent"
      heading={t('limitConsent.heading')}
      instruction={t('limitConsent.instruction')}
      voice={voice}
      steps={<Steps current="steps.consent" />}
      footer={
        <Button variant="quiet" onClick={intents.cancel}>
          {t('common.cancel')}
        </Button>
      }
    >
      <div className="action-row action-row-large">
        <Button variant="secondary" onClick={() => intents.chooseLimit(false)}>
          {t('limitConsent.disagree')}
        </Button>
        <Button variant="primary" onClick={() => intents.chooseLimit(true)}>
          {t('limitConsent.agree')}
        </Button>
      </div>
    </ScreenFrame>
  );
}
