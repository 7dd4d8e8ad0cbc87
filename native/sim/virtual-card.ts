// A virtual My Number card: the JPKI AP (my-number-card.md §1.1–§3, §6) answering command APDUs like a real card.
import { constants, createPublicKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { defaultTestPki, issueCardCertificate, type TestPki } from './test-pki';

export const virtualCardVariants = [
  'physical',
  'android',
  'iphone',
  'face-auth',
  'expired',
  'locked',
  'not-my-number',
] as const;

export type VirtualCardVariant = (typeof virtualCardVariants)[number];

export type TokenKind = 'card' | 'android' | 'iphone';

/** What a card is made of. Every field is optional: `{}` is a physical card with PIN 1234. */
export interface VirtualCardProfile {
  variant?: VirtualCardVariant;
  /** 利用者証明用 PIN (4 digits). Default '1234'. Ignored by `face-auth`, which has no usable PIN. */
  pin?: string;
  /** 署名用パスワード (6–16 of A–Z 0–9). Default 'ABC123'. */
  signPassword?: string;
  /** Serial of the 利用者証明用 certificate; default per variant (virtualCardDefaultSerials). */
  serialNumber?: bigint;
  /** Holder name; only the 署名用 certificate carries it (§7). */
  holderName?: string;
  /** Every APDU takes this long in the transports (a slow card). */
  latencyMs?: number;
  /** The card leaves the reader once it has answered this many APDUs. */
  removeAfterApdus?: number;
  /** JSON file holding the retry counters, so tries survive a restart. */
  stateFile?: string;
  /** Keys and CAs; default: the built-in TEST ONLY set (test-pki-pem.ts, no key generation). */
  pki?: TestPki;
  /** The clock used for certificate validity. Default: now. */
  now?: Date;
}

export interface VirtualCard {
  readonly variant: VirtualCardVariant;
  readonly token: TokenKind;
  readonly serialNumber: bigint;
  /** DER of the certificates on the card (EF 000A, 000B, 0001, 0002). */
  readonly authCertificate: Uint8Array;
  readonly authCaCertificate: Uint8Array;
  readonly signCertificate: Uint8Array;
  readonly signCaCertificate: Uint8Array;
  readonly atr: Uint8Array;
  readonly latencyMs: number;
  readonly removeAfterApdus: number | undefined;
  /** Whether the card is powered (between powerOn and powerOff). */
  readonly powered: boolean;
  /** APDUs answered since the card was made. */
  readonly apduCount: number;
  /** True once removeAfterApdus APDUs were answered: the transport takes the card away. */
  readonly removed: boolean;
  /** Tries left of the 利用者証明用 PIN and of the 署名用パスワード. */
  readonly pinTriesLeft: number;
  readonly signPasswordTriesLeft: number;
  /** Power up (cold reset): answers the ATR. */
  powerOn(): Uint8Array;
  /** Power loss: clears the selected AP and EF and every verified state (§8.1, §10 pitfall 3). */
  powerOff(): void;
  /** Warm reset: the same as power off + on here (verified state cleared). Answers the ATR. */
  reset(): Uint8Array;
  /** One command APDU → response data + SW1 SW2. Throws only when the card is not powered. */
  process(apdu: Uint8Array): Uint8Array;
}

/** Default certificate serials per variant: phones carry a different certificate than the card (§6.1). */
export const virtualCardDefaultSerials: Record<VirtualCardVariant, bigint> = {
  physical: 0x0a00_0001n,
  android: 0x0a00_0002n,
  iphone: 0x0a00_0003n,
  'face-auth': 0x0a00_0004n,
  expired: 0x0a00_0005n,
  locked: 0x0a00_0006n,
  'not-my-number': 0x0a00_0007n,
};

/** The 署名用 certificate has its own serial; this offset keeps it apart from the 利用者証明用 serial. */
const signSerialOffset = 1n << 40n;

/** §1.1: AID of the JPKI AP. */
export const jpkiAid = Uint8Array.of(0xd3, 0x92, 0xf0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01);

/** §6: ATRs. A contactless reader makes one up from the ATQB; phones are likely Type A (unconfirmed). */
const atrs: Record<TokenKind | 'other', Uint8Array> = {
  card: Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xe0, 0xb3, 0x81, 0xa1, 0x00, 0x7f),
  // PC/SC Part 3 ATR of an ISO 14443-4 card without historical bytes (unconfirmed for phones).
  android: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01),
  iphone: Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01),
  // §6: the driving licence, also `3B 88 80 01…`, so an ATR prefix does not tell the cards apart.
  other: Uint8Array.of(0x3b, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x91, 0x81, 0xc1, 0x00, 0xd8),
};

