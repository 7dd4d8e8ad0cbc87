// PIN pad: masked dots, large keys 0–9, 訂正 (backspace) and 確定 (OK); a hardware number pad or keyboard works too.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { applyPinAction, isPinComplete, keyToPinAction, pinLength, type PinAction } from './pin-entry';

export interface PinPadProps {
  /** Called once with the full PIN when the patient presses 確定; the pad then clears itself. */
  onSubmit: (pin: string) => void;
  disabled?: boolean;
  /** Called on every key press, so the screen can reset its inactivity timer. */
  onActivity?: () => void;
}

const keyRows = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;

export function PinPad({ onSubmit, disabled = false, onActivity }: PinPadProps) {
  const { t } = useI18n();
  const [entered, setEntered] = useState('');
  // The latest digits for the key handler, without re-subscribing on every key.
  const enteredRef = useRef(entered);
  useLayoutEffect(() => {
    enteredRef.current = entered;
  }, [entered]);

  const act = useCallback(
    (action: PinAction) => {
      if (disabled) return;
      onActivity?.();
      if (action.type === 'submit') {
        const pin = enteredRef.current;
        if (!isPinComplete(pin)) return;
        setEntered('');
        onSubmit(pin);
        return;
      }
      setEntered((current) => applyPinAction(current, action));
    },
    [disabled, onSubmit, onActivity],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = keyToPinAction(event);
      if (!action) return;
      // Enter on a focused pad key is that key's click; the keyboard's own Enter still submits.
      const target = event.target as HTMLElement | null;
      if (action.type === 'submit' && target?.closest('.pin-key')) return;
      event.preventDefault();
      act(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act]);

  const complete = isPinComplete(entered);
  return (
    <div className="pin-pad">
      <div
        className="pin-dots"
        role="status"
        aria-live="polite"
        aria-label={t('pin.entered', { count: entered.length, total: pinLength })}
        data-entered={entered.length}
      >
        {Array.from({ length: pinLength }, (_, index) => (
          <span key={index} className={index < entered.length ? 'pin-dot pin-dot-filled' : 'pin-dot'} />
        ))}
      </div>
      <div className="pin-keys" role="group" aria-label={t('pin.keypad')}>
        {keyRows.map((row) =>
          row.map((digit) => (
            <button
              key={digit}
              type="button"
              className="button pin-key"
              disabled={disabled}
              onClick={() => act({ type: 'digit', digit })}
            >
              {digit}
            </button>
          )),
        )}
        <button
          type="button"
          className="button pin-key pin-key-correct"
          disabled={disabled || entered.length === 0}
          onClick={() => act({ type: 'backspace' })}
        >
          {t('pin.correct')}
        </button>
        <button
          type="button"
          className="button pin-key"
          disabled={disabled}
          onClick={() => act({ type: 'digit', digit: '0' })}
        >
          0
        </button>
        <button
          type="button"
          className="button button-primary pin-key pin-key-submit"
          disabled={disabled || !complete}
          onClick={() => act({ type: 'submit' })}
        >
          {t('pin.submit')}
        </button>
      </div>
    </div>
  );
}
