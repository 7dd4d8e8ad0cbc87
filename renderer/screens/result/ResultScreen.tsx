// Result: the reception number, the name to check, problems in plain words with what to do; money only if the clinic shows it.
import type { Screen } from '../../../electron/common/contract';
import { Button } from '../../components/Button';
import { ScreenFrame } from '../../components/ScreenFrame';
import { Steps } from '../../components/Steps';
import { useI18n } from '../../i18n/i18n-context';
import { limitClassName } from '../../i18n/limit-classes';
import type { PatientIntents } from '../patient-intents';

type Result = Extract<Screen, { name: 'result' }>;

export function ResultScreen({
  screen,
  voice,
  intents,
}: {
  screen: Result;
  voice: boolean;
  intents: PatientIntents;
}) {
  const { t, language } = useI18n();
  const { person, notices, outcome } = screen;
  const limit = person?.limitLabel ? limitClassName(person.limitLabel, language) : undefined;
  return (
    <ScreenFrame
      name="result"
      heading={t(`result.${outcome}.heading`)}
      instruction={t(`result.${outcome}.instruction`)}
      voice={voice}
      spokenExtra={`${t('result.receptionNumber')} ${screen.receptionNumber}`}
      steps={<Steps current="steps.done" />}
      tone={outcome === 'confirmed' ? 'normal' : 'problem'}
      footer={
        <Button variant="primary" onClick={intents.resultDone}>
          {t('result.finish')}
        </Button>
      }
    >
      <div className="result" data-outcome={outcome}>
        <div
          className="reception-number"
          aria-label={`${t('result.receptionNumber')} ${screen.receptionNumber}`}
        >
          <span className="reception-number-label">{t('result.receptionNumber')}</span>
          <span className="reception-number-value" data-reception-number={screen.receptionNumber}>
            {screen.receptionNumber}
          </span>
        </div>
        {person ? (
          <dl className="result-facts">
            <div>
              <dt>{t('result.name')}</dt>
              <dd lang="ja" data-person-name>
                {person.name}
              </dd>
            </div>
            {/* Copay and 限度額 class come only where the clinic turned resultScreen.showCopayAndLimit on. */}
            {person.copayTenths !== undefined ? (
              <div>
                <dt>{t('result.copay')}</dt>
                <dd data-copay={person.copayTenths}>
                  {t('result.copayValue', { ratio: person.copayTenths })}
                </dd>
              </div>
            ) : null}
            {limit ? (
              <div>
                <dt>{t('result.limitClass')}</dt>
                <dd lang={limit.lang} data-limit-label>
                  {limit.text}
                </dd>
              </div>
            ) : null}
          </dl>
        ) : null}
        {notices.length > 0 ? (
          <ul className="notices">
            {notices.map((notice) => (
              <li key={notice} className="notice notice-warning" data-notice={notice}>
                <p className="notice-message">{t(`notice.${notice}`)}</p>
                <p className="notice-next">{t(`notice.${notice}.next`)}</p>
              </li>
            ))}
          </ul>
        ) : null}
        {screen.eligibilityOnly ? <p className="detail">{t('result.eligibilityOnly')}</p> : null}
      </div>
    </ScreenFrame>
  );
}
