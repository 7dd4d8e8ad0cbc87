import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../../../native/card/bytes';
import type { CardError } from '../../../../native/card/card-error';
import { parseCertificate, verifyChallengeSignature } from '../../../../native/card/certificate';
import { fixtureCertificate, fixturePrivateKeyPem, fixturesDir } from './replay-transmit';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as CardError).code;
  }
};

describe('parseCertificate', () => {
  it('reads the fields of the TEST JPKI certificate', () => {
    const der = fixtureCertificate();
    const info = parseCertificate(der);
    expect(info.der).toEqual(der);
    expect(info.subject).toContain('CN=TEST JPKI CA');
    expect(info.subject).toContain('O=JPKI-TEST');
    expect(info.issuer).toBe(info.subject);
    expect(info.serialNumber).toBe('1a2b3c4d5e6f');
    expect(info.validFrom.toISOString()).toBe('2026-11-27T03:17:51.000Z');
    expect(info.validTo.toISOString()).toBe('2036-11-24T03:17:51.000Z');
    expect(info.publicKey.asymmetricKeyType).toBe('rsa');
    expect(info.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('rejects garbage, truncation, trailing bytes and a key that is not RSA', () => {
    const der = fixtureCertificate();
    expect(codeOf(() => parseCertificate(new Uint8Array(256).fill(0xff)))).toBe('card.certificate-invalid');
    expect(codeOf(() => parseCertificate(der.subarray(0, 1000)))).toBe('card.certificate-invalid');
    expect(codeOf(() => parseCertificate(concatBytes(der, Uint8Array.of(0xff))))).toBe(
      'card.certificate-invalid',
    );
    const mangled = der.slice();
    mangled[10] = 0x99;
    expect(codeOf(() => parseCertificate(mangled))).toBe('card.certificate-invalid');
    expect(codeOf(() => parseCertificate(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)))).toBe(
      'card.certificate-invalid',
    );
    const ec = new Uint8Array(readFileSync(path.join(fixturesDir, 'test-ec-not-jpki.cert.der')));
    expect(codeOf(() => parseCertificate(ec))).toBe('card.certificate-invalid');
  });
});

describe('verifyChallengeSignature', () => {
  const key = createPrivateKey(fixturePrivateKeyPem());
  const challenge = new TextEncoder().encode('nonce-0001');
  const signature = new Uint8Array(sign('sha256', challenge, key));

  it('accepts the signature over SHA-256(challenge), given the parsed certificate or its DER', () => {
    const der = fixtureCertificate();
    expect(verifyChallengeSignature(parseCertificate(der), challenge, signature)).toBe(true);
    expect(verifyChallengeSignature(der, challenge, signature)).toBe(true);
  });

  it('refuses another challenge, a changed signature and a signature of the wrong length', () => {
    const der = fixtureCertificate();
    expect(verifyChallengeSignature(der, new TextEncoder().encode('nonce-0002'), signature)).toBe(false);
    const flipped = signature.slice();
    flipped[100] = (flipped[100] ?? 0) ^ 0x01;
    expect(verifyChallengeSignature(der, challenge, flipped)).toBe(false);
    expect(verifyChallengeSignature(der, challenge, signature.subarray(0, 255))).toBe(false);
    expect(verifyChallengeSignature(der, challenge, new Uint8Array(0))).toBe(false);
  });

  it('throws card.certificate-invalid for a certificate that cannot be parsed', () => {
    expect(codeOf(() => verifyChallengeSignature(Uint8Array.of(1, 2, 3), challenge, signature))).toBe(
      'card.certificate-invalid',
    );
  });
});
