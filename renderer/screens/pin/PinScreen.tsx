// PIN entry: the pad, the tries left, the last-try warning, and a way to staff for a forgotten PIN.
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { PinPad } from '../../components/PinPad';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

type Pin = Extract<Screen, { name: 'pin' }>;

export function PinScreen({
  screen,
  voice,
  intents,
  onActivity,
}: {
  screen: Pin;
  voice: boolean;
  intents: PatientIntents;
  onActivity: () => void;
}) {
  const { t } = useI18n();
  const warnings: string[] = [];
  if (screen.wrong) warnings.push(t('pin.wrong'));
  if (screen.lastTry) warnings.push(t('pin.lastTry'));
  else if (screen.wrong && screen.triesLeft !== null)
    warnings.push(t('pin.triesLeft', { count: screen.triesLeft }));
  return (
    <ScreenFrame
      name="pin"
      heading={t('pin.heading')}
      instruction={t(screen.tokenKind === 'android' ? 'pin.instructionPhone' : 'pin.instruction')}
      voice={voice}
      spokenExtra={warnings.join('\n')}
      steps={<Steps current="steps.identity" />}
      footer={
        <>
          <Button variant="quiet" onClick={intents.cancel}>
            {t('common.cancel')}
          </Button>
          <Button variant="quiet" onClick={() => intents.chooseAuth('visual')}>
            {t('pin.forgot')}
          </Button>
        </>
      }
    >
      {warnings.length > 0 ? (
        <div
          className={screen.lastTry ? 'notice notice-danger' : 'notice notice-warning'}
          role="alert"
          data-pin-warning={screen.lastTry ? 'last-try' : 'wrong'}
        >
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      ) : null}
      <PinPad onSubmit={intents.submitPin} onActivity={onActivity} />
    </ScreenFrame>
  );
}
