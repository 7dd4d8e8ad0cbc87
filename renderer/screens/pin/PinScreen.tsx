// PIN entry: the pad, the tries left from the start, the last-try warning, and where a forgotten PIN leads.
import { useState } from 'react';
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { PinPad } from '../../components/PinPad';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';
import { PhoneForgotPanel } from './PhoneForgotPanel';

type Pin = Extract<Screen, { name: 'pin' }>;

/** A phone token: no photo for 目視確認, so a forgotten PIN leads to the desk instead (oqs-and-insurance.md §5). */
export const isPhone = (tokenKind: Pin['tokenKind']): boolean =>
  tokenKind === 'android' || tokenKind === 'iphone';

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
  const [phoneHelp, setPhoneHelp] = useState(false);
  if (phoneHelp && isPhone(screen.tokenKind)) {
    return (
      <PhoneForgotPanel
        voice={voice}
        onBack={() => {
          onActivity();
          setPhoneHelp(false);
        }}
        onCancel={intents.cancel}
      />
    );
  }
  const warnings: string[] = [];
  if (screen.wrong) warnings.push(t('pin.wrong'));
  if (screen.lastTry) warnings.push(t('pin.lastTry'));
  else if (screen.wrong && screen.triesLeft !== null)
    warnings.push(t('pin.triesLeft', { count: screen.triesLeft }));
  // Before the first entry the count is shown plainly, as soon as the card has reported it: three wrong
  // entries in a row lock the PIN, across visits (oqs-and-insurance.md §3), so the patient sees what is left.
  const triesBefore =
    !screen.wrong && !screen.lastTry && screen.triesLeft !== null
      ? t('pin.triesLeft', { count: screen.triesLeft })
      : '';
  const forgot = (): void => {
    if (isPhone(screen.tokenKind)) {
      onActivity();
      setPhoneHelp(true);
    } else intents.chooseAuth('visual');
  };
  return (
    <ScreenFrame
      name="pin"
      heading={t('pin.heading')}
      instruction={t(screen.tokenKind === 'android' ? 'pin.instructionPhone' : 'pin.instruction')}
      voice={voice}
      spokenExtra={[...warnings, triesBefore].filter(Boolean).join('\n')}
      steps={<Steps current="steps.identity" />}
      footer={
        <>
          <Button variant="quiet" onClick={intents.cancel}>
            {t('common.cancel')}
          </Button>
          <Button variant="quiet" onClick={forgot}>
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
      {triesBefore ? (
        <p className="detail pin-tries" data-pin-tries={screen.triesLeft ?? undefined}>
          {triesBefore}
        </p>
      ) : null}
      <PinPad onSubmit={intents.submitPin} onActivity={onActivity} />
    </ScreenFrame>
  );
}
