// The staff console opened on the kiosk gives the patient screen back: after a quiet minute, or when a card is placed.
import { describe, expect, it } from 'vitest';
import {
  KIOSK_STAFF_IDLE_MS,
  cardPlaced,
  kioskLinkBack,
  openedFromKiosk,
  staffLinkFromKiosk,
  watchKioskReturn,
  type ReturnTimers,
} from '../../../../renderer/staff/kiosk-return';

/** Timers driven by hand. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: ReturnTimers = {
    setTimeout(run, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [id, t] of [...pending]) {
      if (t.at <= now) {
        pending.delete(id);
        t.run();
      }
    }
  };
  return { timers, advance };
}

describe('links between the patient screen and the staff console', () => {
  it('the staff link keeps the browser host token and marks the kiosk as its origin', () => {
    const link = staffLinkFromKiosk('?token=abc');
    expect(link).toBe('./staff?token=abc&from=kiosk');
    expect(openedFromKiosk(link.slice(link.indexOf('?')))).toBe(true);
    expect(openedFromKiosk('?token=abc')).toBe(false);
  });

  it('the way back keeps the token and drops the mark', () => {
    expect(kioskLinkBack('?token=abc&from=kiosk')).toBe('./?token=abc');
    expect(kioskLinkBack('?from=kiosk')).toBe('./');
  });
});

describe('watchKioskReturn', () => {
  it('goes back after a minute without input, and input restarts the minute', () => {
    const { timers, advance } = manualTimers();
    let back = 0;
    const watch = watchKioskReturn(() => (back += 1), timers);
    advance(KIOSK_STAFF_IDLE_MS - 1);
    watch.touch();
    advance(KIOSK_STAFF_IDLE_MS - 1);
    expect(back).toBe(0);
    advance(1);
    expect(back).toBe(1);
    advance(KIOSK_STAFF_IDLE_MS * 2);
    expect(back).toBe(1);
  });

  it('goes back at once when a card is placed on the reader', () => {
    const { timers, advance } = manualTimers();
    let back = 0;
    const watch = watchKioskReturn(() => (back += 1), timers);
    watch.screen('idle');
    watch.screen('out-of-service');
    expect(back).toBe(0);
    watch.screen('reading');
    expect(back).toBe(1);
    watch.screen('pin');
    advance(KIOSK_STAFF_IDLE_MS);
    expect(back).toBe(1);
  });

  it('stop ends the watch', () => {
    const { timers, advance } = manualTimers();
    let back = 0;
    const watch = watchKioskReturn(() => (back += 1), timers);
    watch.stop();
    advance(KIOSK_STAFF_IDLE_MS);
    watch.screen('reading');
    expect(back).toBe(0);
  });

  it('a card means any screen but idle and out of service', () => {
    expect(cardPlaced('idle')).toBe(false);
    expect(cardPlaced('out-of-service')).toBe(false);
    expect(cardPlaced('reading')).toBe(true);
    expect(cardPlaced('visual-wait')).toBe(true);
  });
});
