// A Transmit that replays a recorded transcript and records every mismatch, for the card-protocol tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Transmit } from '../../../../native/card/apdu-channel';
import { fromHex, toHex } from '../../../../native/card/bytes';

export interface Exchange {
  command: string;
  /** Response hex, or an error the transmit throws instead of answering. */
  response: string | Error;
}

export interface Transcript {
  description: string;
  challenge?: string;
  exchanges: { command: string; response: string }[];
}

export const fixturesDir = path.resolve(import.meta.dirname, '../../../fixtures/card');

export function loadTranscript(name: string): Transcript {
  return JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), 'utf8')) as Transcript;
}

export const fixtureCertificate = (): Uint8Array =>
  new Uint8Array(readFileSync(path.join(fixturesDir, 'test-jpki-auth.cert.der')));
export const fixturePrivateKeyPem = (): string =>
  readFileSync(path.join(fixturesDir, 'test-jpki-auth.key.pem'), 'utf8');

export interface Replay {
  transmit: Transmit;
  /** Every APDU sent, as compact hex, with its sensitive flag. */
  readonly sent: { hex: string; sensitive: boolean }[];
  /** Asserts that every command matched the recording and that all of it was used. */
  expectFinished(): void;
}

const normalise = (hex: string): string => hex.replace(/\s/g, '').toUpperCase();

/**
 * Replays `exchanges` in order. A command differing from the recording, or one past its end, is
 * recorded as a failure (the transmit also rejects, but the card layer may turn that into a
 * CardError), so `expectFinished` fails the test even when the code under test swallowed it.
 */
export function replayTransmit(exchanges: readonly Exchange[]): Replay {
  const sent: { hex: string; sensitive: boolean }[] = [];
  const failures: string[] = [];
  let index = 0;
  const transmit: Transmit = (apdu, options) => {
    const hex = toHex(apdu, '');
    sent.push({ hex, sensitive: options?.sensitive === true });
    const expected = exchanges[index];
    if (!expected) {
      failures.push(`APDU #${index + 1} ${hex} was sent after the end of the recording`);
      return Promise.reject(new Error(failures.at(-1)));
    }
    if (normalise(expected.command) !== hex) {
      failures.push(`APDU #${index + 1}: sent ${hex}, recorded ${normalise(expected.command)}`);
      return Promise.reject(new Error(failures.at(-1)));
    }
    index += 1;
    if (expected.response instanceof Error) return Promise.reject(expected.response);
    return Promise.resolve(fromHex(expected.response));
  };
  return {
    transmit,
    sent,
    expectFinished() {
      expect(failures).toEqual([]);
      expect(index, `${exchanges.length - index} recorded exchanges were never sent`).toBe(exchanges.length);
    },
  };
}
