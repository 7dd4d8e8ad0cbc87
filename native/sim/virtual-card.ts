// A virtual My Number card: the JPKI AP (my-number-card.md §1.1–§3, §6) answering command APDUs like a real card.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { defaultTestPki, issueCardCertificate, type TestPki } from './test-pki';
import { createCommandProcessor } from './virtual-card-commands';
import { buildCardFiles } from './virtual-card-files';
import {
  createPinCounters,
  maxPinTries,
  maxSignPasswordTries,
  pinPattern,
  signPasswordPattern,
  type PinId,
} from './virtual-card-pins';
import {
  atrs,
  signSerialOffset,
  tokenOf,
  tokenRules,
  validityFor,
  virtualCardDefaultSerials,
  virtualCardVariants,
  type TokenKind,
  type VirtualCardVariant,
} from './virtual-card-variants';

export { jpkiAid } from './virtual-card-files';
export {
  virtualCardDefaultSerials,
  virtualCardVariants,
  type TokenKind,
  type VirtualCardVariant,
} from './virtual-card-variants';

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
  // face-auth: the card was issued without a 利用者証明用 PIN, so VERIFY answers NO_PIN_SET_SW (not-set).
  const pins: Record<PinId, Uint8Array | null> = {
    auth: variant === 'face-auth' ? null : Buffer.from(profile.pin ?? '1234', 'ascii'),
    sign: Buffer.from(profile.signPassword ?? 'ABC123', 'ascii'),
  };
  const counters = createPinCounters(
    { pinTriesLeft: variant === 'locked' ? 0 : maxPinTries, signPasswordTriesLeft: maxSignPasswordTries },
    profile.stateFile,
  );
  const files = buildCardFiles({
    token,
    serialNumber,
    authCertificate,
    authCaCertificate: pki.authCa.certificate,
    signCertificate,
    signCaCertificate: pki.signCa.certificate,
    authCertNeedsPin: rules.authCertNeedsPin,
  });
  const commands = createCommandProcessor({
    isJpki,
    rules,
    files,
    pins,
    keys: { auth: authKey, sign: signKey },
    counters,
  });
  const atr = isJpki ? atrs[token] : atrs.other;

  let powered = false;
  let apduCount = 0;

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
      commands.clear();
      powered = true;
      return Uint8Array.from(atr);
    },
    powerOff() {
      commands.clear();
      powered = false;
    },
    reset() {
      commands.clear();
      powered = true;
      return Uint8Array.from(atr);
    },
    process(apdu) {
      if (!powered) throw new Error('the virtual card is not powered: call powerOn() first');
      apduCount++;
      return commands.process(apdu);
    },
  };
}
