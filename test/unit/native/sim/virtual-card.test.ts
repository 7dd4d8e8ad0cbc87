// The virtual My Number card: every JPKI command and status word, the counters, persistence and every variant.
import { constants, createHash, publicDecrypt, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createVirtualCard,
  virtualCardDefaultSerials,
  virtualCardVariants,
  type VirtualCard,
  type VirtualCardProfile,
} from '../../../../native/sim/virtual-card';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

function send(card: VirtualCard, apdu: string | Uint8Array): { data: Uint8Array; sw: string } {
  const response = card.process(typeof apdu === 'string' ? hex(apdu) : apdu);
  return {
    data: response.subarray(0, response.length - 2),
    sw: Buffer.from(response.subarray(response.length - 2))
      .toString('hex')
      .toUpperCase(),
  };
}

const selectJpki = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';
const selectEf = (fid: string): string => `00 A4 02 0C 02 ${fid}`;
const verifyWith = (secret: string): Uint8Array => {
  const bytes = Buffer.from(secret, 'ascii');
  return Uint8Array.from([0x00, 0x20, 0x00, 0x80, bytes.length, ...bytes]);
};
const digestInfoPrefix = hex('3031300D060960864801650304020105000420');
const digestInfo = (message: string): Uint8Array =>
  Uint8Array.from([...digestInfoPrefix, ...createHash('sha256').update(message).digest()]);
const signApdu = (p2: number, data: Uint8Array, le = true): Uint8Array =>
  Uint8Array.from([0x80, 0x2a, 0x00, p2, data.length, ...data, ...(le ? [0x00] : [])]);

function powered(profile: VirtualCardProfile = {}): VirtualCard {
  const card = createVirtualCard(profile);
  card.powerOn();
  return card;
}

/** Reads a whole EF the way §5.1 describes: 256-byte chunks until the DER length is reached. */
function readEf(card: VirtualCard, fid: string): Uint8Array {
  expect(send(card, selectEf(fid)).sw).toBe('9000');
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const le = 0x00;
    const { data, sw } = send(card, Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, le));
    if (sw === '6B00') break;
    chunks.push(data);
    offset += data.length;
    if (sw === '6282') break;
    expect(sw).toBe('9000');
  }
  return new Uint8Array(Buffer.concat(chunks));
}

describe('power and ATR', () => {
  it('answers the contactless My Number ATR of §6 and refuses APDUs without power', () => {
    const card = createVirtualCard();
    expect(() => card.process(hex(selectJpki))).toThrow(/not powered/);
    expect(Buffer.from(card.powerOn()).toString('hex')).toBe('3b888001000005e0b381a1007f');
    expect(card.powered).toBe(true);
    expect(send(card, selectJpki).sw).toBe('9000');
    card.powerOff();
    expect(card.powered).toBe(false);
  });

  it('forgets the selected AP on power off and on reset', () => {
    const card = powered();
    send(card, selectJpki);
    card.reset();
    expect(send(card, selectEf('000A')).sw).toBe('6A82');
    send(card, selectJpki);
    card.powerOff();
    card.powerOn();
    expect(send(card, '00 B0 8A 00 00').sw).toBe('6A82');
  });
});

describe('SELECT', () => {
  let card: VirtualCard;
  beforeEach(() => {
    card = powered();
  });

  it('selects the JPKI AP by name and refuses other AIDs with 6A82', () => {
    expect(send(card, '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08').sw).toBe('6A82');
    expect(send(card, selectJpki).sw).toBe('9000');
    expect(send(card, '00 A4 04 00 0A D3 92 F0 00 26 01 00 00 00 01').sw).toBe('9000');
  });

  it('selects every JPKI EF by FID and refuses unknown ones', () => {
    expect(send(card, selectEf('000A')).sw).toBe('6A82'); // no AP selected yet
    send(card, selectJpki);
    for (const fid of ['0001', '0002', '0006', '0008', '000A', '000B', '0017', '0018', '001A', '001B']) {
      expect(send(card, selectEf(fid)).sw, fid).toBe('9000');
    }
    expect(send(card, selectEf('0003')).sw).toBe('6A82');
  });

  it('answers 6A86 to unsupported P1/P2 and 6700 to bad lengths', () => {
    send(card, selectJpki);
    expect(send(card, '00 A4 00 00').sw).toBe('6A86');
    expect(send(card, '00 A4 02 04 02 00 0A').sw).toBe('6A86');
    expect(send(card, '00 A4 02 0C 01 0A').sw).toBe('6700');
    expect(send(card, '00 A4 02 0C 03 00 0A').sw).toBe('6700'); // Lc says 3, 2 bytes follow
  });
});