/** §6 / §6.1: EF 0006 labels (compared by prefix by readers). */
const tokenLabels: Record<TokenKind, string> = {
  card: 'JPKIAPICCTOKEN2',
  android: 'JPKIAPGPSETOKEN',
  iphone: 'JPKIAPIOSTOKEN',
};

/**
 * What each token allows that differs from a physical card (§6.1).
 * - authCertNeedsPin: Android verifies PIN 0018 before reading EF 000A — unconfirmed. iPhone behaviour is
 *   unknown (unconfirmed); it is treated like Android so a reader must cope with the stricter case.
 * - acceptsLastCommandIndicator: `80 FC 00 00` belongs to the iPhone profile; cards answer 6700 — unconfirmed.
 */
const tokenRules: Record<TokenKind, { authCertNeedsPin: boolean; acceptsLastCommandIndicator: boolean }> = {
  card: { authCertNeedsPin: false, acceptsLastCommandIndicator: false },
  android: { authCertNeedsPin: true, acceptsLastCommandIndicator: false },
  iphone: { authCertNeedsPin: true, acceptsLastCommandIndicator: true },
};

/** §1.1: PIN rules. */
const maxPinTries = 3;
const maxSignPasswordTries = 5;
const pinPattern = /^[0-9]{4}$/;
const signPasswordPattern = /^[A-Z0-9]{6,16}$/;

/** §2.1: P1 = 00 (PKCS#1 v1.5 over the DigestInfo sent) is the only scheme implemented; max input 256 − 11. */
const maxSignatureInput = 245;

/** Status words (§3). */
const sw = {
  ok: 0x9000,
  eofBeforeLe: 0x6282,
  wrongLength: 0x6700,
  channelNotSupported: 0x6881,
  incompatibleFile: 0x6981,
  securityStatus: 0x6982,
  referenceDataUnusable: 0x6984,
  conditionsNotSatisfied: 0x6985,
  noCurrentEf: 0x6986,
  wrongData: 0x6a80,
  notFound: 0x6a82,
  wrongP1P2: 0x6a86,
  offsetBeyondEnd: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
} as const;

type PinId = 'auth' | 'sign';

/** EF IDs of the JPKI AP (§1.1). SFI = the low byte of the FID. */
const ef = {
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

type EfEntry =
  | { kind: 'binary'; data: Uint8Array; needs?: PinId }
  | { kind: 'key'; key: PinId }
  | { kind: 'pin'; pin: PinId };

interface Command {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Expected response length; undefined when the command has no Le. */
  ne: number | undefined;
  extended: boolean;
}

/** ISO 7816-4 §5.1 cases 1–4, short and extended. Undefined = malformed length (→ 6700). */
function parseCommand(apdu: Uint8Array): Command | undefined {
  if (apdu.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = apdu;
  const base = { cla, ins, p1, p2 };
  const body = apdu.subarray(4);
  if (body.length === 0) return { ...base, data: new Uint8Array(0), ne: undefined, extended: false };
  const b0 = body[0] ?? 0;
  if (body.length === 1)
    return { ...base, data: new Uint8Array(0), ne: b0 === 0 ? 256 : b0, extended: false };
  if (b0 !== 0) {
    const data = body.subarray(1, 1 + b0);
    if (body.length === 1 + b0) return { ...base, data, ne: undefined, extended: false };
    if (body.length === 2 + b0) {
      const le = body[1 + b0] ?? 0;
      return { ...base, data, ne: le === 0 ? 256 : le, extended: false };
    }
    return undefined;
  }
  if (body.length < 3) return undefined;
  const n = ((body[1] ?? 0) << 8) | (body[2] ?? 0);
  if (body.length === 3) return { ...base, data: new Uint8Array(0), ne: n === 0 ? 65536 : n, extended: true };
  if (n === 0) return undefined;
  const data = body.subarray(3, 3 + n);
  if (body.length === 3 + n) return { ...base, data, ne: undefined, extended: true };
  if (body.length === 5 + n) {
    const le = ((body[3 + n] ?? 0) << 8) | (body[4 + n] ?? 0);
    return { ...base, data, ne: le === 0 ? 65536 : le, extended: true };
  }
  return undefined;
}

const swBytes = (code: number): Uint8Array => Uint8Array.of(code >> 8, code & 0xff);

function respond(data: Uint8Array, code: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out.set(swBytes(code), data.length);
  return out;
}

const status = (code: number): Uint8Array => swBytes(code);
const triesLeftSw = (tries: number): number => 0x63c0 | Math.min(tries, 0x0f);

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** PKCS#11 CK_TOKEN_INFO (160 bytes); the first 32 bytes are the space-padded label (§1.1, §6). */
function tokenInfo(token: TokenKind, serialNumber: bigint): Uint8Array {
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

interface PersistedCounters {
  pinTriesLeft: number;
  signPasswordTriesLeft: number;
}

function readCounters(file: string, defaults: PersistedCounters): PersistedCounters {
  if (!existsSync(file)) return defaults;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`virtual card state file ${file} is not valid JSON`, { cause: error });
  }
  const value = parsed as Partial<Record<keyof PersistedCounters, unknown>> | null;
  const valid = (n: unknown, max: number): n is number =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
  if (
    !value ||
    !valid(value.pinTriesLeft, maxPinTries) ||
    !valid(value.signPasswordTriesLeft, maxSignPasswordTries)
  ) {
    throw new Error(`virtual card state file ${file} does not hold valid retry counters`);
  }
  return { pinTriesLeft: value.pinTriesLeft, signPasswordTriesLeft: value.signPasswordTriesLeft };
}

function writeCounters(file: string, counters: PersistedCounters): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(counters) + '\n');
  renameSync(temp, file);
}

