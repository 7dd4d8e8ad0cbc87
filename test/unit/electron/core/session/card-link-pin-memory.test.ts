// A wrong and a right PIN through the card link, the JPKI protocol and a simulated card leave no copy behind.
import { closeSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { createJpkiCard } from '../../../../../native/card/jpki-card';
import { createSimulatedReaderPort } from '../../../../../native/sim/simulated-reader-port';
import { createVirtualCard, type VirtualCardProfile } from '../../../../../native/sim/virtual-card';
import { CardLink } from '../../../../../electron/core/session/card-link';
import { startKiosk, type RunningKiosk } from '../../../../../electron/core/app';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { createInMemoryPair } from '../../../../../electron/core/ipc/in-memory-host';
import { invokeChannels } from '../../../../../electron/common/contract';

// The PINs are kept as digit values, never as literal text: this file's own source is in the heap.
const WRONG_DIGITS = [7, 3, 9, 1];
const RIGHT_DIGITS = [5, 8, 2, 4];
const DECOY_DIGITS = [6, 0, 1, 7];

/** Reading the process's memory and writing a heap snapshot take seconds on a busy machine. */
const HEAVY_MS = 90_000;
const pinText = (digits: readonly number[]): string => String.fromCharCode(...digits.map((d) => 0x30 + d));

/** The header of the VERIFY of the auth PIN with 4 data bytes: CLA 00, INS 20, P1 00, P2 80, Lc 04 (§2). */
const VERIFY_HEADER = Uint8Array.of(0x00, 0x20, 0x00, 0x80, 0x04);

/** What the check-in holds after the PIN step: the link, its card protocol and the reader stay in use. */
interface Held {
  link: CardLink;
  trace: string[];
  outcomes: string[];
}

/** Card + PIN up to a verified PIN: the wrong PIN once, then the right one, as a patient does. */
async function verifyWrongThenRight(): Promise<Held> {
  const reader = 'Simulated Reader 00';
  const port = createSimulatedReaderPort({ readers: [reader] });
  // The virtual card stands in for the chip, which holds the right PIN by nature (as bytes). The test drops
  // its own profile copy of the PIN text once the card is made.
  const profile: VirtualCardProfile = { pin: pinText(RIGHT_DIGITS) };
  port.present(reader, createVirtualCard(profile));
  delete profile.pin;
  const trace: string[] = [];
  const link = new CardLink(
    {
      reader,
      port,
      openCard: (transmit) => createJpkiCard(transmit, { trace: (line) => trace.push(line) }),
      random: (n) => new Uint8Array(n).fill(1),
    },
    new AbortController().signal,
  );
  await link.openShared();
  await link.readPinStatus();
  await link.useExclusive();
  const outcomes: string[] = [];
  for (const digits of [WRONG_DIGITS, RIGHT_DIGITS]) {
    outcomes.push(
      await link.verifyPin(pinText(digits)).then(
        () => 'verified',
        (error: unknown) => (error as { code: string }).code,
      ),
    );
  }
  return { link, trace, outcomes };
}

/**
 * How many times the VERIFY APDU carrying `digits` is in this process's writable memory: every rw mapping
 * of /proc/self/maps read through /proc/self/mem, garbage not yet collected included. Only the header is
 * held as a byte pattern; the PIN bytes after it are compared digit by digit, so no copy of the searched
 * APDU is made by the search itself.
 */
function apduCopiesInMemory(pins: readonly (readonly number[])[]): number[] {
  const regions = readFileSync('/proc/self/maps', 'utf8')
    .split('\n')
    .map((line) => /^([0-9a-f]+)-([0-9a-f]+) rw/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16)] as const);
  const chunk = Buffer.allocUnsafeSlow(4 << 20);
  const fd = openSync('/proc/self/mem', 'r');
  const found = pins.map(() => 0);
  try {
    for (const [start, end] of regions) {
      // Chunks overlap by the pattern's length, so an APDU across a chunk edge is still seen.
      for (let at = start; at < end; at += chunk.length - 16) {
        let read: number;
        try {
          read = readSync(fd, chunk, 0, Math.min(chunk.length, end - at), at);
        } catch {
          break;
        }
        for (
          let i = chunk.indexOf(VERIFY_HEADER);
          i >= 0 && i + 9 <= read;
          i = chunk.indexOf(VERIFY_HEADER, i + 1)
        ) {
          pins.forEach((digits, n) => {
            if (digits.every((d, k) => chunk[i + 5 + k] === 0x30 + d)) found[n] = (found[n] ?? 0) + 1;
          });
        }
        if (at + read >= end) break;
      }
    }
  } finally {
    closeSync(fd);
  }
  return found;
}

/**
 * The content of every string object in a V8 heap snapshot (nodes of the string types; the snapshot's
 * "strings" table also holds names and numbered slot labels, which are not strings of the program).
 */
function heapStrings(snapshotText: string): string[] {
  const snapshot = JSON.parse(snapshotText) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const stringTypes = new Set(
    ['string', 'concatenated string', 'sliced string'].map((name) => types.indexOf(name)),
  );
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const texts: string[] = [];
  for (let node = 0; node < snapshot.nodes.length; node += fields.length) {
    if (stringTypes.has(snapshot.nodes[node + typeAt] ?? -1)) {
      texts.push(snapshot.strings[snapshot.nodes[node + nameAt] ?? -1] ?? '');
    }
  }
  return texts;
}

