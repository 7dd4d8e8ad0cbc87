// The virtual card's JPKI AP file system: EF IDs, what each EF holds and which secret guards it (my-number-card.md §1.1, §6).
import type { PinId } from './virtual-card-pins';
import { tokenLabels, type TokenKind } from './virtual-card-variants';

/** §1.1: AID of the JPKI AP. */
export const jpkiAid = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

/** EF IDs of the JPKI AP (§1.1). SFI = the low byte of the FID. */
export const ef = {
  signCert: 0x0001,
  signCaCert: 0x0002,
  tokenInfo: 0x0006,
  certPresence: 0x0008,
  authCert: 0x000a,
  authCaCert: 0x000b,
  authKey: 0x0017,
  authPin: 0x0018,
  signKey: 0x001a,
  signPassword: 0x001b,
} as const;

export type EfEntry =
  | { kind: 'binary'; data: Uint8Array; needs?: PinId }
  | { kind: 'key'; key: PinId }
  | { kind: 'pin'; pin: PinId };

/** PKCS#11 CK_TOKEN_INFO (160 bytes); the first 32 bytes are the space-padded label (§1.1, §6). */
export function tokenInfo(token: TokenKind, serialNumber: bigint): Uint8Array {
  const info = new Uint8Array(160);
  const put = (text: string, offset: number, width: number): void => {
    info.set(Buffer.from(text.padEnd(width, ' ').slice(0, width), 'ascii'), offset);
  };
  put(tokenLabels[token], 0, 32);
  put('TEST ONLY VIRTUAL CARD', 32, 32);
  put('JPKI AP', 64, 16);
  put(serialNumber.toString(16).toUpperCase().padStart(16, '0').slice(-16), 80, 16);
  return info;
}

export interface CardFileContents {
  token: TokenKind;
  serialNumber: bigint;
  authCertificate: Uint8Array;
  authCaCertificate: Uint8Array;
  signCertificate: Uint8Array;
  signCaCertificate: Uint8Array;
  /** Android and iPhone: EF 000A needs PIN 0018 first (§6.1, unconfirmed). */
  authCertNeedsPin: boolean;
}

/** The EFs of the JPKI AP by FID. */
export function buildCardFiles(contents: CardFileContents): ReadonlyMap<number, EfEntry> {
  return new Map<number, EfEntry>([
    [ef.signCert, { kind: 'binary', data: contents.signCertificate, needs: 'sign' }],
    [ef.signCaCert, { kind: 'binary', data: contents.signCaCertificate }],
    [ef.tokenInfo, { kind: 'binary', data: tokenInfo(contents.token, contents.serialNumber) }],
    // 8F 8F 00 = both certificates present (§1.1, unconfirmed)
    [ef.certPresence, { kind: 'binary', data: Uint8Array.of(0x8f, 0x8f, 0x00) }],
    [
      ef.authCert,
      {
        kind: 'binary',
        data: contents.authCertificate,
        ...(contents.authCertNeedsPin ? { needs: 'auth' as const } : {}),
      },
    ],
    [ef.authCaCert, { kind: 'binary', data: contents.authCaCertificate }],
    [ef.authKey, { kind: 'key', key: 'auth' }],
    [ef.authPin, { kind: 'pin', pin: 'auth' }],
    [ef.signKey, { kind: 'key', key: 'sign' }],
    [ef.signPassword, { kind: 'pin', pin: 'sign' }],
  ]);
}
