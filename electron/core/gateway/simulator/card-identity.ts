// Reads what the simulated system needs from a card certificate: its serial and public key; checks the challenge signature.
import { X509Certificate, verify, type KeyObject } from 'node:crypto';
import { GatewayError } from '../qualification-gateway';

export interface CardIdentity {
  /** Lowercase hex without leading zeros, e.g. "5001". */
  serialHex: string;
  publicKey: KeyObject;
}

export function normalizeSerialHex(hex: string): string {
  const trimmed = hex.toLowerCase().replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

export function readCardIdentity(certificate: Uint8Array): CardIdentity {
  try {
    const x509 = new X509Certificate(Buffer.from(certificate));
    return { serialHex: normalizeSerialHex(x509.serialNumber), publicKey: x509.publicKey };
  } catch (cause) {
    throw new GatewayError('gateway.certificate-invalid', 'カードの電子証明書を読み取れません。', undefined, {
      cause,
    });
  }
}

/** The card signed the challenge with its 利用者証明用 key: RSA PKCS#1 v1.5 over SHA-256. */
export function assertChallengeSigned(
  identity: CardIdentity,
  challenge?: Uint8Array,
  signature?: Uint8Array,
): void {
  let ok = false;
  if (challenge && signature && challenge.length > 0) {
    try {
      ok = verify('sha256', challenge, identity.publicKey, signature);
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new GatewayError('gateway.signature-invalid', 'カードの署名を検証できませんでした。');
}
