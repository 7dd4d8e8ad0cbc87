// Choose how to prove the card is yours: the last-try warning, a locked PIN, or a card without a PIN.
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

type ChooseAuth = Extract<Screen, { name: 'choose-auth' }>;

export function ChooseAuthScreen({
  screen,
  voice,
  intents,
}: {
  screen: ChooseAuth;
  voice: boolean;
  intents: PatientIntents;
}) {
  const { t } = useI18n();
  const { reason, options } = screen;
  // Sending the patient to staff is the safe choice: it comes first and is the primary button.
  const ordered = [...options].sort((a, b) => (a === 'visual' ? -1 : b === 'visual' ? 1 : 0));
  return (
    <ScreenFrame
      name="choose-auth"
      heading={t(`chooseAuth.${reason}.heading`)}
      instruction={t(`chooseAuth.${reason}.instruction`)}
      voice={voice}
      steps={<Steps current="steps.identity" />}
      tone={reason === 'no-pin' ? 'normal' : 'warning'}
      footer={
        <Button variant="quiet" onClick={intents.cancel}>
          {t('common.cancel')}
        </Button>
      }
    >
      <div data-reason={reason} className="choice-list">
        {reason === 'pin-locked' ? <p className="detail">{t('chooseAuth.pin-locked.detail')}</p> : null}
        {ordered.map((method) => (
          <Button
            key={method}
            variant={method === 'visual' ? 'primary' : 'secondary'}
            wide
            className="choice-button"
            onClick={() => intents.chooseAuth(method)}
          >
            <span className="choice-label">
              {t(method === 'visual' ? 'chooseAuth.visual' : 'chooseAuth.pin')}
            </span>
            <span className="choice-hint">
              {t(method === 'visual' ? 'chooseAuth.visualHint' : 'chooseAuth.pinHint')}
            </span>
          </Button>
        ))}
      </div>
    </ScreenFrame>
  );
}
