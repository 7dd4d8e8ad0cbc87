// The test PKI of the virtual card: TEST ONLY CAs and the X.509 v3 certificates they issue for a virtual card.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  integer,
  namedBits,
  nullValue,
  octetString,
  oid,
  printableString,
  sequence,
  setOf,
  time,
  tlv,
  utf8String,
} from './der';
import { builtInTestPkiPem } from './test-pki-pem';

/** OIDs (RFC 5280, RFC 8017; the JPKI SAN attributes from my-number-card.md §7). */
const oids = {
  sha256WithRsa: '1.2.840.113549.1.1.11',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocsp: '1.3.6.1.5.5.7.48.1',
  userNotice: '1.3.6.1.5.5.7.2.2',
  /** The name inside a 署名用 certificate's SAN (§7: 1.2.392.200149.8.5.5.1–6). */
  jpkiName: '1.2.392.200149.8.5.5.1',
  /** Policies of this test PKI sit under the ITU-T "example" arc 2.999, never under a real JPKI arc. */
  testAuthPolicy: '2.999.392.1.1',
  testSignPolicy: '2.999.392.1.2',
} as const;

export type CertificateKind = 'auth' | 'sign';

export interface TestCa {
  /** DER of the self-signed CA certificate. */
  readonly certificate: Uint8Array;
  readonly privateKey: KeyObject;
}

/** Everything the virtual cards need: two TEST ONLY CAs and the card key pairs (card and phone differ, §6.1). */
export interface TestPki {
  readonly authCa: TestCa;
  readonly signCa: TestCa;
  readonly keys: {
    readonly cardAuth: KeyObject;
    readonly cardSign: KeyObject;
    readonly phoneAuth: KeyObject;
    readonly phoneSign: KeyObject;
  };
}

/** File names of a PKI folder (PEM). */
export const testPkiFiles = {
  authCaKey: 'auth-ca.key.pem',
  authCaCert: 'auth-ca.cert.pem',
  signCaKey: 'sign-ca.key.pem',
  signCaCert: 'sign-ca.cert.pem',
  cardAuthKey: 'card-auth.key.pem',
  cardSignKey: 'card-sign.key.pem',
  phoneAuthKey: 'phone-auth.key.pem',
  phoneSignKey: 'phone-sign.key.pem',
} as const;

/** A PKI as PEM text, one entry per file of a PKI folder (private keys PKCS#8, certificates X.509). */
export type TestPkiPem = Record<keyof typeof testPkiFiles, string>;

type RdnPart = [attribute: string, value: string];

function name(parts: RdnPart[]): Uint8Array {
  return sequence(
    ...parts.map(([attribute, value]) =>
      setOf(
        sequence(oid(attribute), attribute === oids.countryName ? printableString(value) : utf8String(value)),
      ),
    ),
  );
}

/** Issuer names mirror the J-LIS ones (§7) but say plainly that they are a test issuer. */
const caNames: Record<CertificateKind, RdnPart[]> = {
  auth: [
    [oids.countryName, 'JP'],
    [oids.organizationName, 'TEST ONLY'],
    [oids.organizationalUnitName, 'TEST ONLY Japan Agency for Local Authority Information Systems'],
    [oids.organizationalUnitName, 'TEST JPKI for user authentication'],
    [oids.commonName, 'TEST JPKI User Authentication CA'],
  ],
  sign: [
    [oids.countryName, 'JP'],
    [oids.organizationName, 'TEST ONLY'],
    [oids.organizationalUnitName, 'TEST ONLY Japan Agency for Local Authority Information Systems'],
    [oids.organizationalUnitName, 'TEST JPKI for digital signature'],
    [oids.commonName, 'TEST JPKI Digital Signature CA'],
  ],
};

const caValidity = {
  notBefore: new Date('2020-01-01T00:00:00Z'),
  notAfter: new Date('2049-12-31T23:59:59Z'),
};

const sha256WithRsa = (): Uint8Array => sequence(oid(oids.sha256WithRsa), nullValue());

const publicOf = (key: KeyObject): KeyObject => (key.type === 'private' ? createPublicKey(key) : key);

function spki(key: KeyObject): Uint8Array {
  return new Uint8Array(publicOf(key).export({ type: 'spki', format: 'der' }));
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey value (the PKCS#1 RSAPublicKey). */
function keyIdentifier(key: KeyObject): Uint8Array {
  const rsaPublicKey = publicOf(key).export({ type: 'pkcs1', format: 'der' });
  return new Uint8Array(createHash('sha1').update(rsaPublicKey).digest());
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));
}

