// Every status-word path of the JPKI sequences (my-number-card.md §3, §5), one scripted exchange list per case.
import { createPrivateKey, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../../../native/card/bytes';
import { CardError } from '../../../../native/card/card-error';
import { verifyChallengeSignature } from '../../../../native/card/certificate';
import { sha256DigestInfo } from '../../../../native/card/digest-info';
import { createJpkiCard } from '../../../../native/card/jpki-card';
import type { JpkiCardOptions } from '../../../../native/card/jpki-card';
import { fixtureCertificate, fixturePrivateKeyPem, replayTransmit } from './replay-transmit';
import type { Exchange, Replay } from './replay-transmit';

const SELECT_AP = '00A4040C0AD392F000260100000001';
const SELECT_EF = (fid: string): string => `00A4020C02${fid}`;
const OK = '9000';
const selected: Exchange = { command: SELECT_AP, response: OK };

const cert = fixtureCertificate();
const part = (start: number, end: number): string => toHex(cert.subarray(start, end), '');
/** The reads after the first 256 bytes of the 1480-byte fixture certificate. */
const certRest: Exchange[] = [
  { command: '00B0010000', response: part(256, 512) + OK },
  { command: '00B0020000', response: part(512, 768) + OK },
  { command: '00B0030000', response: part(768, 1024) + OK },
  { command: '00B0040000', response: part(1024, 1280) + OK },
  { command: '00B00500C8', response: part(1280, 1480) + OK },
];
const label = (text: string): string => toHex(new TextEncoder().encode(text.padEnd(32, ' ')), '');

const key = createPrivateKey(fixturePrivateKeyPem());
const challenge = new TextEncoder().encode('gateway nonce 42');
const signatureHex = toHex(sign('sha256', challenge, key), '');
const signApdu = (p2: string): string => `802A00${p2}33${toHex(sha256DigestInfo(challenge), '')}00`;

const replays: Replay[] = [];
function setup(exchanges: Exchange[], options?: JpkiCardOptions) {
  const replay = replayTransmit(exchanges);
  replays.push(replay);
  return { replay, card: createJpkiCard(replay.transmit, options) };
}
afterEach(() => {
  for (const r of replays.splice(0)) r.expectFinished();
});

async function failure(promise: Promise<unknown>): Promise<CardError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CardError) return error;
    throw error;
  }
  throw new Error('expected a CardError');
}

describe('the transcript replay itself', () => {
  it('fails the test when a command differs from the recording or is missing', async () => {
    const replay = replayTransmit([{ command: '00A4040C0AD392F000260100000002', response: OK }]);
    const card = createJpkiCard(replay.transmit);
    await card.select().catch(() => undefined);
    expect(() => replay.expectFinished()).toThrow();
    const unused = replayTransmit([selected, selected]);
    await createJpkiCard(unused.transmit).select();
    expect(() => unused.expectFinished()).toThrow();
  });
});

describe('select', () => {
  it('sends exactly one SELECT by AID', async () => {
    const { card } = setup([selected]);
    await card.select();
    expect(card.apduCount).toBe(1);
  });

  it.each(['6A82', '6A86', '6D00', '6E00', '6881', '6700', '6982'])(
    '%s → card.not-my-number-card',
    async (sw) => {
      const { card } = setup([{ command: SELECT_AP, response: sw }]);
      const error = await failure(card.select());
      expect(error.code).toBe('card.not-my-number-card');
      expect(error.details.sw).toBe(Number.parseInt(sw, 16));
    },
  );

  it('6F00 twice → not a My Number card', async () => {
    const { card } = setup([
      { command: SELECT_AP, response: '6F00' },
      { command: SELECT_AP, response: '6F00' },
    ]);
    expect((await failure(card.select())).code).toBe('card.not-my-number-card');
  });

  it('does not resend on 6F00 when the variant is off', async () => {
    const { card } = setup([{ command: SELECT_AP, response: '6F00' }], {
      variants: { resendFirstSelectOn6F00: false },
    });
    expect((await failure(card.select())).details.sw).toBe(0x6f00);
  });

  it('resends only when SELECT was the very first APDU', async () => {
    const { card } = setup([
      { command: SELECT_AP, response: '6A82' },
      { command: SELECT_AP, response: '6F00' },
    ]);
    await failure(card.select());
    expect((await failure(card.select())).details.sw).toBe(0x6f00);
    expect(card.apduCount).toBe(2);
  });

  it('is sent first when another operation comes before select()', async () => {
    const { card } = setup([selected, { command: '00B0860020', response: label('JPKIAPIOSTOKEN') + OK }]);
    expect(await card.readTokenKind()).toEqual({ kind: 'iphone', label: 'JPKIAPIOSTOKEN' });
  });

  it.each([['card.removed'], ['card.reader-gone'], ['card.timeout']] as const)(
    'passes a transport %s through unchanged',
    async (code) => {
      const thrown = new CardError(code, 'transport');
      const { card } = setup([{ command: SELECT_AP, response: thrown }]);
      await expect(card.select()).rejects.toBe(thrown);
    },
  );
});

