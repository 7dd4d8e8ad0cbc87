// The staff entrance on idle: a quiet control that opens only when held (with a filling bar), by touch, mouse or keyboard.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { createHold, STAFF_HOLD_MS } from './hold-to-open';

const holdKeys = new Set(['Enter', ' ']);

export function StaffEntry({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  const [progress, setProgress] = useState(0);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const hold = useMemo(
    () =>
      createHold(
        {
          now: () => performance.now(),
          every: (ms, tick) => {
            const id = window.setInterval(tick, ms);
            return () => window.clearInterval(id);
          },
        },
        setProgress,
        () => openRef.current(),
      ),
    [],
  );
  useEffect(() => () => hold.cancel(), [hold]);

  const keyDown = (event: KeyboardEvent): void => {
    if (!holdKeys.has(event.key)) return;
    // A held key repeats; the hold runs from the first press. Enter must not also "click" the button.
    event.preventDefault();
    if (!event.repeat) hold.start();
  };
  const keyUp = (event: KeyboardEvent): void => {
    if (holdKeys.has(event.key)) hold.cancel();
  };

  return (
    <button
      type="button"
      className="staff-entry"
      data-hold-ms={STAFF_HOLD_MS}
      aria-describedby="staff-entry-hint"
      onPointerDown={(event) => {
        // Keep receiving the release even if the finger drifts a little while holding.
        event.currentTarget.setPointerCapture?.(event.pointerId);
        hold.start();
      }}
      onPointerUp={() => hold.cancel()}
      onPointerCancel={() => hold.cancel()}
      onLostPointerCapture={() => hold.cancel()}
      onKeyDown={keyDown}
      onKeyUp={keyUp}
      onBlur={() => hold.cancel()}
      onContextMenu={(event) => event.preventDefault()}
    >
      <span className="staff-entry-label">{t('idle.staff')}</span>
      <span id="staff-entry-hint" className="staff-entry-hint">
        {t('idle.staffHold')}
      </span>
      <span
        className="staff-entry-progress"
        aria-hidden="true"
        data-progress={Math.round(progress * 100)}
        style={{ transform: `scaleX(${progress})` }}
      />
    </button>
  );
}
