// カードが離れました: the card left mid-way; the same card put back in time continues where it left off.
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

type CardLiftedData = Extract<Screen, { name: 'card-lifted' }>;

export function CardLiftedScreen({
  screen,
  voice,
  intents,
}: {
  screen: CardLiftedData;
  voice: boolean;
  intents: PatientIntents;
}) {
  const { t } = useI18n();
  const time = t('cardLifted.time', { seconds: screen.resumeSeconds });
  return (
    <ScreenFrame
      name="card-lifted"
      heading={t('cardLifted.heading')}
      instruction={t('cardLifted.instruction')}
      voice={voice}
      spokenExtra={time}
      tone="warning"
      footer={
        <Button variant="quiet" onClick={intents.cancel}>
          {t('common.cancel')}
        </Button>
      }
    >
      <div className="card-illustration" aria-hidden="true">
        <div className="card-illustration-reader" />
        <div className="card-illustration-card" />
      </div>
      <p className="notice">{time}</p>
    </ScreenFrame>
  );
}