describe('readTokenKind', () => {
  it.each(['6A86', '6981', '6A82'])(
    'falls back to SELECT EF 0006 when SFI is refused with %s',
    async (sw) => {
      const { card } = setup([
        selected,
        { command: '00B0860020', response: sw },
        { command: SELECT_EF('0006'), response: OK },
        { command: '00B0000020', response: label('JPKIAPICCTOKEN2') + OK },
      ]);
      expect((await card.readTokenKind()).kind).toBe('card');
    },
  );

  it('reads directly with READ BINARY when the SFI variant is off', async () => {
    const { card } = setup(
      [
        selected,
        { command: SELECT_EF('0006'), response: OK },
        { command: '00B0000020', response: label('JPKIAPICCTOKEN2') + OK },
      ],
      { variants: { readBinaryBySfi: false } },
    );
    expect((await card.readTokenKind()).kind).toBe('card');
  });

  it('accepts 6282 with a shorter label', async () => {
    const short = toHex(new TextEncoder().encode('JPKIAPGPSETOKEN'), '');
    const { card } = setup([selected, { command: '00B0860020', response: short + '6282' }]);
    expect((await card.readTokenKind()).kind).toBe('android');
  });

  it('6982 → card.security-status; 6700 → card.protocol-error', async () => {
    const first = setup([selected, { command: '00B0860020', response: '6982' }]);
    expect((await failure(first.card.readTokenKind())).code).toBe('card.security-status');
    const second = setup([selected, { command: '00B0860020', response: '6700' }]);
    const error = await failure(second.card.readTokenKind());
    expect([error.code, error.details.sw]).toEqual(['card.protocol-error', 0x6700]);
  });

  it('refuses a token that is not JPKI', async () => {
    const { card } = setup([selected, { command: '00B0860020', response: label('SOMETHING ELSE') + OK }]);
    expect((await failure(card.readTokenKind())).code).toBe('card.not-my-number-card');
  });

  it('fails when SELECT EF 0006 is refused after the SFI fallback', async () => {
    const { card } = setup([
      selected,
      { command: '00B0860020', response: '6A82' },
      { command: SELECT_EF('0006'), response: '6A82' },
    ]);
    expect((await failure(card.readTokenKind())).details.sw).toBe(0x6a82);
  });
});

