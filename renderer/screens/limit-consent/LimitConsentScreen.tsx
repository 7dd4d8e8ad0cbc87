// 限度額 (clinics that still ask): the information arrives by law; may the desk use it for this visit's payment?
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

/**
 * Shown only where the clinic turned `consent.limitScreen` on. Since 2024-10-07 the system provides the
 * 限度額 information without consent, so the screen no longer asks to receive it: it asks whether the
 * desk may use it, and says what each answer means for the payment.
 */
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
      <ul className="terms" aria-label={t('limitConsent.heading')}>
        <li>{t('limitConsent.provided')}</li>
        <li>{t('limitConsent.ifUsed')}</li>
        <li>{t('limitConsent.ifNotUsed')}</li>
      </ul>
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