function signCertificate(tbs: Uint8Array, issuerKey: KeyObject): Uint8Array {
  const signature = sign('sha256', tbs, issuerKey);
  return sequence(tbs, sha256WithRsa(), bitString(new Uint8Array(signature)));
}

function buildCaCertificate(kind: CertificateKind, key: KeyObject): Uint8Array {
  const subject = name(caNames[kind]);
  const id = keyIdentifier(key);
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(kind === 'auth' ? 0x7e57_0001n : 0x7e57_0002n),
    sha256WithRsa(),
    subject,
    sequence(time(caValidity.notBefore), time(caValidity.notAfter)),
    subject,
    spki(key),
    explicit(
      3,
      sequence(
        extension(oids.basicConstraints, true, sequence(boolean(true))),
        // keyCertSign (5), cRLSign (6)
        extension(oids.keyUsage, true, namedBits([5, 6])),
        extension(oids.subjectKeyIdentifier, false, octetString(id)),
      ),
    ),
  );
  return signCertificate(tbs, key);
}

export interface CardCertificateRequest {
  kind: CertificateKind;
  /** Chosen by the caller so a simulated eligibility service can map a card to a person. */
  serialNumber: bigint;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  /** Only the 署名用 certificate carries personal data (§7); it goes into the SAN. */
  holderName?: string;
}

