// Card detection and pcscd recovery, free of pcsclite: status edges → card events, MUTE probes, retry backoff.
import { SCARD_STATE, STATE_MASK } from './pcsc-like';

/** The timers detection runs on; tests inject their own clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process's timers, looked up at each call (so a test's fake timers apply too). */
export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Tries of connect() while a card settles in the field, and quick tries of the MUTE probe; after those
 * the probe goes on at a quarter of the pace for as long as the card stays MUTE (§10 pitfall 8).
 */
export const UNSETTLED_TRIES = 4;
export const UNSETTLED_SLOW_FACTOR = 4;
/** A remove + insert between two status events advances the event counter by 2 (§9.1, §10 pitfall 8). */
export const COUNTER_REINSERT_STEP = 2;

const hasFlag = (state: number, flag: number): boolean => (state & flag) !== 0;

/** What a card detector tells its driver. */
export interface CardDetectorEvents {
  /** The card is present and answered its power-up (rising edge of PRESENT, not MUTE). */
  inserted(atr: Uint8Array): void;
  /**
   * The card left (rising edge of EMPTY, or a remove + insert seen as one event): the driver drops its
   * connection. `wasPresent` says whether an insertion had been announced and so a removal must be.
   */
  removed(wasPresent: boolean): void;
  /** A MUTE card (half in the field) is due for a probe connect; `tries` counts the probes so far. */
  probe(tries: number): void;
}

export interface CardDetectorOptions extends CardDetectorEvents {
  timers: Timers;
  /** Wait before probing a MUTE card, at the quick pace. */
  unsettledRetryMs: number;
  /** Whether the driver holds a connection on this reader: EMPTY drops it even if no card was announced. */
  hasConnection(): boolean;
}

/**
 * The card side of one reader as a state machine over its status events (my-number-card.md §9.1, §10
 * pitfall 8). Only the rising edges of EMPTY and PRESENT count; INUSE/EXCLUSIVE toggles from the driver's
 * own connects change neither and so report nothing.
 */
export class CardDetector {
  private presentNow = false;
  /** Last raw state with the event counter masked off, and the counter itself. */
  private state: number | undefined;
  private counter: number | undefined;
  private atrNow = new Uint8Array(0);
  private probeTimer: unknown;
  private probeTries = 0;

  constructor(private readonly options: CardDetectorOptions) {}

  /** True between an `inserted` and the next `removed`. */
  get present(): boolean {
    return this.presentNow;
  }

  /** The ATR of the last status event with one (empty after EMPTY). */
  get atr(): Uint8Array {
    return this.atrNow;
  }

  /** Whether the last status event had PRESENT set, announced or not (a MUTE card is present). */
  get rawPresent(): boolean {
    return this.state !== undefined && hasFlag(this.state, SCARD_STATE.PRESENT);
  }

  /** One `status` event: the raw dwEventState (event counter in the upper 16 bits) and the ATR if any. */
  onStatus(rawState: number, atr?: Uint8Array): void {
    const raw = rawState >>> 0;
    const state = raw & STATE_MASK;
    const counter = raw >>> 16;
    const previousCounter = this.counter;
    this.state = state;
    this.counter = counter;
    if (atr && atr.length > 0) this.atrNow = new Uint8Array(atr);

    if (hasFlag(state, SCARD_STATE.EMPTY)) {
      this.cancelProbe();
      this.atrNow = new Uint8Array(0);
      if (this.presentNow || this.options.hasConnection()) this.markRemoved();
      return;
    }
    if (!hasFlag(state, SCARD_STATE.PRESENT)) return;
    const counterStep = previousCounter === undefined ? 0 : (counter - previousCounter + 0x10000) % 0x10000;
    if (this.presentNow && counterStep >= COUNTER_REINSERT_STEP) {
      // A quick remove + insert arrived as one event: report both edges.
      this.markRemoved();
    }
    if (hasFlag(state, SCARD_STATE.MUTE)) {
      if (!this.presentNow) this.scheduleProbe();
      return;
    }
    this.cancelProbe();
    if (!this.presentNow) {
      this.presentNow = true;
      this.options.inserted(this.atrNow);
    }
  }

  /** The probe connect failed as an unsettled card does: probe again later (slower after a few tries). */
  probeFailed(): void {
    this.scheduleProbe();
  }

  /** The reader went: no more probes. Answers whether a card had been announced (its removal is due). */
  drop(): boolean {
    this.cancelProbe();
    const wasPresent = this.presentNow;
    this.presentNow = false;
    return wasPresent;
  }

  private markRemoved(): void {
    const wasPresent = this.presentNow;
    this.presentNow = false;
    this.options.removed(wasPresent);
  }

  /**
   * MUTE: the card did not answer its power-up, usually because it is only half in the field. A probe
   * connect makes pcscd power it up again; when that works the next status event shows it present.
   */
  private scheduleProbe(): void {
    if (this.probeTimer !== undefined) return;
    const { timers, unsettledRetryMs } = this.options;
    const wait = unsettledRetryMs * (this.probeTries < UNSETTLED_TRIES ? 1 : UNSETTLED_SLOW_FACTOR);
    this.probeTimer = timers.setTimeout(() => {
      this.probeTimer = undefined;
      this.probeTries += 1;
      const state = this.state;
      if (this.presentNow || state === undefined) return;
      if (!hasFlag(state, SCARD_STATE.PRESENT) || !hasFlag(state, SCARD_STATE.MUTE)) return;
      this.options.probe(this.probeTries);
    }, wait);
  }

  private cancelProbe(): void {
    if (this.probeTimer !== undefined) this.options.timers.clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.probeTries = 0;
  }
}

/**
 * Whether pcscd is reachable, and when to try again (§10 pitfalls 1, 2): an outage is announced once, a
 * retry waits `initialMs` doubling up to `maxMs`, and a new context resets the wait.
 */
export class ServiceRecovery {
  private down = false;
  private waitMs: number;
  private timer: unknown;
  private stopped = false;

  constructor(
    private readonly timers: Timers,
    private readonly backoff: { initialMs: number; maxMs: number },
    private readonly retry: () => void,
  ) {
    this.waitMs = backoff.initialMs;
  }

  /** The service cannot be reached: answers true only for the first report of an outage. */
  markDown(): boolean {
    if (this.down) return false;
    this.down = true;
    return true;
  }

  /** A context was established: the wait starts again from `initialMs`; answers true when this ends an outage. */
  markUp(): boolean {
    this.waitMs = this.backoff.initialMs;
    const wasDown = this.down;
    this.down = false;
    return wasDown;
  }

  /** Schedules one retry and answers its wait, or undefined when one is already due or recovery stopped. */
  scheduleRetry(): number | undefined {
    if (this.stopped || this.timer !== undefined) return undefined;
    const wait = this.waitMs;
    this.waitMs = Math.min(this.waitMs * 2, this.backoff.maxMs);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.retry();
    }, wait);
    return wait;
  }

  /** No more retries. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
