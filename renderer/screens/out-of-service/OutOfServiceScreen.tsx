// Out of service: tells the patient to go to the desk, and why in one line; recovers when the core does.
import type { Screen } from '../../../electron/common/contract';
import { ScreenFrame } from '../../components/ScreenFrame';
import { useI18n } from '../../i18n/i18n-context';

type OutOfService = Extract<Screen, { name: 'out-of-service' }>;

export function OutOfServiceScreen({ screen, voice }: { screen: OutOfService; voice: boolean }) {
  const { t } = useI18n();
  return (
    <ScreenFrame
      name="out-of-service"
      heading={t('outOfService.heading')}
      instruction={t('outOfService.instruction')}
      voice={voice}
      {...(screen.cardPresent ? { spokenExtra: t('error.takeCard') } : {})}
    >
      <p className="detail">{t(`outOfService.${screen.reason}`)}</p>
      {screen.cardPresent ? (
        <p className="notice notice-warning take-card-line">{t('error.takeCard')}</p>
      ) : null}
    </ScreenFrame>
  );
}
