// Tracks the current screen's inactivity deadline and tells the core about patient input (throttled).
import { useCallback, useEffect, useRef, useState } from 'react';

/** At most one activity message per this many milliseconds: enough to keep the core's timer fresh. */
const activityThrottleMs = 1000;

/** The countdown shows for the last third of a screen's timeout, between 3 and 15 seconds. */
export const warnSecondsFor = (timeoutSeconds: number): number =>
  Math.min(15, Math.max(3, Math.floor(timeoutSeconds / 3)));

export interface Inactivity {
  /** performance.now() ms when the core will return to idle, or undefined when the screen has no timeout. */
  deadline: number | undefined;
  /** Call on patient input; restarts the deadline here and in the core. */
  touch: () => void;
}

export function useInactivity(
  seq: number | undefined,
  timeoutSeconds: number | undefined,
  sendActivity: () => void,
): Inactivity {
  const [deadline, setDeadline] = useState<number | undefined>();
  const lastSent = useRef(0);

  useEffect(() => {
    setDeadline(timeoutSeconds === undefined ? undefined : performance.now() + timeoutSeconds * 1000);
  }, [seq, timeoutSeconds]);

  const touch = useCallback(() => {
    if (timeoutSeconds === undefined) return;
    const now = performance.now();
    setDeadline(now + timeoutSeconds * 1000);
    if (now - lastSent.current < activityThrottleMs) return;
    lastSent.current = now;
    sendActivity();
  }, [timeoutSeconds, sendActivity]);

  return { deadline, touch };
}

/** Any pointer or key input on this page counts as activity while the component using it is shown. */
export function useTouchOnInput(touch: () => void): void {
  useEffect(() => {
    const onInput = (): void => touch();
    window.addEventListener('pointerdown', onInput);
    window.addEventListener('keydown', onInput);
    return () => {
      window.removeEventListener('pointerdown', onInput);
      window.removeEventListener('keydown', onInput);
    };
  }, [touch]);
}
