// The pcsclite ReaderPort against a real pcscd + vsmartcard-vpcd with virtual My Number cards (my-number-card.md §5, §8, §10).
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createJpkiCard,
  verifyChallengeSignature,
  type CertificateInfo,
  type JpkiCard,
} from '../../../../native/card';
import { CardError } from '../../../../native/card/card-error';
import { createPcscReaderPort } from '../../../../native/pcsc/pcsc-reader-port';
import { isPcscd, ownPcscdPid, pcscdPid, restartedPidFile, startPcscd } from '../../../support/pcscd';
import { isCI } from '../../../support/requirements';
import type { CardConnection, ReaderEvent, ReaderPort } from '../../../../native/reader/reader-port';
import {
  createVirtualCard,
  presentOverVpcd,
  type VirtualCard,
  type VpcdPresentation,
} from '../../../../native/sim';

const SLOT0 = { reader: 'Virtual PCD 00 00', port: 35963 };
const SLOT1 = { reader: 'Virtual PCD 00 01', port: 35964 };
const PIN = '1234';
const WRONG_PIN = '9999';
const EVENT_TIMEOUT_MS = 10_000;

let port: ReaderPort;
const trace: string[] = [];
const events: ReaderEvent[] = [];
/** Every card still in a slot, taken out after each test so a failure cannot block the next one. */
const presented = new Set<VpcdPresentation>();
const waiters = new Set<{ match: (e: ReaderEvent) => boolean; resolve: (e: ReaderEvent) => void }>();

/** Resolves on the next matching event (a 10 s bound turns a lost event into a clear failure, not a hang). */
function nextEvent(match: (e: ReaderEvent) => boolean, what: string): Promise<ReaderEvent> {
  const promise = new Promise<ReaderEvent>((resolve, reject) => {
    const waiter = {
      match,
      resolve: (e: ReaderEvent) => {
        clearTimeout(timer);
        resolve(e);
      },
    };
    const timer = setTimeout(() => {
      waiters.delete(waiter);
      reject(new Error(`no ${what} within ${EVENT_TIMEOUT_MS} ms`));
    }, EVENT_TIMEOUT_MS);
    waiters.add(waiter);
  });
  // Marked handled at once: a wait abandoned by a failing step must not become an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}

const cardEvent = (type: 'card-inserted' | 'card-removed', reader: string) =>
  nextEvent((e) => e.type === type && e.reader === reader, `${type} on ${reader}`);

/** Presents a card on a slot and resolves once the port has reported it. */
async function present(card: VirtualCard, slot = SLOT0): Promise<VpcdPresentation> {
  const inserted = cardEvent('card-inserted', slot.reader);
  const presentation = await presentOverVpcd({ card, port: slot.port });
  presented.add(presentation);
  await inserted;
  return presentation;
}

/** Takes the card out (if vpcd still has it) and waits for the port's card-removed. */
async function takeOut(presentation: VpcdPresentation, slot = SLOT0): Promise<void> {
  const removed = port.cardPresent(slot.reader) ? cardEvent('card-removed', slot.reader) : undefined;
  await presentation.remove();
  await removed;
}

const serialOf = (certificate: CertificateInfo): bigint => BigInt(`0x${certificate.serialNumber}`);

const jpki = (connection: CardConnection): JpkiCard =>
  createJpkiCard((apdu, options) => connection.transmit(apdu, options));

interface FlowResult {
  certificate: CertificateInfo;
  triesBefore: number;
  triesAfterWrong: number;
  signature: Uint8Array;
  challenge: Uint8Array;
}

/**
 * The card + PIN route (§5.1, §5.2): SHARED to identify and read the certificate, then EXCLUSIVE for the
 * PIN; a wrong PIN first (tries shown), then the right one, then the signature. `steps` counts APDUs.
 */
async function cardFlow(reader: string, steps: string[] = []): Promise<FlowResult> {
  const shared = await port.connect(reader, 'shared');
  const reading = jpki(shared);
  await reading.select();
  steps.push(`ready for PIN after ${reading.apduCount} APDU`);
  const token = await reading.readTokenKind();
  expect(token.kind).toBe('card');
  const certificate = await reading.readAuthCertificate();
  const status = await reading.pinStatus();
  await shared.disconnect();
  if (status.state !== 'ready') throw new Error(`PIN not ready: ${status.state}`);

  const exclusive = await port.connect(reader, 'exclusive');
  try {
    const proving = jpki(exclusive);
    await proving.select();
    const wrong = await proving.verifyPin(WRONG_PIN).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(wrong instanceof CardError) || wrong.code !== 'card.pin-wrong') throw wrong;
    const triesAfterWrong = wrong.details.triesLeft ?? -1;
    await proving.verifyPin(PIN);
    const challenge = Uint8Array.from(Buffer.from(`kiosk-challenge-${Date.now()}`));
    const signature = await proving.signChallenge(challenge);
    return { certificate, triesBefore: status.triesLeft, triesAfterWrong, signature, challenge };
  } finally {
    await exclusive.disconnect();
  }
}

