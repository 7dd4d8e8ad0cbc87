// Staff PIN hashing with scrypt (node:crypto): salted, self-describing, compared in constant time.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost (N = 2^14, r 8, p 1): about 16 MiB and tens of milliseconds per check. */
export const STAFF_PIN_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Shortest staff PIN the console accepts. */
export const STAFF_PIN_MIN_LENGTH = 4;

function derive(pin: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
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

/** The same hash, computed synchronously (start-up only: it blocks for tens of milliseconds). */
export function hashStaffPinSync(
  pin: string,
  cost: { N: number; r: number; p: number } = STAFF_PIN_COST,
): string {
  if (pin.length < STAFF_PIN_MIN_LENGTH)
    throw new RangeError(`staff PIN shorter than ${STAFF_PIN_MIN_LENGTH}`);
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(pin.normalize('NFKC'), salt, KEY_BYTES, { ...cost, maxmem: 64 * 1024 * 1024 });
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