describe('readAuthCertificate', () => {
  it('reads 1480 bytes in 6 APDUs by SFI', async () => {
    const { card } = setup([selected, { command: '00B08A0000', response: part(0, 256) + OK }, ...certRest]);
    await card.select();
    const info = await card.readAuthCertificate();
    expect(info.der).toEqual(cert);
    expect(card.apduCount - 1).toBe(6);
  });

  it.each(['6A86', '6981', '6A82'])('falls back to SELECT EF 000A on %s, and remembers it', async (sw) => {
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: sw },
      { command: SELECT_EF('000A'), response: OK },
      { command: '00B0000000', response: part(0, 256) + OK },
      ...certRest,
      // A second read: EF 000A is still current, so no SFI attempt and no SELECT.
      { command: '00B0000000', response: part(0, 256) + OK },
      ...certRest,
    ]);
    expect((await card.readAuthCertificate()).der).toEqual(cert);
    expect((await card.readAuthCertificate()).der).toEqual(cert);
  });

  it('selects EF 000A and reads on when the SFI read left no current EF (6986)', async () => {
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      { command: '00B0010000', response: '6986' },
      { command: SELECT_EF('000A'), response: OK },
      ...certRest,
    ]);
    expect((await card.readAuthCertificate()).der).toEqual(cert);
  });

  it('stops at 6282 and at 6B00, and reports a truncated certificate', async () => {
    const eof = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      { command: '00B0010000', response: part(256, 300) + '6282' },
    ]);
    expect((await failure(eof.card.readAuthCertificate())).code).toBe('card.certificate-invalid');
    const beyond = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      { command: '00B0010000', response: '6B00' },
    ]);
    expect((await failure(beyond.card.readAuthCertificate())).code).toBe('card.certificate-invalid');
  });

  it('accepts the last chunk ending with 6282', async () => {
    const last = certRest.slice(0, 4);
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      ...last,
      { command: '00B00500C8', response: part(1280, 1480) + '6282' },
    ]);
    expect((await card.readAuthCertificate()).der).toEqual(cert);
  });

  it('drops filler after the certificate and resends with the exact Le on 6Cxx', async () => {
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      ...certRest.slice(0, 4),
      { command: '00B00500C8', response: '6CD0' },
      { command: '00B00500D0', response: part(1280, 1480) + 'FF'.repeat(8) + OK },
    ]);
    expect((await card.readAuthCertificate()).der).toEqual(cert);
  });

  it('empty EF (all FF) → card.certificate-invalid', async () => {
    const { card } = setup([selected, { command: '00B08A0000', response: 'FF'.repeat(256) + OK }]);
    expect((await failure(card.readAuthCertificate())).code).toBe('card.certificate-invalid');
  });

  it('a DER object that is not a certificate → card.certificate-invalid', async () => {
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: '3003020100' + 'FF'.repeat(251) + OK },
    ]);
    expect((await failure(card.readAuthCertificate())).code).toBe('card.certificate-invalid');
  });

  it('refuses a length beyond what READ BINARY can address', async () => {
    const { card } = setup([selected, { command: '00B08A0000', response: '30830100000000' + OK }]);
    expect((await failure(card.readAuthCertificate())).code).toBe('card.certificate-invalid');
  });

  it('6982 (a phone before VERIFY) → card.security-status; an error mid-read → card.protocol-error', async () => {
    const phone = setup([selected, { command: '00B08A0000', response: '6982' }]);
    expect((await failure(phone.card.readAuthCertificate())).code).toBe('card.security-status');
    const broken = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      { command: '00B0010000', response: '6A86' },
    ]);
    expect((await failure(broken.card.readAuthCertificate())).code).toBe('card.protocol-error');
  });

  it('passes card.removed in the middle of a read through unchanged', async () => {
    const removed = new CardError('card.removed', 'removed');
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      { command: '00B0010000', response: removed },
    ]);
    await expect(card.readAuthCertificate()).rejects.toBe(removed);
  });
});

describe('pinStatus', () => {
  const query = (sw: string): Exchange[] => [
    selected,
    { command: SELECT_EF('0018'), response: OK },
    { command: '00200080', response: sw },
  ];

  it.each([
    ['63C3', { state: 'ready', triesLeft: 3 }],
    ['63C2', { state: 'ready', triesLeft: 2 }],
    ['63C1', { state: 'ready', triesLeft: 1 }],
    ['63C0', { state: 'locked' }],
    ['6984', { state: 'locked' }],
    ['6983', { state: 'locked' }],
    ['9000', { state: 'verified' }],
    // A 顔認証マイナンバーカード has no PIN: the reader reads 6A88 as "not set" (NO_PIN_SET_SW, unconfirmed).
    ['6A88', { state: 'not-set' }],
  ])('%s → %o', async (sw, expected) => {
    const { card } = setup(query(sw));
    expect(await card.pinStatus()).toEqual(expected);
  });

  it.each(['6300', '6A86', '6700'])('%s → card.protocol-error', async (sw) => {
    const { card } = setup(query(sw));
    const error = await failure(card.pinStatus());
    expect([error.code, error.details.sw]).toEqual(['card.protocol-error', Number.parseInt(sw, 16)]);
  });

  it('fails when SELECT EF 0018 is refused', async () => {
    const { card } = setup([selected, { command: SELECT_EF('0018'), response: '6A82' }]);
    expect((await failure(card.pinStatus())).code).toBe('card.protocol-error');
  });

  it('uses one APDU with the SFI variant, and falls back once when it is refused', async () => {
    const sfi = setup([selected, { command: '00200098', response: '63C2' }], {
      variants: { pinStatusBySfi: true },
    });
    expect(await sfi.card.pinStatus()).toEqual({ state: 'ready', triesLeft: 2 });

    const refused = setup(
      [
        selected,
        { command: '00200098', response: '6A86' },
        { command: SELECT_EF('0018'), response: OK },
        { command: '00200080', response: '63C3' },
        { command: '00200080', response: '63C3' },
      ],
      { variants: { pinStatusBySfi: true } },
    );
    expect(await refused.card.pinStatus()).toEqual({ state: 'ready', triesLeft: 3 });
    expect(await refused.card.pinStatus()).toEqual({ state: 'ready', triesLeft: 3 });
  });

  it('never sends PIN data', async () => {
    const { replay, card } = setup(query('63C3'));
    await card.pinStatus();
    expect(replay.sent.every((s) => !s.sensitive)).toBe(true);
  });
});

