// Staff pages opened from the patient screen give the kiosk back: after a quiet minute, or as soon as a card is placed.
import type { ScreenName } from '../../electron/common/contract';
import { linkTo } from '../app/route';

/** The query parameter the patient screen adds when it opens the staff console on the kiosk itself. */
export const FROM_KIOSK_PARAM = 'from';
const FROM_KIOSK_VALUE = 'kiosk';

/**
 * How long the staff console opened on the kiosk may sit untouched before the patient screen comes back.
 * A product choice, not a rule: long enough to type a PIN and read a page, short enough that the next
 * patient is not met by a staff page.
 */
export const KIOSK_STAFF_IDLE_MS = 60_000;

/** The staff console link the patient screen opens: the kiosk's query (its ?token=) plus the from-kiosk mark. */
export function staffLinkFromKiosk(search: string): string {
  const params = new URLSearchParams(search);
  params.set(FROM_KIOSK_PARAM, FROM_KIOSK_VALUE);
  return linkTo('staff', `?${params.toString()}`);
}

export function openedFromKiosk(search: string): boolean {
  return new URLSearchParams(search).get(FROM_KIOSK_PARAM) === FROM_KIOSK_VALUE;
}

/** The patient screen's link, without the from-kiosk mark. */
export function kioskLinkBack(search: string): string {
  const params = new URLSearchParams(search);
  params.delete(FROM_KIOSK_PARAM);
  const rest = params.toString();
  return linkTo('kiosk', rest ? `?${rest}` : '');
}

/**
 * A card on the kiosk's reader: the core has left idle (and is not out of service, which needs staff on the
 * health page rather than the patient screen).
 */
export function cardPlaced(screen: ScreenName): boolean {
  return screen !== 'idle' && screen !== 'out-of-service';
}

/** Timers the return uses; the page's own by default, fake ones in tests. */
export interface ReturnTimers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(handle: number): void;
}

/**
 * Calls `back` once, after `idleMs` without `touch()` or at the first snapshot showing a card on the reader.
 * `stop()` ends the watch (the page is leaving anyway).
 */
export function watchKioskReturn(
  back: () => void,
  timers: ReturnTimers,
  idleMs: number = KIOSK_STAFF_IDLE_MS,
): { touch(): void; screen(name: ScreenName): void; stop(): void } {
  let done = false;
  let timer: number | undefined;
  const leave = (): void => {
    if (done) return;
    done = true;
    if (timer !== undefined) timers.clearTimeout(timer);
    back();
  };
  const arm = (): void => {
    if (done) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(leave, idleMs);
  };
  arm();
  return {
    touch: arm,
    screen(name) {
      if (cardPlaced(name)) leave();
    },
    stop() {
      done = true;
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
