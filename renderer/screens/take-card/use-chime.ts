// A soft two-note chime, repeated while the card lies on the reader, so the patient turns back for it.
import { useEffect } from 'react';

/** Seconds between chimes while the take-card screen shows. */
export const CHIME_REPEAT_SECONDS = 10;

/** Two descending sine notes (A5, E5), quiet and short: a cue, never an alarm. */
const notes = [
  { hz: 880, at: 0 },
  { hz: 659.25, at: 0.28 },
] as const;
const NOTE_SECONDS = 0.6;
const PEAK_GAIN = 0.08;

type AudioContextClass = new () => AudioContext;

function audioContextClass(): AudioContextClass | undefined {
  if (typeof window === 'undefined') return undefined;
  const withPrefix = window as Window & { webkitAudioContext?: AudioContextClass };
  return window.AudioContext ?? withPrefix.webkitAudioContext;
}

function playChime(context: AudioContext): void {
  const start = context.currentTime;
  for (const note of notes) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.hz;
    const t0 = start + note.at;
    // A soft attack and a long fade keep it gentle.
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(PEAK_GAIN, t0 + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + NOTE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(t0);
    oscillator.stop(t0 + NOTE_SECONDS);
  }
}

/** Chimes at once and every CHIME_REPEAT_SECONDS while mounted; silent where the browser has no audio. */
export function useChime(): void {
  useEffect(() => {
    const Context = audioContextClass();
    if (!Context) return;
    let context: AudioContext;
    try {
      context = new Context();
    } catch {
      return;
    }
    const ring = (): void => {
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      playChime(context);
    };
    ring();
    const timer = window.setInterval(ring, CHIME_REPEAT_SECONDS * 1000);
    return () => {
      window.clearInterval(timer);
      void context.close().catch(() => undefined);
    };
  }, []);
}
