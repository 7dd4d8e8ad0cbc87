// Test-only virtual card certificates: RSA keys and self-signed X.509 DER with a chosen serial number.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

function tlv(tag: number, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  const len = body.length;
  const header = len < 0x80 ? [len] : len < 0x100 ? [0x81, len] : [0x82, len >> 8, len & 0xff];
  return Buffer.concat([Buffer.from([tag, ...header]), body]);
}

const seq = (...parts: Uint8Array[]) => tlv(0x30, ...parts);

function integer(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

const SHA256_WITH_RSA = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]);
const algorithm = () => seq(SHA256_WITH_RSA, Buffer.from([0x05, 0x00]));
const commonName = (cn: string) =>
  seq(tlv(0x31, seq(Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03]), tlv(0x0c, Buffer.from(cn, 'utf8')))));
const utcTime = (text: string) => tlv(0x17, Buffer.from(text, 'ascii'));

export interface TestCard {
  serial: bigint;
  certificate: Uint8Array;
  privateKey: KeyObject;
  /** RSA PKCS#1 v1.5 over SHA-256, as the card's 利用者証明用 key signs. */
  signChallenge(challenge: Uint8Array): Uint8Array;
}

export function makeTestCard(serial: bigint): TestCard {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(
    tlv(0xa0, integer(2n)),
    integer(serial),
    algorithm(),
    commonName('Test JPKI CA'),
    seq(utcTime('260101000000Z'), utcTime('301231235959Z')),
    commonName('Test Card Holder'),
    spki,
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = seq(tbs, algorithm(), tlv(0x03, Buffer.from([0]), signature));
  return {
    serial,
    certificate,
    privateKey,
    signChallenge: (challenge) => sign('sha256', challenge, privateKey),
  };
}

/** A fixed clock: 2026-11-27 10:00:00 JST. */
export const fixedClock = (): Date => new Date('2026-11-27T01:00:00Z');
