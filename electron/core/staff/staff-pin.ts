// Staff passcode hashing with scrypt (node:crypto): salted, self-describing, compared in constant time.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost of new hashes: N = 2^17, r = 8, p = 1, the minimum the OWASP Password Storage Cheat Sheet
 * gives for scrypt (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html,
 * "Use scrypt with a minimum CPU/memory cost parameter of (2^17), a minimum block size of 8 (1024 bytes),
 * and a parallelization parameter of 1"). About 128 MiB per check; measured in
 * test/bench/staff-passcode.bench.ts (BENCHMARKS.md). The cost is written into every hash, so hashes made
 * with an earlier cost (N = 2^14) still verify.
 */
export const STAFF_PIN_COST = { N: 131072, r: 8, p: 1 } as const;
/** The cost of the hashes this kiosk wrote before; they verify as they are. */
export const STAFF_PIN_LEGACY_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/**
 * Most memory one verification may take (scrypt needs about 128·N·r·p bytes): twice the default cost's
 * 128 MiB. A stored hash naming more is refused, never run.
 */
export const STAFF_PIN_MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/** Shortest PIN a stored hash may hold (the old single staff PIN); new passcodes follow `passcodeProblem`. */
export const STAFF_PIN_MIN_LENGTH = 4;
/** A passcode of digits only needs this many; anything else is a passphrase and needs `PASSPHRASE_MIN_LENGTH`. */
export const PASSCODE_MIN_DIGITS = 6;
export const PASSPHRASE_MIN_LENGTH = 10;

/** Why a new passcode is refused (in Japanese, for staff), or undefined when it is acceptable. */
export function passcodeProblem(passcode: string): string | undefined {
  const text = passcode.normalize('NFKC');
  if (/^\d+$/.test(text)) {
    return text.length >= PASSCODE_MIN_DIGITS
      ? undefined
      : `数字だけのパスコードは${PASSCODE_MIN_DIGITS}桁以上にしてください`;
  }
  if ([...text].length < PASSPHRASE_MIN_LENGTH) {
    return `数字以外を含むパスコードは${PASSPHRASE_MIN_LENGTH}文字以上にしてください`;
  }
  if (/[\p{Cc}\p{Cf}]/u.test(text)) return 'パスコードに制御文字は使えません';
  return undefined;
}

interface Cost {
  N: number;
  r: number;
  p: number;
}

/** Memory scrypt needs for a cost (128·N·r bytes, plus room), so Node's default 32 MiB cap never refuses it. */
const maxmemFor = (cost: Cost): number => 128 * cost.N * cost.r * cost.p + 32 * 1024 * 1024;

function derive(pin: string, salt: Buffer, cost: Cost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: maxmemFor(cost) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$<salt base64>$<hash base64>`. */
export async function hashStaffPin(
  pin: string,
  cost: { N: number; r: number; p: number } = STAFF_PIN_COST,
): Promise<string> {
  if (pin.length < STAFF_PIN_MIN_LENGTH)
    throw new RangeError(`staff PIN shorter than ${STAFF_PIN_MIN_LENGTH}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The same hash, computed synchronously (start-up only: it blocks while it runs). */
export function hashStaffPinSync(
  pin: string,
  cost: { N: number; r: number; p: number } = STAFF_PIN_COST,
): string {
  if (pin.length < STAFF_PIN_MIN_LENGTH)
    throw new RangeError(`staff PIN shorter than ${STAFF_PIN_MIN_LENGTH}`);
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(pin.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: maxmemFor(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  cost: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

export function parseStaffPinHash(encoded: string): ParsedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || (N & (N - 1)) !== 0) return undefined;
  if (r > 32 || p > 16 || 128 * N * r * p > STAFF_PIN_MAX_MEMORY_BYTES) return undefined;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length !== KEY_BYTES) return undefined;
  return { cost: { N, r, p }, salt, key };
}

/** True when `pin` matches; a malformed hash never matches. */
export async function verifyStaffPin(pin: string, encoded: string): Promise<boolean> {
  const parsed = parseStaffPinHash(encoded);
  if (!parsed) return false;
  const key = await derive(pin, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}