describe('verifyPin', () => {
  it.each(['', '123', '12345', '12a4', '１２３４', ' 1234', '1234\n', '-123'])(
    'rejects %j as card.pin-invalid without sending anything',
    async (pin) => {
      const { card } = setup([]);
      expect((await failure(card.verifyPin(pin))).code).toBe('card.pin-invalid');
      expect(card.apduCount).toBe(0);
    },
  );

  it('rejects a value that is not a string', async () => {
    const { card } = setup([]);
    expect((await failure(card.verifyPin(1234 as unknown as string))).code).toBe('card.pin-invalid');
  });

  it('queries the tries left first when they are unknown, then sends one VERIFY marked sensitive', async () => {
    const { replay, card } = setup([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '002000800435363738', response: OK },
    ]);
    await card.verifyPin('5678');
    expect(replay.sent.map((s) => s.sensitive)).toEqual([false, false, false, true]);
  });

  it.each([
    ['63C2', 'card.pin-wrong', 2],
    ['63C1', 'card.pin-wrong', 1],
    ['63C0', 'card.pin-locked', 0],
    ['6984', 'card.pin-locked', 0],
    ['6983', 'card.pin-locked', 0],
    ['6700', 'card.protocol-error', undefined],
    ['6982', 'card.security-status', undefined],
  ])('VERIFY answered %s → %s (triesLeft %s), never retried', async (sw, code, triesLeft) => {
    const { replay, card } = setup([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '002000800431323334', response: sw },
    ]);
    const error = await failure(card.verifyPin('1234'));
    expect([error.code, error.details.triesLeft]).toEqual([code, triesLeft]);
    expect(replay.sent.filter((s) => s.hex.startsWith('0020008004'))).toHaveLength(1);
  });

  it('refuses a locked card without any VERIFY, whatever the locked answer was', async () => {
    for (const sw of ['63C0', '6984', '6983']) {
      const { replay, card } = setup([
        selected,
        { command: SELECT_EF('0018'), response: OK },
        { command: '00200080', response: sw },
      ]);
      expect((await failure(card.verifyPin('1234'))).code).toBe('card.pin-locked');
      expect(replay.sent.some((s) => s.sensitive)).toBe(false);
    }
  });

  it('still sends the VERIFY when the card reports a held verified state', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: OK },
      { command: '002000800439393939', response: '63C2' },
    ]);
    expect(await card.pinStatus()).toEqual({ state: 'verified' });
    expect((await failure(card.verifyPin('9999'))).code).toBe('card.pin-wrong');
  });

  it('re-selects EF 0018 when a certificate read came between the query and the VERIFY', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '00B08A0000', response: part(0, 256) + OK },
      ...certRest,
      { command: SELECT_EF('0018'), response: OK },
      { command: '002000800431323334', response: OK },
    ]);
    await card.pinStatus();
    await card.readAuthCertificate();
    await card.verifyPin('1234');
  });

  it('runs concurrent calls one after the other, never interleaving their APDUs', async () => {
    const { card } = setup([
      selected,
      { command: '00B08A0000', response: part(0, 256) + OK },
      ...certRest,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '002000800431323334', response: OK },
    ]);
    await card.select();
    const [info, status] = await Promise.all([
      card.readAuthCertificate(),
      card.pinStatus(),
      card.verifyPin('1234'),
    ]);
    expect(info.der).toEqual(cert);
    expect(status).toEqual({ state: 'ready', triesLeft: 3 });
  });

  it('after a transport error during VERIFY, passes it through and asks the tries left again next time', async () => {
    const removed = new CardError('card.removed', 'removed');
    const { card } = setup([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '002000800431323334', response: removed },
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C2' },
      { command: '002000800431323334', response: OK },
    ]);
    await expect(card.verifyPin('1234')).rejects.toBe(removed);
    await card.verifyPin('1234');
  });

  it('hands the VERIFY over in a buffer of its own and finds it zero-filled after a right, a wrong and a failed try', async () => {
    const removed = new CardError('card.removed', 'removed');
    const replay = replayTransmit([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '002000800431323334', response: '63C2' },
      { command: '002000800435363738', response: removed },
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C2' },
      { command: '002000800439393939', response: OK },
    ]);
    replays.push(replay);
    const verifies: Uint8Array[] = [];
    const card = createJpkiCard((apdu, options) => {
      if (apdu[1] === 0x20 && apdu.length > 5) verifies.push(apdu);
      return replay.transmit(apdu, options);
    });
    expect((await failure(card.verifyPin('1234'))).code).toBe('card.pin-wrong');
    await expect(card.verifyPin('5678')).rejects.toBe(removed);
    await card.verifyPin('9999');
    expect(verifies).toHaveLength(3);
    for (const apdu of verifies) {
      // Not a slice of a shared pool: the APDU is the whole of its ArrayBuffer.
      expect([apdu.byteOffset, apdu.buffer.byteLength]).toEqual([0, 9]);
      expect(Array.from(apdu)).toEqual(new Array(9).fill(0));
    }
  });

  it('keeps a known locked state across a re-SELECT of the AP', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '6984' },
      selected,
    ]);
    expect(await card.pinStatus()).toEqual({ state: 'locked' });
    await card.select();
    expect((await failure(card.verifyPin('1234'))).code).toBe('card.pin-locked');
  });
});

