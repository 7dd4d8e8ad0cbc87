// An error for the patient: the plain message, what to do next, and the code for staff.
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

type ErrorScreenData = Extract<Screen, { name: 'error' }>;

export function ErrorScreen({
  screen,
  voice,
  intents,
}: {
  screen: ErrorScreenData;
  voice: boolean;
  intents: PatientIntents;
}) {
  const { t } = useI18n();
  const message = t(`error.${screen.reason}`);
  const next = t(`error.${screen.reason}.next`);
  return (
    <ScreenFrame
      name="error"
      heading={t('error.heading')}
      instruction={t('error.instruction')}
      voice={voice}
      spokenExtra={[message, next, screen.cardPresent ? t('error.takeCard') : ''].filter(Boolean).join('\n')}
      tone="problem"
      footer={
        screen.cardPresent ? null : (
          <Button variant="primary" onClick={intents.cancel}>
            {t('error.finish')}
          </Button>
        )
      }
    >
      <div data-reason={screen.reason}>
        <ErrorPanel message={message} next={next} codeLabel={t('common.codeForStaff')} code={screen.code} />
      </div>
      {screen.cardPresent ? (
        <p className="notice notice-warning take-card-line">{t('error.takeCard')}</p>
      ) : null}
    </ScreenFrame>
  );
}