const dayMs = 86_400_000;

/** Certificate validity: current cards run about five years (§7, unconfirmed); `expired` ended 30 days ago. */
function validityFor(variant: VirtualCardVariant, now: Date): { notBefore: Date; notAfter: Date } {
  const today = Math.floor(now.getTime() / dayMs) * dayMs;
  if (variant === 'expired') {
    return { notBefore: new Date(today - 5 * 365 * dayMs), notAfter: new Date(today - 30 * dayMs) };
  }
  return { notBefore: new Date(today - 365 * dayMs), notAfter: new Date(today + 4 * 365 * dayMs) };
}

const tokenOf = (variant: VirtualCardVariant): TokenKind =>
  variant === 'android' ? 'android' : variant === 'iphone' ? 'iphone' : 'card';

function checkProfile(profile: VirtualCardProfile): void {
  if (profile.variant !== undefined && !virtualCardVariants.includes(profile.variant)) {
    throw new Error(
      `unknown virtual card variant "${String(profile.variant)}" (known: ${virtualCardVariants.join(', ')})`,
    );
  }
  if (profile.pin !== undefined && !pinPattern.test(profile.pin)) throw new Error('the PIN must be 4 digits');
  if (profile.signPassword !== undefined && !signPasswordPattern.test(profile.signPassword)) {
    throw new Error('the signature password must be 6–16 characters of A–Z and 0–9');
  }
  if (profile.serialNumber !== undefined && profile.serialNumber <= 0n) {
    throw new Error('the serial number must be positive');
  }
  if (profile.latencyMs !== undefined && !(Number.isFinite(profile.latencyMs) && profile.latencyMs >= 0)) {
    throw new Error('latencyMs must be a number ≥ 0');
  }
  if (
    profile.removeAfterApdus !== undefined &&
    !(Number.isInteger(profile.removeAfterApdus) && profile.removeAfterApdus >= 1)
  ) {
    throw new Error('removeAfterApdus must be an integer ≥ 1');
  }
}