describe('signChallenge', () => {
  it('selects EF 0017 and returns a 256-byte signature that verifies', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0017'), response: OK },
      { command: signApdu('80'), response: signatureHex + OK },
    ]);
    const signature = await card.signChallenge(challenge);
    expect(signature.length).toBe(256);
    expect(verifyChallengeSignature(cert, challenge, signature)).toBe(true);
  });

  it('6982 (no VERIFY) → card.security-status', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0017'), response: OK },
      { command: signApdu('80'), response: '6982' },
    ]);
    expect((await failure(card.signChallenge(challenge))).code).toBe('card.security-status');
  });

  it.each(['6A86', '6985', '6700'])('%s → card.protocol-error', async (sw) => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0017'), response: OK },
      { command: signApdu('80'), response: sw },
    ]);
    const error = await failure(card.signChallenge(challenge));
    expect([error.code, error.details.sw]).toEqual(['card.protocol-error', Number.parseInt(sw, 16)]);
  });

  it('refuses a signature that is not 256 bytes', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0017'), response: OK },
      { command: signApdu('80'), response: signatureHex.slice(0, 256) + OK },
    ]);
    expect((await failure(card.signChallenge(challenge))).code).toBe('card.protocol-error');
  });

  it('refuses an empty challenge without sending anything', async () => {
    const { card } = setup([]);
    expect((await failure(card.signChallenge(new Uint8Array(0)))).code).toBe('card.protocol-error');
    expect(card.apduCount).toBe(0);
  });

  it('names the key by SFI when that variant is on, falling back when refused', async () => {
    const sfi = setup([selected, { command: signApdu('97'), response: signatureHex + OK }], {
      variants: { signBySfiKeyReference: true },
    });
    expect((await sfi.card.signChallenge(challenge)).length).toBe(256);
    const refused = setup(
      [
        selected,
        { command: signApdu('97'), response: '6A86' },
        { command: SELECT_EF('0017'), response: OK },
        { command: signApdu('80'), response: signatureHex + OK },
      ],
      { variants: { signBySfiKeyReference: true } },
    );
    expect((await refused.card.signChallenge(challenge)).length).toBe(256);
  });

  it('does not re-select EF 0017 for a second signature', async () => {
    const { card } = setup([
      selected,
      { command: SELECT_EF('0017'), response: OK },
      { command: signApdu('80'), response: signatureHex + OK },
      { command: signApdu('80'), response: signatureHex + OK },
    ]);
    await card.signChallenge(challenge);
    await card.signChallenge(challenge);
  });
});

describe('a whole card + PIN check-in', () => {
  it('takes 13 APDUs: select, token kind, certificate, tries left, VERIFY, signature', async () => {
    const { card } = setup([
      selected,
      { command: '00B0860020', response: label('JPKIAPICCTOKEN2') + OK },
      { command: '00B08A0000', response: part(0, 256) + OK },
      ...certRest,
      { command: SELECT_EF('0018'), response: OK },
      { command: '00200080', response: '63C3' },
      { command: '002000800431323334', response: OK },
      { command: SELECT_EF('0017'), response: OK },
      { command: signApdu('80'), response: signatureHex + OK },
    ]);
    await card.select();
    const [token, info, status] = await Promise.all([
      card.readTokenKind(),
      card.readAuthCertificate(),
      card.pinStatus(),
    ]);
    expect([token.kind, status]).toEqual(['card', { state: 'ready', triesLeft: 3 }]);
    await card.verifyPin('1234');
    expect(verifyChallengeSignature(info, challenge, await card.signChallenge(challenge))).toBe(true);
    expect(card.apduCount).toBe(13);
  });
});
