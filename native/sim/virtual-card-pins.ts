// The virtual card's PIN counters: tries left of PIN 0018 and password 001B, optionally kept in a state file (my-number-card.md §1.1).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Which secret: the 利用者証明用 PIN (EF 0018) or the 署名用パスワード (EF 001B). */
export type PinId = 'auth' | 'sign';

/** §1.1: PIN rules. */
export const maxPinTries = 3;
export const maxSignPasswordTries = 5;
export const pinPattern = /^[0-9]{4}$/;
export const signPasswordPattern = /^[A-Z0-9]{6,16}$/;

export const maxTries: Record<PinId, number> = { auth: maxPinTries, sign: maxSignPasswordTries };

export interface PersistedCounters {
  pinTriesLeft: number;
  signPasswordTriesLeft: number;
}

export interface PinCounters {
  /** Tries left of one secret. */
  tries(pin: PinId): number;
  /** Sets the tries left, written through to the state file when there is one. */
  setTries(pin: PinId, value: number): void;
  readonly pinTriesLeft: number;
  readonly signPasswordTriesLeft: number;
}

function readCounters(file: string, defaults: PersistedCounters): PersistedCounters {
  if (!existsSync(file)) return defaults;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`virtual card state file ${file} is not valid JSON`, { cause: error });
  }
  const value = parsed as Partial<Record<keyof PersistedCounters, unknown>> | null;
  const valid = (n: unknown, max: number): n is number =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
  if (
    !value ||
    !valid(value.pinTriesLeft, maxPinTries) ||
    !valid(value.signPasswordTriesLeft, maxSignPasswordTries)
  ) {
    throw new Error(`virtual card state file ${file} does not hold valid retry counters`);
  }
  return { pinTriesLeft: value.pinTriesLeft, signPasswordTriesLeft: value.signPasswordTriesLeft };
}

function writeCounters(file: string, counters: PersistedCounters): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(counters) + '\n');
  renameSync(temp, file);
}

/**
 * The two retry counters, starting at `initial` or at what `stateFile` holds. Only the counters are
 * written to the file, never a PIN.
 */
export function createPinCounters(initial: PersistedCounters, stateFile?: string): PinCounters {
  const counters = stateFile ? readCounters(stateFile, initial) : { ...initial };
  return {
    tries: (pin) => (pin === 'auth' ? counters.pinTriesLeft : counters.signPasswordTriesLeft),
    setTries(pin, value) {
      if (pin === 'auth') counters.pinTriesLeft = value;
      else counters.signPasswordTriesLeft = value;
      if (stateFile) writeCounters(stateFile, counters);
    },
    get pinTriesLeft() {
      return counters.pinTriesLeft;
    },
    get signPasswordTriesLeft() {
      return counters.signPasswordTriesLeft;
    },
  };
}
