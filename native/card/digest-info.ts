// The SHA-256 DigestInfo the card signs with PKCS#1 v1.5 padding (my-number-card.md §2.1, RFC 8017 §9.2).
import { createHash } from 'node:crypto';
import { concatBytes } from './bytes';

/** DER prefix of DigestInfo { sha256, NULL } followed by an OCTET STRING of 32 bytes. */
export const SHA256_DIGEST_INFO_PREFIX = Uint8Array.of(
  0x30,
  0x31,
  0x30,
  0x0d,
  0x06,
  0x09,
  0x60,
  0x86,
  0x48,
  0x01,
  0x65,
  0x03,
  0x04,
  0x02,
  0x01,
  0x05,
  0x00,
  0x04,
  0x20,
);

/** DigestInfo(SHA-256(message)): 51 bytes, the data of COMPUTE DIGITAL SIGNATURE with P1 00. */
export function sha256DigestInfo(message: Uint8Array): Uint8Array {
  return concatBytes(SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(message).digest());
}
