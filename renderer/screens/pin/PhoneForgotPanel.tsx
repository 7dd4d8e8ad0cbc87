// A phone's forgotten PIN: what the desk can do instead, since a phone cannot be checked by staff.
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';

/**
 * Only what is true at any clinic: 目視確認 compares the photo on a physical card and a phone has none
 * (oqs-and-insurance.md §5); the physical card is a separate credential with its own key pair
 * (my-number-card.md §6.1), usable with its own PIN or 目視; a paper 資格確認書 is keyed in by staff.
 */
export function PhoneForgotPanel({
  voice,
  onBack,
  onCancel,
}: {
  voice: boolean;
  onBack: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const lines = [t('pin.phoneForgot.noVisual'), t('pin.phoneForgot.card'), t('pin.phoneForgot.paper')];
  return (
    <ScreenFrame
      name="pin-phone-forgot"
      heading={t('pin.phoneForgot.heading')}
      instruction={t('pin.phoneForgot.instruction')}
      voice={voice}
      spokenExtra={lines.join('\n')}
      steps={<Steps current="steps.identity" />}
      footer={
        <>
          <Button variant="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" onClick={onBack}>
            {t('pin.phoneForgot.back')}
          </Button>
        </>
      }
    >
      <ul className="notices" data-phone-forgot>
        {lines.map((line) => (
          <li key={line} className="notice">
            <p className="notice-message">{line}</p>
          </li>
        ))}
      </ul>
    </ScreenFrame>
  );
}