/** Issues a 利用者証明用 (auth) or 署名用 (sign) certificate, shaped like the real ones (§7). */
export function issueCardCertificate(pki: TestPki, request: CardCertificateRequest): Uint8Array {
  if (request.serialNumber <= 0n) throw new Error('a certificate serial number must be positive');
  if (!(request.notBefore < request.notAfter)) throw new Error('notBefore must be before notAfter');
  const ca = request.kind === 'auth' ? pki.authCa : pki.signCa;
  const serialHex = request.serialNumber.toString(16).toUpperCase().padStart(16, '0');
  const policy = request.kind === 'auth' ? oids.testAuthPolicy : oids.testSignPolicy;
  const crlName = request.kind === 'auth' ? 'auth' : 'sign';
  const extensions = [
    // digitalSignature (0); the 署名用 certificate adds nonRepudiation (1)
    extension(oids.keyUsage, true, namedBits(request.kind === 'auth' ? [0] : [0, 1])),
    extension(oids.subjectKeyIdentifier, false, octetString(keyIdentifier(request.publicKey))),
    extension(
      oids.authorityKeyIdentifier,
      false,
      sequence(implicitPrimitive(0, keyIdentifier(ca.privateKey))),
    ),
    extension(
      oids.certificatePolicies,
      false,
      sequence(
        sequence(
          oid(policy),
          sequence(
            sequence(
              oid(oids.userNotice),
              sequence(
                utf8String(
                  'TEST ONLY: issued by a test authority for a virtual card. It identifies nobody and proves nothing.',
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    extension(
      oids.issuerAltName,
      false,
      sequence(
        explicit(
          4,
          name([[oids.organizationName, 'TEST ONLY Japan Agency for Local Authority Information Systems']]),
        ),
      ),
    ),
    extension(
      oids.crlDistributionPoints,
      false,
      sequence(
        sequence(
          explicit(
            0,
            explicit(0, implicitPrimitive(6, Buffer.from(`http://crl.jpki.test.invalid/${crlName}.crl`))),
          ),
        ),
      ),
    ),
    extension(
      oids.authorityInfoAccess,
      false,
      sequence(
        sequence(
          oid(oids.ocsp),
          implicitPrimitive(6, Buffer.from(`http://ocsp.jpki.test.invalid/${crlName}`)),
        ),
      ),
    ),
  ];
  if (request.kind === 'sign' && request.holderName) {
    // otherName [0] { type-id, [0] EXPLICIT value }
    const otherName = tlv(0xa0, oid(oids.jpkiName), explicit(0, utf8String(request.holderName)));
    extensions.push(extension(oids.subjectAltName, false, sequence(otherName)));
  }
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(request.serialNumber),
    sha256WithRsa(),
    name(caNames[request.kind]),
    sequence(time(request.notBefore), time(request.notAfter)),
    // The subject is an opaque value and the country only (§7).
    name([
      [oids.countryName, 'JP'],
      [oids.commonName, `TEST ONLY ${serialHex}`],
    ]),
    spki(request.publicKey),
    explicit(3, sequence(...extensions)),
  );
  return signCertificate(tbs, ca.privateKey);
}

const pemBlock = (label: string, der: Uint8Array): string =>
  `-----BEGIN ${label}-----\n${(
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n')}\n-----END ${label}-----\n`;

/** Generates a fresh PKI: six RSA-2048 key pairs, so this takes a second or more. */
export function generateTestPki(): TestPki {
  const key = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const authKey = key();
  const signKey = key();
  return {
    authCa: { certificate: buildCaCertificate('auth', authKey), privateKey: authKey },
    signCa: { certificate: buildCaCertificate('sign', signKey), privateKey: signKey },
    keys: { cardAuth: key(), cardSign: key(), phoneAuth: key(), phoneSign: key() },
  };
}

/** The PKI as PEM text. */
export function testPkiPem(pki: TestPki): TestPkiPem {
  const key = (k: KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    authCaKey: key(pki.authCa.privateKey),
    authCaCert: pemBlock('CERTIFICATE', pki.authCa.certificate),
    signCaKey: key(pki.signCa.privateKey),
    signCaCert: pemBlock('CERTIFICATE', pki.signCa.certificate),
    cardAuthKey: key(pki.keys.cardAuth),
    cardSignKey: key(pki.keys.cardSign),
    phoneAuthKey: key(pki.keys.phoneAuth),
    phoneSignKey: key(pki.keys.phoneSign),
  };
}

/** Reads a PKI from its PEM text. */
export function parseTestPki(pem: TestPkiPem): TestPki {
  const key = (text: string): KeyObject => createPrivateKey(text);
  const cert = (text: string): Uint8Array => new Uint8Array(new X509Certificate(text).raw);
  return {
    authCa: { certificate: cert(pem.authCaCert), privateKey: key(pem.authCaKey) },
    signCa: { certificate: cert(pem.signCaCert), privateKey: key(pem.signCaKey) },
    keys: {
      cardAuth: key(pem.cardAuthKey),
      cardSign: key(pem.cardSignKey),
      phoneAuth: key(pem.phoneAuthKey),
      phoneSign: key(pem.phoneSignKey),
    },
  };
}

const pemEntries = (pem: TestPkiPem): [keyof TestPkiPem, string][] =>
  (Object.keys(testPkiFiles) as (keyof TestPkiPem)[]).map((name) => [name, pem[name]]);

/** Writes the PKI as PEM files (private keys readable by the owner only). */
export function saveTestPki(pki: TestPki, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of pemEntries(testPkiPem(pki))) {
    const target = path.join(dir, testPkiFiles[name]);
    if (name.endsWith('Key')) {
      writeFileSync(target, text, { mode: 0o600 });
      chmodSync(target, 0o600);
    } else {
      writeFileSync(target, text);
    }
  }
}

/** Loads a PKI folder written by saveTestPki. */
export function loadTestPki(dir: string): TestPki {
  const read = (name: keyof TestPkiPem): string => {
    const target = path.join(dir, testPkiFiles[name]);
    if (!existsSync(target)) throw new Error(`test PKI file missing: ${target}`);
    return readFileSync(target, 'utf8');
  };
  const pem = Object.fromEntries(
    (Object.keys(testPkiFiles) as (keyof TestPkiPem)[]).map((name) => [name, read(name)]),
  ) as TestPkiPem;
  return parseTestPki(pem);
}

const hasAllFiles = (dir: string): boolean =>
  Object.values(testPkiFiles).every((file) => existsSync(path.join(dir, file)));

/** The on-disk cache: loads the PKI from `dir` if it is complete, otherwise generates and writes it there. */
export function loadOrGenerateTestPki(dir: string): TestPki {
  if (hasAllFiles(dir)) return loadTestPki(dir);
  const pki = generateTestPki();
  saveTestPki(pki, dir);
  return pki;
}

let processPki: TestPki | undefined;

/**
 * The PKI a card uses unless given one: the built-in TEST ONLY set (test-pki-pem.ts), parsed once per process.
 * It needs no file, so a simulation kiosk works the same from a packaged app.
 */
export function defaultTestPki(): TestPki {
  processPki ??= parseTestPki(builtInTestPkiPem);
  return processPki;
}
