// Press-and-hold for the staff entrance on idle: a patient's tap does nothing; a 2-second hold (finger, mouse, Enter or Space) opens it.

/**
 * How long staff hold the entrance. A product choice: far longer than any patient's tap or accidental
 * brush, short enough for staff to do without thinking.
 */
export const STAFF_HOLD_MS = 2_000;
/** How often the progress bar moves while held (about 30 steps a second). */
export const HOLD_TICK_MS = 33;

export interface HoldClock {
  now(): number;
  every(ms: number, tick: () => void): () => void;
}

export interface Hold {
  /** A finger or key went down on the entrance. A second start while held changes nothing. */
  start(): void;
  /** Released, slid off or cancelled: progress drops back to zero. */
  cancel(): void;
}

/**
 * Reports progress 0..1 while held and calls `open` once the hold reaches `holdMs`. Opening ends the hold;
 * a new hold starts from zero.
 */
export function createHold(
  clock: HoldClock,
  onProgress: (fraction: number) => void,
  open: () => void,
  holdMs: number = STAFF_HOLD_MS,
): Hold {
  let startedAt: number | undefined;
  let stopTicking: (() => void) | undefined;
  const end = (): void => {
    stopTicking?.();
    stopTicking = undefined;
    startedAt = undefined;
  };
  return {
    start() {
      if (startedAt !== undefined) return;
      startedAt = clock.now();
      onProgress(0);
      stopTicking = clock.every(HOLD_TICK_MS, () => {
        if (startedAt === undefined) return;
        const fraction = Math.min(1, (clock.now() - startedAt) / holdMs);
        onProgress(fraction);
        if (fraction >= 1) {
          end();
          open();
        }
      });
    },
    cancel() {
      if (startedAt === undefined) return;
      end();
      onProgress(0);
    },
  };
}