export function createVirtualCard(profile: VirtualCardProfile = {}): VirtualCard {
  checkProfile(profile);
  const variant = profile.variant ?? 'physical';
  const token = tokenOf(variant);
  const rules = tokenRules[token];
  const pki = profile.pki ?? defaultTestPki();
  const serialNumber = profile.serialNumber ?? virtualCardDefaultSerials[variant];
  const phone = token !== 'card';
  const authKey: KeyObject = phone ? pki.keys.phoneAuth : pki.keys.cardAuth;
  const signKey: KeyObject = phone ? pki.keys.phoneSign : pki.keys.cardSign;
  const validity = validityFor(variant, profile.now ?? new Date());
  const authCertificate = issueCardCertificate(pki, {
    kind: 'auth',
    serialNumber,
    publicKey: createPublicKey(authKey),
    ...validity,
  });
  const signCertificate = issueCardCertificate(pki, {
    kind: 'sign',
    serialNumber: serialNumber + signSerialOffset,
    publicKey: createPublicKey(signKey),
    holderName: profile.holderName ?? 'テスト 太郎',
    ...validity,
  });
  const isJpki = variant !== 'not-my-number';
  // face-auth: the card has no usable 利用者証明用 PIN, so VERIFY always answers 6984 (treated as locked).
  const pins: Record<PinId, Uint8Array | null> = {
    auth: variant === 'face-auth' ? null : Buffer.from(profile.pin ?? '1234', 'ascii'),
    sign: Buffer.from(profile.signPassword ?? 'ABC123', 'ascii'),
  };
  const maxTries: Record<PinId, number> = { auth: maxPinTries, sign: maxSignPasswordTries };
  const initial: PersistedCounters = {
    pinTriesLeft: variant === 'locked' ? 0 : maxPinTries,
    signPasswordTriesLeft: maxSignPasswordTries,
  };
  const counters = profile.stateFile ? readCounters(profile.stateFile, initial) : { ...initial };
  const tries = (pin: PinId): number =>
    pin === 'auth' ? counters.pinTriesLeft : counters.signPasswordTriesLeft;
  const setTries = (pin: PinId, value: number): void => {
    if (pin === 'auth') counters.pinTriesLeft = value;
    else counters.signPasswordTriesLeft = value;
    if (profile.stateFile) writeCounters(profile.stateFile, counters);
  };

  const files = new Map<number, EfEntry>([
    [ef.signCert, { kind: 'binary', data: signCertificate, needs: 'sign' }],
    [ef.signCaCert, { kind: 'binary', data: pki.signCa.certificate }],
    [ef.tokenInfo, { kind: 'binary', data: tokenInfo(token, serialNumber) }],
    // 8F 8F 00 = both certificates present (§1.1, unconfirmed)
    [ef.certPresence, { kind: 'binary', data: Uint8Array.of(0x8f, 0x8f, 0x00) }],
    [
      ef.authCert,
      { kind: 'binary', data: authCertificate, ...(rules.authCertNeedsPin ? { needs: 'auth' } : {}) },
    ],
    [ef.authCaCert, { kind: 'binary', data: pki.authCa.certificate }],
    [ef.authKey, { kind: 'key', key: 'auth' }],
    [ef.authPin, { kind: 'pin', pin: 'auth' }],
    [ef.signKey, { kind: 'key', key: 'sign' }],
    [ef.signPassword, { kind: 'pin', pin: 'sign' }],
  ]);
  const keys: Record<PinId, KeyObject> = { auth: authKey, sign: signKey };
  const atr = isJpki ? atrs[token] : atrs.other;

  let powered = false;
  let jpkiSelected = false;
  let currentEf: number | undefined;
  const verified = new Set<PinId>();
  let pending: Uint8Array | undefined;
  let apduCount = 0;

  const clearVolatile = (): void => {
    jpkiSelected = false;
    currentEf = undefined;
    verified.clear();
    pending = undefined;
  };

  /** Resolves the EF a command names: P-byte SFI form (0x80 | SFI) or the current EF. */
  const efFor = (sfiByte: number | undefined): { fid: number; entry: EfEntry } | number => {
    if (!jpkiSelected) return sfiByte === undefined ? sw.noCurrentEf : sw.notFound;
    const fid = sfiByte ?? currentEf;
    if (fid === undefined) return sw.noCurrentEf;
    const entry = files.get(fid);
    return entry ? { fid, entry } : sw.notFound;
  };

  const select = (c: Command): Uint8Array => {
    if (c.ne !== undefined && c.data.length === 0) return status(sw.wrongLength);
    if (c.p2 !== 0x0c && c.p2 !== 0x00) return status(sw.wrongP1P2);
    if (c.p1 === 0x04) {
      if (c.data.length === 0) return status(sw.wrongLength);
      if (!isJpki || !equalBytes(c.data, jpkiAid)) return status(sw.notFound);
      jpkiSelected = true;
      currentEf = undefined;
      return status(sw.ok);
    }
    if (c.p1 === 0x02) {
      if (c.data.length !== 2) return status(sw.wrongLength);
      if (!jpkiSelected) return status(sw.notFound);
      const fid = ((c.data[0] ?? 0) << 8) | (c.data[1] ?? 0);
      if (!files.has(fid)) return status(sw.notFound);
      currentEf = fid;
      return status(sw.ok);
    }
    // §3: e.g. `00 A4 00 00` (select MF) is refused with 6A86.
    return status(sw.wrongP1P2);
  };

  const readBinary = (c: Command): Uint8Array => {
    if (c.data.length > 0 || c.ne === undefined) return status(sw.wrongLength);
    let sfi: number | undefined;
    let offset: number;
    if (c.p1 & 0x80) {
      if (c.p1 & 0x60) return status(sw.wrongP1P2);
      sfi = c.p1 & 0x1f;
      offset = c.p2;
    } else {
      offset = (c.p1 << 8) | c.p2;
    }
    const target = efFor(sfi);
    if (typeof target === 'number') return status(target);
    if (sfi !== undefined) currentEf = target.fid; // the SFI form selects the EF (§5.1 step 4)
    const { entry } = target;
    if (entry.kind !== 'binary') return status(sw.incompatibleFile);
    if (entry.needs && !verified.has(entry.needs)) return status(sw.securityStatus);
    if (offset >= entry.data.length) return status(sw.offsetBeyondEnd);
    const available = entry.data.length - offset;
    const chunk = entry.data.subarray(offset, offset + Math.min(available, c.ne));
    // Extended Le 0000 asks for "everything up to 65536": the whole rest of the file is a normal answer (§2).
    const wholeFile = c.extended && c.ne === 65536;
    return respond(chunk, c.ne > available && !wholeFile ? sw.eofBeforeLe : sw.ok);
  };

  const pinFor = (c: Command): PinId | number => {
    if (c.p2 === 0x80) {
      const target = efFor(undefined);
      if (typeof target === 'number') return target;
      return target.entry.kind === 'pin' ? target.entry.pin : sw.incompatibleFile;
    }
    if (c.p2 & 0x80 && !(c.p2 & 0x60)) {
      const target = efFor(c.p2 & 0x1f);
      if (typeof target === 'number') return target;
      return target.entry.kind === 'pin' ? target.entry.pin : sw.incompatibleFile;
    }
    return sw.wrongP1P2;
  };

  const verify = (c: Command): Uint8Array => {
    if (c.p1 !== 0x00) return status(sw.wrongP1P2);
    if (c.ne !== undefined) return status(sw.wrongLength);
    const pin = pinFor(c);
    if (typeof pin === 'number') return status(pin);
    const reference = pins[pin];
    if (reference === null) return status(sw.referenceDataUnusable);
    const left = tries(pin);
    if (c.data.length === 0) {
      // §2: the empty VERIFY reports the tries left without using one; 9000 while verified.
      return status(verified.has(pin) ? sw.ok : triesLeftSw(left));
    }
    if (left === 0) return status(sw.referenceDataUnusable);
    if (equalBytes(c.data, reference)) {
      if (left !== maxTries[pin]) setTries(pin, maxTries[pin]);
      verified.add(pin);
      return status(sw.ok);
    }
    verified.delete(pin);
    setTries(pin, left - 1);
    return status(triesLeftSw(left - 1));
  };

  const changeReferenceData = (c: Command): Uint8Array => {
    if (c.p1 !== 0x01) return status(sw.wrongP1P2);
    if (c.ne !== undefined || c.data.length === 0) return status(sw.wrongLength);
    const pin = pinFor(c);
    if (typeof pin === 'number') return status(pin);
    if (pins[pin] === null || tries(pin) === 0) return status(sw.referenceDataUnusable);
    if (!verified.has(pin)) return status(sw.securityStatus);
    const text = Buffer.from(c.data).toString('latin1');
    if (!(pin === 'auth' ? pinPattern : signPasswordPattern).test(text)) return status(sw.wrongData);
    pins[pin] = Uint8Array.from(c.data);
    return status(sw.ok);
  };

  /** Sends `data` as far as Ne allows; the rest waits for GET RESPONSE (61xx, §3). */
  const withResponse = (data: Uint8Array, ne: number | undefined): Uint8Array => {
    const take = Math.min(ne ?? 0, data.length);
    const rest = data.subarray(take);
    if (rest.length === 0) return respond(data, sw.ok);
    pending = rest;
    return respond(data.subarray(0, take), 0x6100 | (rest.length >= 256 ? 0 : rest.length));
  };

  const computeSignature = (c: Command): Uint8Array => {
    if (c.p1 !== 0x00) return status(sw.wrongP1P2);
    let target: ReturnType<typeof efFor>;
    if (c.p2 === 0x80) target = efFor(undefined);
    else if (c.p2 === 0x97 || c.p2 === 0x9a)
      target = efFor(c.p2 & 0x1f); // SFI forms (§2, unconfirmed)
    else return status(sw.wrongP1P2);
    if (typeof target === 'number') return status(target);
    if (target.entry.kind !== 'key') return status(sw.incompatibleFile);
    if (c.data.length === 0) return status(sw.wrongLength);
    if (c.data.length > maxSignatureInput) return status(sw.conditionsNotSatisfied);
    const key = target.entry.key;
    if (!verified.has(key)) return status(sw.securityStatus);
    // §2.1: PKCS#1 v1.5 (block type 1) over the DigestInfo exactly as sent.
    const signature = privateEncrypt({ key: keys[key], padding: constants.RSA_PKCS1_PADDING }, c.data);
    return withResponse(new Uint8Array(signature), c.ne);
  };

  const getResponse = (c: Command): Uint8Array => {
    if (c.p1 !== 0 || c.p2 !== 0) return status(sw.wrongP1P2);
    if (c.ne === undefined || c.data.length > 0) return status(sw.wrongLength);
    const rest = pending;
    pending = undefined;
    if (!rest) return status(sw.conditionsNotSatisfied);
    return withResponse(rest, c.ne);
  };

  const dispatch = (c: Command): Uint8Array => {
    // §1.4: only logical channel 0 (channels 1–3 in CLA bits 1–2, 4–19 in the further interindustry class).
    if (((c.cla & 0x7c) === 0 && (c.cla & 0x03) !== 0) || (c.cla & 0xc0) === 0x40) {
      return status(sw.channelNotSupported);
    }
    if (c.cla !== 0x00 && c.cla !== 0x80) return status(sw.claNotSupported);
    const proprietary = c.cla === 0x80;
    switch (c.ins) {
      case 0xa4:
        return proprietary ? status(sw.claNotSupported) : select(c);
      case 0xb0:
        return proprietary ? status(sw.claNotSupported) : readBinary(c);
      case 0x20:
        return proprietary ? status(sw.claNotSupported) : verify(c);
      case 0x24:
        return proprietary ? status(sw.claNotSupported) : changeReferenceData(c);
      case 0xc0:
        return proprietary ? status(sw.claNotSupported) : getResponse(c);
      case 0x2a:
        return proprietary ? computeSignature(c) : status(sw.claNotSupported);
      case 0xfc:
        // §6.1 item 3: "last command indicator" of the iPhone profile (unconfirmed).
        if (!proprietary) return status(sw.claNotSupported);
        return rules.acceptsLastCommandIndicator && isJpki ? status(sw.ok) : status(sw.wrongLength);
      default:
        return status(sw.insNotSupported);
    }
  };

  return {
    variant,
    token,
    serialNumber,
    authCertificate,
    authCaCertificate: pki.authCa.certificate,
    signCertificate,
    signCaCertificate: pki.signCa.certificate,
    atr,
    latencyMs: profile.latencyMs ?? 0,
    removeAfterApdus: profile.removeAfterApdus,
    get powered() {
      return powered;
    },
    get apduCount() {
      return apduCount;
    },
    get removed() {
      return profile.removeAfterApdus !== undefined && apduCount >= profile.removeAfterApdus;
    },
    get pinTriesLeft() {
      return counters.pinTriesLeft;
    },
    get signPasswordTriesLeft() {
      return counters.signPasswordTriesLeft;
    },
    powerOn() {
      clearVolatile();
      powered = true;
      return Uint8Array.from(atr);
    },
    powerOff() {
      clearVolatile();
      powered = false;
    },
    reset() {
      clearVolatile();
      powered = true;
      return Uint8Array.from(atr);
    },
    process(apdu) {
      if (!powered) throw new Error('the virtual card is not powered: call powerOn() first');
      apduCount++;
      const command = parseCommand(apdu);
      if (!command) {
        pending = undefined;
        return status(sw.wrongLength);
      }
      if (command.ins !== 0xc0) pending = undefined;
      return dispatch(command);
    },
  };
}
