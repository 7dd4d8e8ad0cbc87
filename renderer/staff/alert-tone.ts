// A short two-note chime for staff alerts, made with WebAudio (no sound file), and the mute setting it obeys.

/** The parts of WebAudio the chime uses; the browser's AudioContext has them, tests pass a recorder. */
export interface ToneContext {
  readonly currentTime: number;
  readonly destination: unknown;
  readonly state: string;
  resume(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { setValueAtTime(value: number, at: number): unknown };
    connect(node: never): unknown;
    start(at: number): void;
    stop(at: number): void;
  };
  createGain(): {
    gain: {
      setValueAtTime(value: number, at: number): unknown;
      linearRampToValueAtTime(value: number, at: number): unknown;
    };
    connect(node: never): unknown;
  };
}

/** Two notes a fourth apart, each a quarter of a second: heard across a reception desk, not a patient alarm. */
export const CHIME_NOTES_HZ = [880, 660] as const;
export const CHIME_NOTE_SECONDS = 0.25;
const PEAK_GAIN = 0.2;

export interface AlertTone {
  play(): void;
}

/**
 * The chime over a lazily made context (browsers allow sound once the page has had a click, which signing in
 * gives). A page without WebAudio, or one that refuses it, stays silent; the visible alert still shows.
 */
export function createAlertTone(makeContext: () => ToneContext | undefined): AlertTone {
  let context: ToneContext | undefined;
  return {
    play() {
      try {
        context ??= makeContext();
        const ctx = context;
        if (!ctx) return;
        if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
        const start = ctx.currentTime;
        CHIME_NOTES_HZ.forEach((hz, i) => {
          const at = start + i * CHIME_NOTE_SECONDS;
          const oscillator = ctx.createOscillator();
          const gain = ctx.createGain();
          oscillator.type = 'sine';
          oscillator.frequency.setValueAtTime(hz, at);
          // A soft attack and release: no click at either end of the note.
          gain.gain.setValueAtTime(0, at);
          gain.gain.linearRampToValueAtTime(PEAK_GAIN, at + 0.02);
          gain.gain.linearRampToValueAtTime(0, at + CHIME_NOTE_SECONDS);
          oscillator.connect(gain as never);
          gain.connect(ctx.destination as never);
          oscillator.start(at);
          oscillator.stop(at + CHIME_NOTE_SECONDS);
        });
      } catch {
        // No sound on this machine: the alert banner is the signal.
      }
    },
  };
}

/** The browser's AudioContext, when the page has one. */
export function browserToneContext(): ToneContext | undefined {
  const Ctor = (globalThis as { AudioContext?: new () => ToneContext }).AudioContext;
  return Ctor ? new Ctor() : undefined;
}

/** Where this browser remembers that staff muted the chime. */
export const MUTE_STORAGE_KEY = 'kiosk.staff.alertMuted';

export interface MuteStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readMuted(store: MuteStore | undefined): boolean {
  try {
    return store?.getItem(MUTE_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeMuted(store: MuteStore | undefined, muted: boolean): void {
  try {
    store?.setItem(MUTE_STORAGE_KEY, muted ? '1' : '0');
  } catch {
    // Storage refused (private mode): the choice lasts until the page reloads.
  }
}
