// 保険証利用登録: the card is not yet registered for health insurance; the terms, then agree or decline (PIN or 目視 route).
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

export function RegistrationScreen({ voice, intents }: { voice: boolean; intents: PatientIntents }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="registration"
      heading={t('registration.heading')}
      instruction={t('registration.instruction')}
      voice={voice}
      steps={<Steps current="steps.identity" />}
    >
      <ul className="terms" aria-label={t('registration.heading')}>
        <li>{t('registration.terms1')}</li>
        <li>{t('registration.terms2')}</li>
        <li>{t('registration.terms3')}</li>
      </ul>
      <div className="action-row">
        <Button variant="secondary" onClick={() => intents.answerRegistration(false)}>
          {t('registration.decline')}
        </Button>
        <Button variant="primary" onClick={() => intents.answerRegistration(true)}>
          {t('registration.agree')}
        </Button>
      </div>
    </ScreenFrame>
  );
}