describe('READ BINARY', () => {
  let card: VirtualCard;
  beforeEach(() => {
    card = powered();
    send(card, selectJpki);
  });

  it('reads the token label of EF 0006 by SFI: 160 bytes, label first', () => {
    const { data, sw } = send(card, '00 B0 86 00 20');
    expect(sw).toBe('9000');
    expect(Buffer.from(data).toString('ascii')).toBe('JPKIAPICCTOKEN2'.padEnd(32, ' '));
    const whole = readEf(card, '0006');
    expect(whole.length).toBe(160);
  });

  it('reads EF 0008 (both certificates present)', () => {
    expect(readEf(card, '0008')).toEqual(Uint8Array.of(0x8f, 0x8f, 0x00));
  });

  it('reads the auth certificate without a PIN, by SFI then by offset, and it is the DER of the card', () => {
    const first = send(card, '00 B0 8A 00 00');
    expect(first.sw).toBe('9000');
    expect(first.data.length).toBe(256);
    expect(first.data[0]).toBe(0x30);
    expect(first.data[1]).toBe(0x82);
    const total = 4 + ((first.data[2] ?? 0) << 8) + (first.data[3] ?? 0);
    expect(total).toBe(card.authCertificate.length);
    // the SFI read made 000A the current EF (§5.1 step 4)
    const second = send(card, '00 B0 01 00 00');
    expect(second.data).toEqual(card.authCertificate.subarray(256, 512));
    expect(readEf(card, '000A')).toEqual(card.authCertificate);
    expect(readEf(card, '000B')).toEqual(card.authCaCertificate);
    expect(readEf(card, '0002')).toEqual(card.signCaCertificate);
  });

  it('answers 6282 with the rest when Le runs past the end, and 6B00 past the end', () => {
    send(card, selectEf('000A'));
    const size = card.authCertificate.length;
    const offset = size - 10;
    const tail = send(card, Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, 0x20));
    expect(tail.sw).toBe('6282');
    expect(tail.data).toEqual(card.authCertificate.subarray(offset));
    expect(send(card, Uint8Array.of(0x00, 0xb0, size >> 8, size & 0xff, 0x01)).sw).toBe('6B00');
    const exact = send(card, Uint8Array.of(0x00, 0xb0, offset >> 8, offset & 0xff, 10));
    expect(exact.sw).toBe('9000');
  });

  it('reads the whole file with one extended-Le command (current EF and SFI forms)', () => {
    const bySfi = send(card, '00 B0 8A 00 00 00 00');
    expect(bySfi.sw).toBe('9000');
    expect(bySfi.data).toEqual(card.authCertificate);
    send(card, selectEf('000B'));
    expect(send(card, '00 B0 00 00 00 00 00').data).toEqual(card.authCaCertificate);
    const exact = send(card, '00 B0 00 00 00 01 00');
    expect(exact.data.length).toBe(256);
  });

  it('needs the signature password for the sign certificate EF 0001', () => {
    send(card, selectEf('0001'));
    expect(send(card, '00 B0 00 00 00').sw).toBe('6982');
    send(card, selectEf('001B'));
    expect(send(card, verifyWith('ABC123')).sw).toBe('9000');
    const der = readEf(card, '0001');
    expect(der).toEqual(card.signCertificate);
  });

  it('refuses keys and PIN files, a missing current EF and bad P1/Le', () => {
    expect(send(card, '00 B0 00 00 00').sw).toBe('6986');
    send(card, selectEf('0017'));
    expect(send(card, '00 B0 00 00 00').sw).toBe('6981');
    expect(send(card, '00 B0 98 00 00').sw).toBe('6981');
    expect(send(card, '00 B0 83 00 00').sw).toBe('6A82');
    expect(send(card, '00 B0 E6 00 00').sw).toBe('6A86');
    expect(send(card, '00 B0 86 00').sw).toBe('6700'); // no Le
    expect(send(card, '00 B0 86 00 01 00').sw).toBe('6700'); // data on a READ BINARY
  });
});

