// The test PKI: the built-in set parses, certificates parse and chain to their TEST ONLY CA, the cache round-trips.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultTestPki,
  issueCardCertificate,
  loadOrGenerateTestPki,
  loadTestPki,
  parseTestPki,
  saveTestPki,
  testPkiPem,
} from '../../../../native/sim/test-pki';
import { builtInTestPkiPem } from '../../../../native/sim/test-pki-pem';

const pki = parseTestPki(builtInTestPkiPem);
const validity = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2031-01-01T00:00:00Z') };

describe('built-in PKI', () => {
  it('has self-signed CAs whose names say they are a test issuer', () => {
    for (const [ca, cn] of [
      [pki.authCa, 'TEST JPKI User Authentication CA'],
      [pki.signCa, 'TEST JPKI Digital Signature CA'],
    ] as const) {
      const cert = new X509Certificate(ca.certificate);
      expect(cert.subject).toContain('O=TEST ONLY');
      expect(cert.subject).toContain(`CN=${cn}`);
      expect(cert.ca).toBe(true);
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.checkPrivateKey(ca.privateKey)).toBe(true);
    }
  });

  it('is what a card uses by default, parsed once, with no file to read', () => {
    const byDefault = defaultTestPki();
    expect(byDefault.authCa.certificate).toEqual(pki.authCa.certificate);
    expect(defaultTestPki()).toBe(byDefault);
  });

  it('holds four distinct RSA-2048 key pairs: card and phone differ (§6.1)', () => {
    const keys = Object.values(pki.keys);
    for (const key of keys) expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const moduli = keys.map((k) => k.export({ type: 'pkcs1', format: 'der' }).toString('hex'));
    expect(new Set(moduli).size).toBe(4);
  });

  it('round-trips through its PEM text', () => {
    const again = parseTestPki(testPkiPem(pki));
    expect(again.signCa.certificate).toEqual(pki.signCa.certificate);
    expect(testPkiPem(again)).toEqual(testPkiPem(pki));
  });
});

describe('issueCardCertificate', () => {
  it('issues an auth certificate of about 1.2–1.6 KB that verifies against the auth CA', () => {
    const der = issueCardCertificate(pki, {
      kind: 'auth',
      serialNumber: 0x1234_5678_9abcn,
      publicKey: pki.keys.cardAuth,
      ...validity,
    });
    expect(der.length).toBeGreaterThanOrEqual(1200);
    expect(der.length).toBeLessThanOrEqual(1600);
    expect([der[0], der[1]]).toEqual([0x30, 0x82]); // §4: 30 82 LL LL
    expect(4 + ((der[2] ?? 0) << 8) + (der[3] ?? 0)).toBe(der.length);
    const cert = new X509Certificate(der);
    const ca = new X509Certificate(pki.authCa.certificate);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.checkIssued(new X509Certificate(pki.signCa.certificate))).toBe(false);
    expect(cert.serialNumber).toBe('123456789ABC');
    expect(cert.issuer).toContain('OU=TEST JPKI for user authentication');
    expect(cert.subject).toBe('C=JP\nCN=TEST ONLY 0000123456789ABC');
    expect(cert.ca).toBe(false);
    expect(cert.checkPrivateKey(pki.keys.cardAuth)).toBe(true);
    expect(new Date(cert.validFrom)).toEqual(validity.notBefore);
    expect(new Date(cert.validTo)).toEqual(validity.notAfter);
    expect(cert.infoAccess).toContain('http://ocsp.jpki.test.invalid/auth');
  });

  it('puts the holder name into the sign certificate SAN and chains it to the sign CA', () => {
    const der = issueCardCertificate(pki, {
      kind: 'sign',
      serialNumber: 77n,
      publicKey: pki.keys.cardSign,
      holderName: '試験 一郎',
      ...validity,
    });
    const cert = new X509Certificate(der);
    expect(cert.verify(new X509Certificate(pki.signCa.certificate).publicKey)).toBe(true);
    expect(Buffer.from(der).includes(Buffer.from('試験 一郎'))).toBe(true);
    expect(cert.subjectAltName).toContain('othername');
  });

  it('encodes validity past 2049 as GeneralizedTime that still parses', () => {
    const cert = new X509Certificate(
      issueCardCertificate(pki, {
        kind: 'auth',
        serialNumber: 1n,
        publicKey: pki.keys.cardAuth,
        notBefore: new Date('2048-01-01T00:00:00Z'),
        notAfter: new Date('2052-06-30T00:00:00Z'),
      }),
    );
    expect(new Date(cert.validTo).toISOString()).toBe('2052-06-30T00:00:00.000Z');
  });

  it('refuses a zero serial and an empty validity', () => {
    const base = { kind: 'auth' as const, publicKey: pki.keys.cardAuth };
    expect(() => issueCardCertificate(pki, { ...base, serialNumber: 0n, ...validity })).toThrow(/positive/);
    expect(() =>
      issueCardCertificate(pki, {
        ...base,
        serialNumber: 1n,
        notBefore: validity.notAfter,
        notAfter: validity.notBefore,
      }),
    ).toThrow(/notBefore/);
  });
});

describe('on-disk cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'test-pki-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a PKI once into the folder and loads the same one afterwards', () => {
    const generated = loadOrGenerateTestPki(dir);
    const loaded = loadOrGenerateTestPki(dir);
    expect(loaded.authCa.certificate).toEqual(generated.authCa.certificate);
    expect(new X509Certificate(loaded.signCa.certificate).checkPrivateKey(loaded.signCa.privateKey)).toBe(
      true,
    );
    expect(generated.authCa.certificate).not.toEqual(pki.authCa.certificate);
    const der = issueCardCertificate(loaded, {
      kind: 'auth',
      serialNumber: 5n,
      publicKey: loaded.keys.phoneAuth,
      ...validity,
    });
    expect(new X509Certificate(der).verify(new X509Certificate(generated.authCa.certificate).publicKey)).toBe(
      true,
    );
  });

  it('saves a PKI that loads back equal, private keys readable by the owner only', () => {
    const saved = path.join(dir, 'saved');
    saveTestPki(pki, saved);
    expect(testPkiPem(loadTestPki(saved))).toEqual(testPkiPem(pki));
    if (process.platform !== 'win32') {
      expect(statSync(path.join(saved, 'card-auth.key.pem')).mode & 0o777).toBe(0o600);
    }
  });

  it('names a missing file clearly', () => {
    expect(() => loadTestPki(path.join(dir, 'nowhere'))).toThrow(/test PKI file missing/);
  });
});
