// 利用登録 declined (登録しない): a valid choice, so a neutral notice of what to do next, then the card.
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

type RegistrationDeclinedData = Extract<Screen, { name: 'registration-declined' }>;

export function RegistrationDeclinedScreen({
  screen,
  voice,
  intents,
}: {
  screen: RegistrationDeclinedData;
  voice: boolean;
  intents: PatientIntents;
}) {
  const { t } = useI18n();
  const next = t('registrationDeclined.next');
  return (
    <ScreenFrame
      name="registration-declined"
      heading={t('registrationDeclined.heading')}
      instruction={t('registrationDeclined.instruction')}
      voice={voice}
      spokenExtra={[next, screen.cardPresent ? t('error.takeCard') : ''].filter(Boolean).join('\n')}
      steps={<Steps current="steps.done" />}
      footer={
        screen.cardPresent ? null : (
          <Button variant="primary" onClick={intents.cancel}>
            {t('error.finish')}
          </Button>
        )
      }
    >
      <p className="notice">{next}</p>
      {screen.cardPresent ? (
        <p className="notice notice-warning take-card-line">{t('error.takeCard')}</p>
      ) : null}
    </ScreenFrame>
  );
}