describe('VERIFY of the 利用者証明用 PIN (EF 0018)', () => {
  let card: VirtualCard;
  beforeEach(() => {
    card = powered();
    send(card, selectJpki);
    send(card, selectEf('0018'));
  });

  it('reports tries left without using one, then verifies', () => {
    expect(send(card, '00 20 00 80').sw).toBe('63C3');
    expect(send(card, '00 20 00 80').sw).toBe('63C3');
    expect(send(card, verifyWith('1234')).sw).toBe('9000');
    expect(send(card, '00 20 00 80').sw).toBe('9000');
  });

  it('counts down 63C2, 63C1, 63C0, then answers 6984 to every VERIFY, even the right PIN', () => {
    expect(send(card, verifyWith('0000')).sw).toBe('63C2');
    expect(send(card, verifyWith('0000')).sw).toBe('63C1');
    expect(send(card, '00 20 00 80').sw).toBe('63C1');
    expect(send(card, verifyWith('0000')).sw).toBe('63C0');
    expect(send(card, verifyWith('1234')).sw).toBe('6984');
    expect(send(card, verifyWith('0000')).sw).toBe('6984');
    expect(send(card, '00 20 00 80').sw).toBe('63C0');
    expect(card.pinTriesLeft).toBe(0);
  });

  it('resets the counter on a correct PIN, and a wrong PIN ends the verified state', () => {
    expect(send(card, verifyWith('9999')).sw).toBe('63C2');
    expect(send(card, verifyWith('1234')).sw).toBe('9000');
    expect(card.pinTriesLeft).toBe(3);
    expect(send(card, verifyWith('9999')).sw).toBe('63C2');
    expect(send(card, '00 20 00 80').sw).toBe('63C2');
  });

  it('takes the PIN file by SFI (P2 = 98) and refuses other P1/P2 and files', () => {
    send(card, selectEf('000A'));
    expect(send(card, '00 20 00 98').sw).toBe('63C3');
    expect(send(card, '00 20 00 80').sw).toBe('6981'); // current EF is not a PIN
    expect(send(card, '00 20 01 98').sw).toBe('6A86');
    expect(send(card, '00 20 00 00').sw).toBe('6A86');
    expect(send(card, '00 20 00 98 04 31 32 33 34 00').sw).toBe('6700'); // Le on VERIFY
    expect(send(card, '00 20 00 98 04 31 32 33 34').sw).toBe('9000');
  });

  it('forgets the verification on power off, not on re-SELECT', () => {
    expect(send(card, verifyWith('1234')).sw).toBe('9000');
    send(card, selectJpki);
    send(card, selectEf('0018'));
    expect(send(card, '00 20 00 80').sw).toBe('9000');
    card.powerOff();
    card.powerOn();
    send(card, selectJpki);
    send(card, selectEf('0018'));
    expect(send(card, '00 20 00 80').sw).toBe('63C3');
  });

  it('uses the PIN given in the profile', () => {
    const other = powered({ pin: '4821' });
    send(other, selectJpki);
    send(other, selectEf('0018'));
    expect(send(other, verifyWith('1234')).sw).toBe('63C2');
    expect(send(other, verifyWith('4821')).sw).toBe('9000');
  });

  it('changes the PIN only after VERIFY and only to 4 digits', () => {
    expect(send(card, '00 24 01 80 04 35 36 37 38').sw).toBe('6982');
    send(card, verifyWith('1234'));
    expect(send(card, '00 24 01 80 03 35 36 37').sw).toBe('6A80');
    expect(send(card, '00 24 01 80 04 35 36 37 38').sw).toBe('9000');
    card.reset();
    send(card, selectJpki);
    send(card, selectEf('0018'));
    expect(send(card, verifyWith('5678')).sw).toBe('9000');
  });
});

