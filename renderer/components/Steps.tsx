// Where the patient is in the check-in: card → identity → consent → done.
import { useI18n } from '../i18n/i18n-context';

export const stepKeys = ['steps.card', 'steps.identity', 'steps.consent', 'steps.done'] as const;
export type StepKey = (typeof stepKeys)[number];

export function Steps({ current }: { current: StepKey }) {
  const { t } = useI18n();
  const index = stepKeys.indexOf(current);
  return (
    <ol className="steps" aria-label={t('steps.label')}>
      {stepKeys.map((key, i) => (
        <li
          key={key}
          className={i < index ? 'step step-done' : i === index ? 'step step-current' : 'step'}
          aria-current={i === index ? 'step' : undefined}
        >
          <span className="step-number" aria-hidden="true">
            {i + 1}
          </span>
          {t(key)}
        </li>
      ))}
    </ol>
  );
}
