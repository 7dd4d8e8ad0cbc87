// Data-sharing consent: まとめて同意 in one press, or item by item with every choice recorded by the core.
import { useState } from 'react';
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { ConsentItem } from '../../components/ConsentItem';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import type { PatientIntents } from '../patient-intents';

type Consent = Extract<Screen, { name: 'consent' }>;

export function ConsentScreen({
  screen,
  voice,
  intents,
}: {
  screen: Consent;
  voice: boolean;
  intents: PatientIntents;
}) {
  const { t } = useI18n();
  const anyChosen = screen.items.some((item) => screen.choices[item] !== undefined);
  // Item mode is only a view choice; once an item is chosen the core's choices keep it (a reload keeps it too).
  const [itemMode, setItemMode] = useState(false);
  const showItems = itemMode || anyChosen;
  const allChosen = screen.items.every((item) => screen.choices[item] !== undefined);

  return (
    <ScreenFrame
      name="consent"
      heading={t('consent.heading')}
      instruction={t('consent.instruction')}
      voice={voice}
      steps={<Steps current="steps.consent" />}
      footer={
        <Button variant="quiet" onClick={intents.cancel}>
          {t('common.cancel')}
        </Button>
      }
    >
      {showItems ? (
        <div className="consent-items" data-consent-mode="items">
          {screen.items.map((item) => (
            <ConsentItem
              key={item}
              title={t(`consent.item.${item}`)}
              description={t(`consent.item.${item}.description`)}
              value={screen.choices[item]}
              onChange={(agreed) => intents.consentChoose(item, agreed)}
            />
          ))}
          {!allChosen ? <p className="detail">{t('consent.chooseEach')}</p> : null}
          <Button variant="primary" wide disabled={!allChosen} onClick={intents.consentDone}>
            {t('consent.confirm')}
          </Button>
        </div>
      ) : (
        <div className="consent-summary" data-consent-mode="summary">
          <ul className="consent-list">
            {screen.items.map((item) => (
              <li key={item}>
                <strong>{t(`consent.item.${item}`)}</strong>
                <span>{t(`consent.item.${item}.description`)}</span>
              </li>
            ))}
          </ul>
          <Button variant="primary" wide onClick={() => intents.consentAll(true)}>
            {t('consent.all')}
          </Button>
          <div className="action-row">
            <Button variant="secondary" onClick={() => setItemMode(true)}>
              {t('consent.each')}
            </Button>
            <Button variant="secondary" onClick={() => intents.consentAll(false)}>
              {t('consent.none')}
            </Button>
          </div>
        </div>
      )}
    </ScreenFrame>
  );
}