describe('VERIFY of the 署名用パスワード (EF 001B)', () => {
  it('allows 5 tries', () => {
    const card = powered({ signPassword: 'SIGN2025' });
    send(card, selectJpki);
    send(card, selectEf('001B'));
    expect(send(card, '00 20 00 80').sw).toBe('63C5');
    for (const expected of ['63C4', '63C3', '63C2', '63C1']) {
      expect(send(card, verifyWith('WRONG1')).sw).toBe(expected);
    }
    expect(send(card, verifyWith('SIGN2025')).sw).toBe('9000');
    expect(card.signPasswordTriesLeft).toBe(5);
    for (const expected of ['63C4', '63C3', '63C2', '63C1', '63C0']) {
      expect(send(card, verifyWith('WRONG1')).sw).toBe(expected);
    }
    expect(send(card, verifyWith('SIGN2025')).sw).toBe('6984');
  });
});

describe('COMPUTE DIGITAL SIGNATURE', () => {
  let card: VirtualCard;
  beforeEach(() => {
    card = powered();
    send(card, selectJpki);
  });

  it('answers 6982 without VERIFY', () => {
    send(card, selectEf('0017'));
    expect(send(card, signApdu(0x80, digestInfo('nonce'))).sw).toBe('6982');
  });

  it('signs a SHA-256 DigestInfo with the auth key: PKCS#1 v1.5 that verifies against the auth certificate', () => {
    send(card, selectEf('0018'));
    send(card, verifyWith('1234'));
    send(card, selectEf('0017'));
    const { data, sw } = send(card, signApdu(0x80, digestInfo('server nonce 42')));
    expect(sw).toBe('9000');
    expect(data.length).toBe(256);
    const cert = new X509Certificate(card.authCertificate);
    expect(verify('sha256', Buffer.from('server nonce 42'), cert.publicKey, data)).toBe(true);
    expect(verify('sha256', Buffer.from('another nonce'), cert.publicKey, data)).toBe(false);
    // the card signs exactly what was sent: the padding recovers the DigestInfo
    const recovered = publicDecrypt({ key: cert.publicKey, padding: constants.RSA_PKCS1_PADDING }, data);
    expect(new Uint8Array(recovered)).toEqual(digestInfo('server nonce 42'));
  });

  it('signs with the sign key after the signature password (SFI form 9A) and verifies against the sign cert', () => {
    send(card, selectEf('001B'));
    send(card, verifyWith('ABC123'));
    expect(send(card, signApdu(0x97, digestInfo('x'))).sw).toBe('6982'); // auth PIN not verified
    const { data, sw } = send(card, signApdu(0x9a, digestInfo('document')));
    expect(sw).toBe('9000');
    const cert = new X509Certificate(card.signCertificate);
    expect(verify('sha256', Buffer.from('document'), cert.publicKey, data)).toBe(true);
  });

  it('without Le answers 6100 and hands the signature over with GET RESPONSE', () => {
    send(card, selectEf('0018'));
    send(card, verifyWith('1234'));
    send(card, selectEf('0017'));
    expect(send(card, '00 C0 00 00 00').sw).toBe('6985'); // nothing waiting
    expect(send(card, signApdu(0x80, digestInfo('n'), false)).sw).toBe('6100');
    const first = send(card, '00 C0 00 00 80');
    expect(first.sw).toBe('6180');
    const rest = send(card, '00 C0 00 00 00');
    expect(rest.sw).toBe('9000');
    const signature = Buffer.concat([first.data, rest.data]);
    const cert = new X509Certificate(card.authCertificate);
    expect(verify('sha256', Buffer.from('n'), cert.publicKey, signature)).toBe(true);
    expect(send(card, '00 C0 00 00 00').sw).toBe('6985');
  });

  it('refuses a wrong P1, P2, file, or input length', () => {
    send(card, selectEf('0018'));
    send(card, verifyWith('1234'));
    send(card, selectEf('0017'));
    expect(send(card, '80 2A 01 80 01 00 00').sw).toBe('6A86');
    expect(send(card, '80 2A 00 81 01 00 00').sw).toBe('6A86');
    expect(send(card, '80 2A 00 80 00').sw).toBe('6700');
    expect(send(card, signApdu(0x80, new Uint8Array(246))).sw).toBe('6985');
    send(card, selectEf('000A'));
    expect(send(card, signApdu(0x80, digestInfo('n'))).sw).toBe('6981');
  });

  it('needs a fresh VERIFY after power off', () => {
    send(card, selectEf('0018'));
    send(card, verifyWith('1234'));
    card.powerOff();
    card.powerOn();
    send(card, selectJpki);
    send(card, selectEf('0017'));
    expect(send(card, signApdu(0x80, digestInfo('n'))).sw).toBe('6982');
  });
});

