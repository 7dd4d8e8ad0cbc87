// Card detection and pcscd recovery on a manual clock: status edges, MUTE probes and their pace, pcscd retry backoff.
import { describe, expect, it } from 'vitest';
import { SCARD_STATE } from '../../../../native/pcsc/pcsc-like';
import {
  CardDetector,
  ServiceRecovery,
  UNSETTLED_SLOW_FACTOR,
  UNSETTLED_TRIES,
  type Timers,
} from '../../../../native/pcsc/reader-detection';

const { EMPTY, PRESENT, INUSE, EXCLUSIVE, MUTE, CHANGED, UNAVAILABLE } = SCARD_STATE;
const ATR = Uint8Array.from([0x3b, 0x8a, 0x80, 0x01]);

/** Timers that run only when the test moves the clock. */
function manualTimers() {
  let now = 0;
  let nextId = 0;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout(run, ms) {
      nextId += 1;
      pending.set(nextId, { at: now + ms, run });
      return nextId;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending: (): number => pending.size,
    /** Runs every timer due within `ms`, in time order. */
    advance(ms: number): void {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

/** A detector whose events are written down as text; `connection` stands for the driver's open handle. */
function detector(retryMs = 10) {
  const clock = manualTimers();
  const events: string[] = [];
  let connection = false;
  const d = new CardDetector({
    timers: clock.timers,
    unsettledRetryMs: retryMs,
    hasConnection: () => connection,
    inserted: (atr) => events.push(`inserted ${Buffer.from(atr).toString('hex')}`),
    removed: (wasPresent) => events.push(`removed ${wasPresent ? 'announced' : 'silent'}`),
    probe: (tries) => events.push(`probe ${tries}`),
  });
  const status = (state: number, counter = 0, atr?: Uint8Array): void =>
    d.onStatus(((counter << 16) | state) >>> 0, atr);
  return { d, clock, events, status, setConnection: (open: boolean) => (connection = open) };
}

describe('CardDetector: card edges', () => {
  it('reports one insertion and one removal per card, whatever INUSE / EXCLUSIVE do in between', () => {
    const { d, events, status } = detector();
    status(EMPTY);
    expect(events).toEqual([]);
    status(PRESENT | CHANGED, 1, ATR);
    expect(d.present).toBe(true);
    expect(d.atr).toEqual(ATR);
    status(PRESENT | INUSE, 1);
    status(PRESENT | INUSE | EXCLUSIVE, 1);
    status(PRESENT, 1);
    status(EMPTY | CHANGED, 2);
    expect(d.present).toBe(false);
    expect(d.atr).toEqual(new Uint8Array(0));
    expect(events).toEqual(['inserted 3b8a8001', 'removed announced']);
  });

  it('masks the event counter: a card already present at counter 3 is inserted like any other', () => {
    const { events, status } = detector();
    status(PRESENT, 3, ATR);
    expect(events).toEqual(['inserted 3b8a8001']);
  });

  it('reports a quick remove + insert (counter +2 in one event) as both edges, across the counter wrap', () => {
    const { events, status } = detector();
    status(PRESENT, 0xffff, ATR);
    status(PRESENT, 0x0001, Uint8Array.from([0x3b, 0x00]));
    expect(events).toEqual(['inserted 3b8a8001', 'removed announced', 'inserted 3b00']);
  });

  it('drops a connection on EMPTY even when no card was announced, and is silent without one', () => {
    const { events, status, setConnection } = detector();
    status(EMPTY);
    expect(events).toEqual([]);
    setConnection(true);
    status(EMPTY);
    expect(events).toEqual(['removed silent']);
  });

  it('ignores a state that is neither EMPTY nor PRESENT', () => {
    const { d, events, status } = detector();
    status(UNAVAILABLE);
    expect(events).toEqual([]);
    expect(d.rawPresent).toBe(false);
  });
});

describe('CardDetector: a MUTE card (half in the field)', () => {
  it('announces nothing while mute and probes after the retry wait, then inserts once the card answers', () => {
    const { d, clock, events, status } = detector(10);
    status(PRESENT | MUTE, 1);
    expect(d.rawPresent).toBe(true);
    expect(d.present).toBe(false);
    clock.advance(9);
    expect(events).toEqual([]);
    clock.advance(1);
    expect(events).toEqual(['probe 1']);
    status(PRESENT, 1, ATR);
    expect(events).toEqual(['probe 1', 'inserted 3b8a8001']);
    expect(clock.pending()).toBe(0);
  });

  it('probes again after each failed probe, slowing down after the quick tries', () => {
    const { d, clock, events, status } = detector(10);
    status(PRESENT | MUTE, 1);
    const at: number[] = [];
    let elapsed = 0;
    while (at.length < UNSETTLED_TRIES + 2) {
      clock.advance(1);
      elapsed += 1;
      if (events.length > at.length) {
        at.push(elapsed);
        d.probeFailed();
      }
    }
    const gaps = at.map((t, i) => t - (at[i - 1] ?? 0));
    expect(gaps).toEqual([
      ...Array<number>(UNSETTLED_TRIES).fill(10),
      10 * UNSETTLED_SLOW_FACTOR,
      10 * UNSETTLED_SLOW_FACTOR,
    ]);
    expect(events.at(-1)).toBe(`probe ${UNSETTLED_TRIES + 2}`);
  });

  it('keeps a single probe pending however many mute events arrive', () => {
    const { clock, events, status } = detector(10);
    status(PRESENT | MUTE, 1);
    status(PRESENT | MUTE | CHANGED, 1);
    expect(clock.pending()).toBe(1);
    clock.advance(10);
    expect(events).toEqual(['probe 1']);
  });

  it('cancels the probe and starts the count again when the card leaves', () => {
    const { d, clock, events, status } = detector(10);
    status(PRESENT | MUTE, 1);
    clock.advance(10);
    d.probeFailed();
    status(EMPTY, 2);
    expect(clock.pending()).toBe(0);
    clock.advance(100);
    status(PRESENT | MUTE, 3);
    clock.advance(10);
    expect(events).toEqual(['probe 1', 'probe 1']);
  });

  it('does not probe when the card stopped being mute-and-present before the wait ended', () => {
    const { clock, events, status } = detector(10);
    status(PRESENT | MUTE, 1);
    status(UNAVAILABLE, 1);
    clock.advance(10);
    expect(events).toEqual([]);
  });

  it('drop() cancels the probe and says whether a card had been announced', () => {
    const { d, clock, status } = detector(10);
    status(PRESENT | MUTE, 1);
    expect(d.drop()).toBe(false);
    expect(clock.pending()).toBe(0);
    status(PRESENT, 1, ATR);
    expect(d.drop()).toBe(true);
    expect(d.present).toBe(false);
  });
});

describe('ServiceRecovery', () => {
  it('announces an outage once and its end once', () => {
    const clock = manualTimers();
    const recovery = new ServiceRecovery(clock.timers, { initialMs: 5, maxMs: 20 }, () => undefined);
    expect(recovery.markUp()).toBe(false);
    expect(recovery.markDown()).toBe(true);
    expect(recovery.markDown()).toBe(false);
    expect(recovery.markUp()).toBe(true);
    expect(recovery.markUp()).toBe(false);
  });

  it('retries after a wait that doubles up to the maximum, one retry at a time, and starts over once up', () => {
    const clock = manualTimers();
    let retries = 0;
    const recovery = new ServiceRecovery(clock.timers, { initialMs: 5, maxMs: 20 }, () => (retries += 1));
    const waits: Array<number | undefined> = [];
    for (let i = 0; i < 4; i += 1) {
      waits.push(recovery.scheduleRetry());
      expect(recovery.scheduleRetry()).toBeUndefined();
      clock.advance(20);
    }
    expect(waits).toEqual([5, 10, 20, 20]);
    expect(retries).toBe(4);
    recovery.markUp();
    expect(recovery.scheduleRetry()).toBe(5);
    clock.advance(4);
    expect(retries).toBe(4);
    clock.advance(1);
    expect(retries).toBe(5);
  });

  it('stop() cancels the pending retry and refuses new ones', () => {
    const clock = manualTimers();
    let retries = 0;
    const recovery = new ServiceRecovery(clock.timers, { initialMs: 5, maxMs: 20 }, () => (retries += 1));
    recovery.scheduleRetry();
    recovery.stop();
    expect(recovery.scheduleRetry()).toBeUndefined();
    clock.advance(1000);
    expect(retries).toBe(0);
    expect(clock.pending()).toBe(0);
  });
});
