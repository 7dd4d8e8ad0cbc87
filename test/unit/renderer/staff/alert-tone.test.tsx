// The staff chime: two short notes on WebAudio, silent where there is none, and the remembered mute.
import { describe, expect, it } from 'vitest';
import {
  CHIME_NOTE_SECONDS,
  CHIME_NOTES_HZ,
  MUTE_STORAGE_KEY,
  createAlertTone,
  readMuted,
  writeMuted,
  type ToneContext,
} from '../../../../renderer/staff/alert-tone';

/** Records the notes scheduled on it, the way an AudioContext would play them. */
function recordingContext(state = 'running') {
  const notes: { hz: number; start: number; stop: number }[] = [];
  let resumed = 0;
  const context: ToneContext = {
    currentTime: 10,
    destination: {},
    state,
    resume: () => {
      resumed += 1;
      return Promise.resolve();
    },
    createOscillator() {
      const note = { hz: 0, start: 0, stop: 0 };
      return {
        type: '',
        frequency: { setValueAtTime: (value: number) => (note.hz = value) },
        connect: () => undefined,
        start: (at: number) => {
          note.start = at;
          notes.push(note);
        },
        stop: (at: number) => (note.stop = at),
      };
    },
    createGain: () => ({
      gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined },
      connect: () => undefined,
    }),
  };
  return { context, notes, resumed: () => resumed };
}

describe('createAlertTone', () => {
  it('plays the two notes one after the other, each a quarter of a second', () => {
    const rec = recordingContext();
    createAlertTone(() => rec.context).play();
    expect(rec.notes).toEqual([
      { hz: CHIME_NOTES_HZ[0], start: 10, stop: 10 + CHIME_NOTE_SECONDS },
      { hz: CHIME_NOTES_HZ[1], start: 10 + CHIME_NOTE_SECONDS, stop: 10 + 2 * CHIME_NOTE_SECONDS },
    ]);
  });

  it('makes its context once and wakes a suspended one', () => {
    const rec = recordingContext('suspended');
    let made = 0;
    const tone = createAlertTone(() => {
      made += 1;
      return rec.context;
    });
    tone.play();
    tone.play();
    expect(made).toBe(1);
    expect(rec.resumed()).toBe(2);
    expect(rec.notes).toHaveLength(4);
  });

  it('stays silent, without throwing, where there is no WebAudio or it refuses', () => {
    expect(() => createAlertTone(() => undefined).play()).not.toThrow();
    expect(() =>
      createAlertTone(() => {
        throw new Error('not allowed');
      }).play(),
    ).not.toThrow();
  });
});

describe('mute', () => {
  it('is remembered in the browser, and off when nothing is stored', () => {
    const stored = new Map<string, string>();
    const store = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    };
    expect(readMuted(store)).toBe(false);
    writeMuted(store, true);
    expect(stored.get(MUTE_STORAGE_KEY)).toBe('1');
    expect(readMuted(store)).toBe(true);
    writeMuted(store, false);
    expect(readMuted(store)).toBe(false);
  });

  it('a storage that refuses leaves the chime on', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readMuted(refusing)).toBe(false);
    expect(() => writeMuted(refusing, true)).not.toThrow();
    expect(readMuted(undefined)).toBe(false);
  });
});