describe('class, instruction and length errors', () => {
  it('answers 6E00, 6D00, 6881 and 6700', () => {
    const card = powered();
    expect(send(card, '10 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01').sw).toBe('6E00');
    expect(send(card, '80 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01').sw).toBe('6E00');
    expect(send(card, '00 2A 00 80 01 00 00').sw).toBe('6E00');
    expect(send(card, '01 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01').sw).toBe('6881');
    expect(send(card, '00 CA 00 00 00').sw).toBe('6D00');
    expect(send(card, '00 A4 04').sw).toBe('6700');
    expect(send(card, '00 B0 00 00 00 01').sw).toBe('6700');
    expect(send(card, '80 FC 00 00').sw).toBe('6700'); // last-command indicator is an iPhone thing
    expect(card.apduCount).toBe(8);
  });
});

describe('persistent counters', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'virtual-card-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the tries left across a restart through the state file, without storing the PIN', () => {
    const stateFile = path.join(dir, 'card.json');
    const first = powered({ stateFile, pin: '2468' });
    send(first, selectJpki);
    send(first, selectEf('0018'));
    send(first, verifyWith('0000'));
    send(first, verifyWith('0000'));
    expect(readFileSync(stateFile, 'utf8')).not.toContain('2468');

    const second = powered({ stateFile, pin: '2468' });
    expect(second.pinTriesLeft).toBe(1);
    send(second, selectJpki);
    send(second, selectEf('0018'));
    expect(send(second, '00 20 00 80').sw).toBe('63C1');
    expect(send(second, verifyWith('2468')).sw).toBe('9000');
    expect(powered({ stateFile }).pinTriesLeft).toBe(3);
  });

  it('refuses a damaged state file with a clear error', () => {
    const stateFile = path.join(dir, 'bad.json');
    writeFileSync(stateFile, '{not json');
    expect(() => createVirtualCard({ stateFile })).toThrow(/not valid JSON/);
    writeFileSync(stateFile, JSON.stringify({ pinTriesLeft: 7, signPasswordTriesLeft: 5 }));
    expect(() => createVirtualCard({ stateFile })).toThrow(/valid retry counters/);
  });
});

