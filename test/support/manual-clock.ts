// Test support: a clinic clock whose time moves only by hand (set, advance), in any UTC offset.
import { createClinicClock, type ClinicClock } from '../../electron/core/clock/clinic-clock';

export interface ManualClinicClock extends ClinicClock {
  set(instant: string | number): void;
  advance(ms: number): void;
}

export function manualClock(
  start: string | number,
  utcOffset: string | number = '+09:00',
): ManualClinicClock {
  const toMs = (instant: string | number): number => {
    const ms = typeof instant === 'number' ? instant : Date.parse(instant);
    if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
    return ms;
  };
  let current = toMs(start);
  const clock = createClinicClock({ utcOffset, source: () => current });
  return {
    ...clock,
    set: (instant) => {
      current = toMs(instant);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