describe('the PIN on its way to the card', () => {
  it.runIf(process.platform === 'linux')(
    'leaves no VERIFY APDU with either PIN in memory once each attempt has answered',
    async () => {
      // A VERIFY left unwiped on purpose, with digits of its own: the scan must find it.
      const decoy = new Uint8Array(new ArrayBuffer(9));
      decoy.set([...VERIFY_HEADER, ...DECOY_DIGITS.map((d) => 0x30 + d)]);
      const held = await verifyWrongThenRight();
      expect(held.outcomes).toEqual(['card.pin-wrong', 'verified']);
      // Scanned before any snapshot or forced collection: garbage not yet collected is still seen.
      const [wrong, right, decoys] = apduCopiesInMemory([WRONG_DIGITS, RIGHT_DIGITS, DECOY_DIGITS]);
      expect({ wrong, right }).toEqual({ wrong: 0, right: 0 });
      expect(decoys).toBeGreaterThanOrEqual(1);
      decoy.fill(0);
      held.link.wipe();
    },
    HEAVY_MS,
  );

  it(
    'leaves neither PIN in the V8 heap as text, nor a trace line that shows one',
    async () => {
      const held = await verifyWrongThenRight();
      expect(held.outcomes).toEqual(['card.pin-wrong', 'verified']);
      const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pin-heap-'));
      try {
        // The link, its card and the trace are still held, as during signing and the gateway call.
        const file = writeHeapSnapshot(path.join(dir, 'after-pin.heapsnapshot'));
        const texts = heapStrings(readFileSync(file, 'utf8'));
        expect(texts.length).toBeGreaterThan(1000);
        for (const digits of [WRONG_DIGITS, RIGHT_DIGITS]) {
          const pin = pinText(digits);
          const hex = digits.map((d) => (0x30 + d).toString(16)).join(' ');
          const apduText = [`00 20 00 80 04 ${hex}`, `0020008004${hex.replaceAll(' ', '')}`];
          expect(texts.filter((text) => text === pin).length, 'the PIN as a string').toBe(0);
          expect(
            texts.filter((text) => apduText.some((form) => text.toLowerCase().includes(form))).length,
            'the VERIFY APDU as hex text',
          ).toBe(0);
        }
        // The VERIFY went out twice, masked.
        expect(held.trace.filter((line) => line.startsWith('> 00 20 00 80 04 XX XX XX XX'))).toHaveLength(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        held.link.wipe();
      }
    },
    HEAVY_MS,
  );

  it(
    'through the IPC contract, the check-in session and the simulated kiosk: no wrong PIN left as text',
    async () => {
      const { host, client } = createInMemoryPair();
      // The simulator's cards are made with the right PIN, which the simulation keeps: only the wrong PIN,
      // which no part of the kiosk has a reason to hold, is searched as text here; both as APDUs.
      const kiosk: RunningKiosk = await startKiosk(host, parseConfig({}), undefined, {
        simulationCardPin: pinText(RIGHT_DIGITS),
      });
      const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pin-heap-'));
      try {
        await client.invoke('renderer.ready', {});
        const settle = (): Promise<void> => kiosk.core.controller?.settled() ?? Promise.resolve();
        const screen = async (): Promise<string> => {
          const result = await client.invoke('session.get', {});
          return result.ok ? result.value.screen.name : result.error.code;
        };
        expect((await client.invoke('sim.present', { variant: 'physical', holderId: 'p01' })).ok).toBe(true);
        await settle();
        expect(await screen()).toBe('pin');
        const answers: string[] = [];
        for (const digits of [WRONG_DIGITS, RIGHT_DIGITS]) {
          // PIN submissions closer than 300 ms are refused by the session's rate limit.
          await new Promise((resolve) => setTimeout(resolve, 350));
          const result = await client.invoke('pin.submit', { pin: pinText(digits) });
          answers.push(result.ok ? 'ok' : result.error.code);
          await settle();
          answers.push(await screen());
        }
        expect(answers[0]).toBe('ok');
        expect(answers[1]).toBe('pin');
        expect(answers[2]).toBe('ok');
        expect(answers[3]).not.toBe('pin');

        if (process.platform === 'linux') {
          expect(apduCopiesInMemory([WRONG_DIGITS, RIGHT_DIGITS])).toEqual([0, 0]);
        }
        const file = writeHeapSnapshot(path.join(dir, 'kiosk-after-pin.heapsnapshot'));
        const texts = heapStrings(readFileSync(file, 'utf8'));
        const wrong = pinText(WRONG_DIGITS);
        expect(texts.filter((text) => text === wrong).length, 'the wrong PIN as a string').toBe(0);
        expect(texts.filter((text) => text.includes(`"pin":"${wrong}"`)).length, 'a request as JSON').toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await kiosk.stop();
      }
    },
    HEAVY_MS,
  );

  it('the contract checks a PIN without a regular expression, which would leave it in RegExp.input', () => {
    const pin = pinText(WRONG_DIGITS);
    expect(invokeChannels['pin.submit'].request.safeParse({ pin: `${pin.slice(1)}x` }).success).toBe(false);
    expect(invokeChannels['pin.submit'].request.safeParse({ pin }).success).toBe(true);
    expect(RegExp.input === pin).toBe(false);
  });
});