describe('variants', () => {
  it('lists every variant, each with its own default serial', () => {
    expect([...virtualCardVariants]).toEqual([
      'physical',
      'android',
      'iphone',
      'face-auth',
      'expired',
      'locked',
      'not-my-number',
    ]);
    for (const variant of virtualCardVariants) {
      const card = createVirtualCard({ variant });
      expect(card.variant).toBe(variant);
      expect(card.serialNumber).toBe(virtualCardDefaultSerials[variant]);
      expect(new X509Certificate(card.authCertificate).serialNumber).toBe(
        virtualCardDefaultSerials[variant].toString(16).toUpperCase().padStart(8, '0'),
      );
    }
  });

  it('android: GPSE label, auth certificate only after the PIN, a key different from the card', () => {
    const card = powered({ variant: 'android' });
    send(card, selectJpki);
    expect(Buffer.from(send(card, '00 B0 86 00 20').data).toString('ascii').trimEnd()).toBe(
      'JPKIAPGPSETOKEN',
    );
    expect(send(card, '00 B0 8A 00 00').sw).toBe('6982');
    send(card, selectEf('0018'));
    send(card, verifyWith('1234'));
    expect(readEf(card, '000A')).toEqual(card.authCertificate);
    const physical = createVirtualCard();
    const phoneKey = new X509Certificate(card.authCertificate).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const cardKey = new X509Certificate(physical.authCertificate).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(Buffer.compare(phoneKey, cardKey)).not.toBe(0);
  });

  it('iphone: iOS label, accepts the last-command indicator', () => {
    const card = powered({ variant: 'iphone' });
    send(card, selectJpki);
    expect(Buffer.from(send(card, '00 B0 86 00 20').data).toString('ascii').trimEnd()).toBe('JPKIAPIOSTOKEN');
    expect(send(card, '80 FC 00 00').sw).toBe('9000');
  });

  it('face-auth: no PIN was set (6A88 to query and VERIFY, unlike a locked 6984), the certificate is free to read', () => {
    const card = powered({ variant: 'face-auth' });
    send(card, selectJpki);
    expect(readEf(card, '000A')).toEqual(card.authCertificate);
    send(card, selectEf('0018'));
    // ISO 7816-4 6A88 "referenced data not found": the reader's stand-in for a card without a PIN.
    expect(send(card, '00 20 00 80').sw).toBe('6A88');
    expect(send(card, verifyWith('1234')).sw).toBe('6A88');
    send(card, selectEf('0017'));
    expect(send(card, signApdu(0x80, digestInfo('n'))).sw).toBe('6982');
  });

  it('expired: the auth certificate validity lies in the past', () => {
    const now = new Date('2027-04-01T09:00:00Z');
    const cert = new X509Certificate(createVirtualCard({ variant: 'expired', now }).authCertificate);
    expect(new Date(cert.validTo).getTime()).toBeLessThan(now.getTime());
    const valid = new X509Certificate(createVirtualCard({ now }).authCertificate);
    expect(new Date(valid.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(valid.validTo).getTime()).toBeGreaterThan(now.getTime());
  });

  it('locked: the PIN counter starts at 0', () => {
    const card = powered({ variant: 'locked' });
    send(card, selectJpki);
    send(card, selectEf('0018'));
    expect(send(card, '00 20 00 80').sw).toBe('63C0');
    expect(send(card, verifyWith('1234')).sw).toBe('6984');
  });

  it('not-my-number: 6A82 to the JPKI SELECT and a non-JPKI ATR with the same prefix', () => {
    const card = createVirtualCard({ variant: 'not-my-number' });
    const atr = card.powerOn();
    expect(Buffer.from(atr.subarray(0, 4)).toString('hex')).toBe('3b888001');
    expect(send(card, selectJpki).sw).toBe('6A82');
    expect(send(card, '00 B0 8A 00 00').sw).toBe('6A82');
  });

  it('rejects bad profiles with clear errors', () => {
    expect(() => createVirtualCard({ pin: '12345' })).toThrow(/4 digits/);
    expect(() => createVirtualCard({ signPassword: 'abc123' })).toThrow(/A–Z/);
    expect(() => createVirtualCard({ serialNumber: 0n })).toThrow(/positive/);
    expect(() => createVirtualCard({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => createVirtualCard({ removeAfterApdus: 1.5 })).toThrow(/removeAfterApdus/);
    expect(() => createVirtualCard({ removeAfterApdus: 0 })).toThrow(/removeAfterApdus/);
    expect(() => createVirtualCard({ variant: 'plastic' as never })).toThrow(/unknown virtual card variant/);
  });

  it('puts the holder name only in the sign certificate', () => {
    const card = createVirtualCard({ holderName: '試験 花子' });
    const name = Buffer.from('試験 花子', 'utf8');
    expect(Buffer.from(card.signCertificate).includes(name)).toBe(true);
    expect(Buffer.from(card.authCertificate).includes(name)).toBe(false);
  });

  it('counts APDUs and reports removal after removeAfterApdus', () => {
    const card = powered({ removeAfterApdus: 2 });
    send(card, selectJpki);
    expect(card.removed).toBe(false);
    send(card, '00 B0 86 00 20');
    expect(card.removed).toBe(true);
  });
});
