// The 利用者証明用電子証明書 as the kiosk sees it: parsing with node:crypto and checking a challenge signature.
import { X509Certificate, constants, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CardError } from './card-error';
import { readDerHeader } from './der-length';

export interface CertificateInfo {
  /** The certificate exactly as read, without the filler after it. */
  der: Uint8Array;
  /** Distinguished names in node:crypto's form, one `KEY=value` per line. */
  subject: string;
  issuer: string;
  /** Hex, lowercase. Identifies this certificate, not the person (§7). */
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  publicKey: KeyObject;
}

function parseDate(text: string, field: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new CardError('card.certificate-invalid', `証明書の${field}を読めません`);
  }
  return date;
}

/**
 * Parses a DER X.509 certificate. Anything that is not exactly one certificate with an RSA key
 * (the JPKI auth key is RSA-2048, §7) throws `card.certificate-invalid`.
 */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  const header = readDerHeader(der);
  if (header.totalLength !== der.length) {
    throw new CardError(
      'card.certificate-invalid',
      `証明書の長さが一致しません（DER ${header.totalLength} バイト、データ ${der.length} バイト）`,
    );
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.byteLength));
  } catch (error) {
    throw new CardError('card.certificate-invalid', '証明書を解析できません', {}, { cause: error });
  }
  const publicKey = x509.publicKey;
  if (publicKey.asymmetricKeyType !== 'rsa') {
    throw new CardError(
      'card.certificate-invalid',
      `証明書の鍵が RSA ではありません（${publicKey.asymmetricKeyType}）`,
    );
  }
  return {
    der: der.slice(),
    subject: x509.subject,
    issuer: x509.issuer,
    serialNumber: x509.serialNumber.toLowerCase(),
    validFrom: parseDate(x509.validFrom, '有効期間の開始'),
    validTo: parseDate(x509.validTo, '有効期間の終了'),
    publicKey,
  };
}

/**
 * Whether `signature` is the card's RSA PKCS#1 v1.5 signature over SHA-256(challenge) by the key of
 * `cert` (§7, step 1). A certificate given as DER that cannot be parsed throws
 * `card.certificate-invalid`; a signature that does not match is simply `false`.
 */
export function verifyChallengeSignature(
  cert: CertificateInfo | Uint8Array,
  challenge: Uint8Array,
  signature: Uint8Array,
): boolean {
  const publicKey = cert instanceof Uint8Array ? parseCertificate(cert).publicKey : cert.publicKey;
  try {
    return verify('sha256', challenge, { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}
