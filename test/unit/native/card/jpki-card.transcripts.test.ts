// The JPKI sequences replayed against the transcripts of test/fixtures/card: every command must match the recording.
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../../native/card/bytes';
import { CardError } from '../../../../native/card/card-error';
import { verifyChallengeSignature } from '../../../../native/card/certificate';
import { createJpkiCard } from '../../../../native/card/jpki-card';
import { fixtureCertificate, loadTranscript, replayTransmit } from './replay-transmit';
import type { Replay } from './replay-transmit';

const replays: Replay[] = [];
function replay(name: string): Replay {
  const created = replayTransmit(loadTranscript(name).exchanges);
  replays.push(created);
  return created;
}
afterEach(() => {
  for (const r of replays.splice(0)) r.expectFinished();
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CardError) return error.code;
    throw error;
  }
  throw new Error('expected a CardError');
}

describe('JPKI card against recorded transcripts', () => {
  it('card-read-certificate: token kind and certificate of a physical card in 8 APDUs', async () => {
    const card = createJpkiCard(replay('card-read-certificate').transmit);
    await card.select();
    expect(card.apduCount).toBe(1);
    expect(await card.readTokenKind()).toEqual({ kind: 'card', label: 'JPKIAPICCTOKEN2' });
    const cert = await card.readAuthCertificate();
    expect(cert.der).toEqual(fixtureCertificate());
    expect(cert.serialNumber).toBe('1a2b3c4d5e6f');
    expect(card.apduCount).toBe(8);
  });

  it('card-sfi-refused: falls back to SELECT EF + READ BINARY and remembers the refusal', async () => {
    const card = createJpkiCard(replay('card-sfi-refused').transmit);
    await card.select();
    const cert = await card.readAuthCertificate();
    expect(cert.der).toEqual(fixtureCertificate());
    expect((await card.readTokenKind()).kind).toBe('card');
  });

  it('card-pin-sign: tries left, one VERIFY, a signature that verifies, then the certificate', async () => {
    const transcript = loadTranscript('card-pin-sign');
    const r = replay('card-pin-sign');
    const card = createJpkiCard(r.transmit);
    await card.select();
    expect(await card.pinStatus()).toEqual({ state: 'ready', triesLeft: 3 });
    await card.verifyPin('1234');
    const challenge = fromHex(transcript.challenge ?? '');
    const signature = await card.signChallenge(challenge);
    expect(signature.length).toBe(256);
    const cert = await card.readAuthCertificate();
    expect(verifyChallengeSignature(cert, challenge, signature)).toBe(true);
    expect(verifyChallengeSignature(cert, fromHex('00'), signature)).toBe(false);
    expect(card.apduCount).toBe(12);
    expect(r.sent.filter((s) => s.sensitive).map((s) => s.hex)).toEqual(['002000800431323334']);
  });

  it('card-pin-wrong-then-right: a wrong PIN reports the tries left and is not retried', async () => {
    const card = createJpkiCard(replay('card-pin-wrong-then-right').transmit);
    await card.select();
    const wrong = await card.verifyPin('1111').catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(CardError);
    expect((wrong as CardError).code).toBe('card.pin-wrong');
    expect((wrong as CardError).details.triesLeft).toBe(2);
    await card.verifyPin('1234');
  });

  it('card-pin-locking: 63C0 locks; the next verify sends nothing; the query then says locked', async () => {
    const card = createJpkiCard(replay('card-pin-locking').transmit);
    await card.select();
    expect(await card.pinStatus()).toEqual({ state: 'ready', triesLeft: 1 });
    expect(await codeOf(card.verifyPin('0000'))).toBe('card.pin-locked');
    const before = card.apduCount;
    expect(await codeOf(card.verifyPin('1234'))).toBe('card.pin-locked');
    expect(card.apduCount).toBe(before);
    expect(await card.pinStatus()).toEqual({ state: 'locked' });
  });

  it('card-locked: a locked card never gets a VERIFY', async () => {
    const r = replay('card-locked');
    const card = createJpkiCard(r.transmit);
    await card.select();
    expect(await codeOf(card.verifyPin('1234'))).toBe('card.pin-locked');
    expect(await codeOf(card.verifyPin('1234'))).toBe('card.pin-locked');
    expect(r.sent.some((s) => s.hex.startsWith('0020008004'))).toBe(false);
  });

  it('android-token: a phone needs the PIN before its certificate can be read', async () => {
    const card = createJpkiCard(replay('android-token').transmit);
    await card.select();
    expect(await card.readTokenKind()).toEqual({ kind: 'android', label: 'JPKIAPGPSETOKEN' });
    expect(await codeOf(card.readAuthCertificate())).toBe('card.security-status');
    await card.verifyPin('1234');
    expect((await card.readAuthCertificate()).der).toEqual(fixtureCertificate());
  });

  it('contact-get-response: 6Cxx resend and 61xx GET RESPONSE', async () => {
    const transcript = loadTranscript('contact-get-response');
    const card = createJpkiCard(replay('contact-get-response').transmit);
    await card.select();
    expect((await card.readTokenKind()).kind).toBe('card');
    await card.verifyPin('1234');
    const challenge = fromHex(transcript.challenge ?? '');
    const signature = await card.signChallenge(challenge);
    expect(verifyChallengeSignature(fixtureCertificate(), challenge, signature)).toBe(true);
  });

  it('not-my-number-card: SELECT AP refused', async () => {
    const card = createJpkiCard(replay('not-my-number-card').transmit);
    const error = await card.select().catch((e: unknown) => e);
    expect((error as CardError).code).toBe('card.not-my-number-card');
    expect((error as CardError).details.sw).toBe(0x6a82);
  });

  it('first-apdu-6f00: the first SELECT is sent once more', async () => {
    const card = createJpkiCard(replay('first-apdu-6f00').transmit);
    await card.select();
    expect(card.apduCount).toBe(2);
  });

  it('never shows the PIN or the signature in a trace', async () => {
    const transcript = loadTranscript('card-pin-sign');
    const lines: string[] = [];
    const card = createJpkiCard(replay('card-pin-sign').transmit, { trace: (line) => lines.push(line) });
    await card.select();
    await card.pinStatus();
    await card.verifyPin('1234');
    const signature = await card.signChallenge(fromHex(transcript.challenge ?? ''));
    await card.readAuthCertificate();
    const all = lines.join('\n');
    expect(lines).toContain('> 00 20 00 80 04 XX XX XX XX');
    for (const secret of ['31 32 33 34', '31323334', '1234', '3132', toHex(signature.subarray(0, 8))]) {
      expect(all).not.toContain(secret);
    }
    expect(lines.filter((line) => line.startsWith('>'))).toHaveLength(12);
  });
});
