// Rate limit on PIN submissions: the renderer is untrusted, so the core refuses submissions no person could make.
import { KioskError } from '../../common/errors';

/**
 * How fast PIN submissions may come. A person needs at least about a second to read the 「暗証番号が
 * 違います」 message, type the four digits of the JPKI user authentication PIN again and press OK, so a
 * submission sooner than `minIntervalMs` after the previous submission, or after the PIN pad came back
 * following one, is a script, not a patient; the margin below one second keeps fast typists and event
 * jitter clear of the limit. The first submission of a session is not timed: a script can always wait
 * once, so timing it would bound nothing, while what bounds guessing is the pace between tries and
 * `maxPerSession`. The card itself locks after three wrong PINs (my-number-card.md §5), so a patient
 * never needs more than five submissions; the rest of the budget covers malformed entries the card
 * layer refuses before any VERIFY.
 */
export const PIN_SUBMIT_LIMITS = { minIntervalMs: 300, maxPerSession: 5 } as const;

export interface PinSubmitLimits {
  minIntervalMs: number;
  maxPerSession: number;
}

/** One card session's PIN submission budget, on the session's injected clock. */
export class PinRateLimiter {
  private shownAt: number | undefined;
  private lastAttemptAt: number | undefined;
  private accepted = 0;

  constructor(private readonly limits: PinSubmitLimits = PIN_SUBMIT_LIMITS) {}

  /** The PIN pad appeared at `now` (ms); it counts once a submission has been made in this session. */
  pinShown(now: number): void {
    if (this.lastAttemptAt !== undefined) this.shownAt = now;
  }

  /**
   * Admits one submission at `now` (ms) or throws `session.rate-limited`. A refused submission also
   * restarts the interval, so a script that keeps hammering is never admitted.
   */
  admit(now: number): void {
    const since = Math.max(
      this.shownAt ?? Number.NEGATIVE_INFINITY,
      this.lastAttemptAt ?? Number.NEGATIVE_INFINITY,
    );
    this.lastAttemptAt = now;
    if (this.accepted >= this.limits.maxPerSession) {
      throw new KioskError(
        'session.rate-limited',
        '暗証番号の入力回数が上限に達しました。職員にお声がけください',
      );
    }
    if (since !== Number.NEGATIVE_INFINITY && now - since < this.limits.minIntervalMs) {
      throw new KioskError('session.rate-limited', '暗証番号の送信が速すぎます。もう一度入力してください');
    }
    this.accepted += 1;
  }
}
