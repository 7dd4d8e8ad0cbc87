// Counts down to the core's inactivity deadline and, in the last seconds, offers to keep going.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { secondsLeft } from './countdown';

export interface InactivityNoticeProps {
  /** performance.now() milliseconds at which the core returns to idle (a duration clock, not a date). */
  deadline: number;
  /** The notice shows when this many seconds or fewer are left. */
  warnSeconds?: number;
  onContinue: () => void;
  now?: () => number;
}

export function InactivityNotice({
  deadline,
  warnSeconds = 15,
  onContinue,
  now = () => performance.now(),
}: InactivityNoticeProps) {
  const { t } = useI18n();
  const [left, setLeft] = useState(() => secondsLeft(deadline, now()));
  useEffect(() => {
    setLeft(secondsLeft(deadline, now()));
    const timer = window.setInterval(() => setLeft(secondsLeft(deadline, now())), 250);
    return () => window.clearInterval(timer);
  }, [deadline, now]);
  if (left > warnSeconds) return null;
  return (
    <div className="inactivity-backdrop">
      <div
        className="inactivity-notice"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="inactivity-text"
      >
        <p id="inactivity-text">{t('inactivity.notice', { seconds: left })}</p>
        <button type="button" className="button button-primary" onClick={onContinue} autoFocus>
          {t('inactivity.continue')}
        </button>
      </div>
    </div>
  );
}
