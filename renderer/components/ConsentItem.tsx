// One consent item: what is shared and why, with 同意する / 同意しない as a pair of large toggles.
import { useId } from 'react';
import { useI18n } from '../i18n/i18n-context';

export interface ConsentItemProps {
  title: string;
  description: string;
  /** undefined until the patient has chosen. */
  value: boolean | undefined;
  onChange: (agreed: boolean) => void;
}

export function ConsentItem({ title, description, value, onChange }: ConsentItemProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="consent-item" aria-labelledby={`${id}-title`} data-consent-value={String(value)}>
      <div className="consent-item-text">
        <h2 id={`${id}-title`} className="consent-item-title">
          {title}
        </h2>
        <p className="consent-item-description">{description}</p>
      </div>
      <div className="consent-item-choices" role="group" aria-labelledby={`${id}-title`}>
        <button
          type="button"
          className="button button-choice"
          aria-pressed={value === true}
          onClick={() => onChange(true)}
        >
          {t('consent.agree')}
        </button>
        <button
          type="button"
          className="button button-choice"
          aria-pressed={value === false}
          onClick={() => onChange(false)}
        >
          {t('consent.disagree')}
        </button>
      </div>
    </section>
  );
}