async function until(check: () => boolean, what: string, ms = EVENT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(inject('pcscdAvailable'))('pcsclite ReaderPort with pcscd + vpcd', () => {
  beforeAll(async () => {
    port = createPcscReaderPort({
      nameFilter: 'Virtual PCD',
      transmitTimeoutMs: 5_000,
      recovery: { initialMs: 100, maxMs: 500 },
      log: (line) => trace.push(line),
    });
    port.subscribe((event) => {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (!waiter.match(event)) continue;
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    });
    await until(
      () => port.readers().includes(SLOT0.reader) && port.readers().includes(SLOT1.reader),
      'both vpcd readers',
    );
  });

  afterEach(async () => {
    await Promise.all([...presented].map((p) => p.remove()));
    presented.clear();
  });

  afterAll(async () => {
    await port?.close();
  });

  it('detect → identify → certificate → tries left → wrong PIN → right PIN → sign → signature verifies', async () => {
    const card = createVirtualCard({ pin: PIN });
    const presentation = await present(card);
    trace.length = 0;
    const steps: string[] = [];
    const result = await cardFlow(SLOT0.reader, steps);
    expect(steps).toEqual(['ready for PIN after 1 APDU']);
    expect(serialOf(result.certificate)).toBe(card.serialNumber);
    expect(result.triesBefore).toBe(3);
    expect(result.triesAfterWrong).toBe(2);
    expect(result.signature.length).toBe(256);
    expect(verifyChallengeSignature(result.certificate, result.challenge, result.signature)).toBe(true);
    // A correct VERIFY resets the counter (§10 pitfall 16).
    expect(card.pinTriesLeft).toBe(3);
    // The trace shows every APDU, never the PIN digits, never the signature.
    const log = trace.join('\n');
    expect(log).toMatch(/> 002000(80|98) \[5 bytes masked\]/);
    expect(log).not.toMatch(/31323334|39393939/i);
    expect(log).not.toContain(Buffer.from(result.signature.subarray(0, 16)).toString('hex').toUpperCase());
    await takeOut(presentation);
  });

  it('refuses a locked card without sending a VERIFY', async () => {
    const card = createVirtualCard({ variant: 'locked' });
    const presentation = await present(card);
    trace.length = 0;
    const connection = await port.connect(SLOT0.reader, 'exclusive');
    const proving = jpki(connection);
    await proving.select();
    expect(await proving.pinStatus()).toEqual({ state: 'locked' });
    const error = await proving.verifyPin(PIN).then(
      () => undefined,
      (e: unknown) => e,
    );
    await connection.disconnect();
    expect(error).toBeInstanceOf(CardError);
    expect((error as CardError).code).toBe('card.pin-locked');
    // Only the empty VERIFY (tries-left query) went out; no VERIFY carrying data.
    expect(trace.some((l) => /> 002000(80|98)$/.test(l))).toBe(true);
    expect(trace.some((l) => l.includes('masked'))).toBe(false);
    await takeOut(presentation);
  });

  it('gives a clean card.removed when the card leaves after any single APDU, and the next card works', async () => {
    // How many APDUs the whole flow takes on this card.
    const probe = createVirtualCard({ pin: PIN });
    const first = await present(probe);
    await cardFlow(SLOT0.reader);
    const total = probe.apduCount;
    await takeOut(first);
    expect(total).toBeGreaterThan(6);

    // Each k on its own card, one after the other on one slot. (Removals racing on both vpcd slots at
    // once can leave vpcd holding a new card's connection without reporting it, so this stays serial.)
    const outcomes: string[] = [];
    for (let k = 1; k <= total; k += 1) {
      const card = createVirtualCard({ pin: PIN, removeAfterApdus: k });
      const removed = cardEvent('card-removed', SLOT0.reader);
      const presentation = await present(card);
      const outcome = await cardFlow(SLOT0.reader).then(
        () => 'completed',
        (e: unknown) => (e instanceof CardError ? e.code : `unexpected ${String(e)}`),
      );
      // The card answered the first k APDUs and then left (§8.1: a closed socket is a removal).
      expect(card.removed).toBe(true);
      await removed;
      await presentation.remove();
      outcomes.push(`${k}: ${outcome}`);
    }
    // Removal after the last APDU: the flow is complete; after any other one: a clean card.removed.
    const ks = Array.from({ length: total }, (_, i) => i + 1);
    expect(outcomes).toEqual(ks.map((k) => `${k}: ${k === total ? 'completed' : 'card.removed'}`));

    // The next card after all that goes through the whole route.
    const next = createVirtualCard({ pin: PIN });
    const presentation = await present(next);
    const result = await cardFlow(SLOT0.reader);
    expect(verifyChallengeSignature(result.certificate, result.challenge, result.signature)).toBe(true);
    await takeOut(presentation);
  });

  it('uses both vpcd slots at once', async () => {
    const cardA = createVirtualCard({ pin: PIN, serialNumber: 0x0a00_1001n });
    const cardB = createVirtualCard({ pin: '4321', serialNumber: 0x0a00_1002n });
    const [a, b] = await Promise.all([present(cardA, SLOT0), present(cardB, SLOT1)]);
    expect(port.cardPresent(SLOT0.reader) && port.cardPresent(SLOT1.reader)).toBe(true);
    const [connA, connB] = await Promise.all([
      port.connect(SLOT0.reader, 'exclusive'),
      port.connect(SLOT1.reader, 'exclusive'),
    ]);
    const run = async (connection: CardConnection, pin: string) => {
      const card = jpki(connection);
      const certificate = await card.readAuthCertificate();
      await card.verifyPin(pin);
      const challenge = Uint8Array.from(Buffer.from(`both-slots-${connection.reader}`));
      const signature = await card.signChallenge(challenge);
      return verifyChallengeSignature(certificate, challenge, signature) ? serialOf(certificate) : undefined;
    };
    const serials = await Promise.all([run(connA, PIN), run(connB, '4321')]);
    expect(serials).toEqual([0x0a00_1001n, 0x0a00_1002n]);
    await Promise.all([connA.disconnect(), connB.disconnect()]);
    await Promise.all([takeOut(a, SLOT0), takeOut(b, SLOT1)]);
  });

  it('recovers by itself when pcscd is killed and restarted while idle', async (context) => {
    // Only a pcscd the suite started (its global setup, or this test on an earlier run) is restarted.
    const pid = ownPcscdPid();
    if (pid === undefined) {
      // Under CI the suite always starts its own pcscd, so a foreign one means the setup is wrong.
      if (isCI) throw new Error(`pcscd (pid ${String(pcscdPid())}) was not started by this test run`);
      console.warn(
        `SKIPPING pcscd restart: pcscd (pid ${String(pcscdPid())}) was not started by this test run`,
      );
      context.skip();
      return;
    }
    const down = nextEvent((e) => e.type === 'service-down', 'service-down');
    process.kill(pid, 'SIGTERM');
    await down;
    await until(() => !isPcscd(pid), 'the old pcscd to exit');
    expect(port.readers()).toEqual([]);

    const up = nextEvent((e) => e.type === 'service-up', 'service-up');
    // Left running afterwards: later test files use it; the global teardown stops it by its recorded pid.
    writeFileSync(restartedPidFile, String(await startPcscd({ detached: true })));
    await up;
    await until(() => port.readers().includes(SLOT0.reader), 'the vpcd reader again');

    // The same port, never recreated, sees the next card.
    const card = createVirtualCard({ pin: PIN });
    const presentation = await present(card);
    const connection = await port.connect(SLOT0.reader, 'shared');
    const reading = jpki(connection);
    await reading.select();
    const certificate = await reading.readAuthCertificate();
    expect(serialOf(certificate)).toBe(card.serialNumber);
    await connection.disconnect();
    await takeOut(presentation);
  });
});
