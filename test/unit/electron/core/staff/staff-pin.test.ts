// Staff PIN hashing: scrypt with a salt, self-describing, and constant-time comparison.
import { describe, expect, it } from 'vitest';
import {
  hashStaffPin,
  parseStaffPinHash,
  STAFF_PIN_COST,
  STAFF_PIN_LEGACY_COST,
  verifyStaffPin,
} from '../../../../../electron/core/staff/staff-pin';

const fast = { N: 1024, r: 8, p: 1 };

describe('staff PIN hash', () => {
  it('verifies the right PIN and refuses others', async () => {
    const hash = await hashStaffPin('482916', fast);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('482916');
    await expect(verifyStaffPin('482916', hash)).resolves.toBe(true);
    await expect(verifyStaffPin('482917', hash)).resolves.toBe(false);
    await expect(verifyStaffPin('', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashStaffPin('1111', fast), hashStaffPin('1111', fast)]);
    expect(a).not.toBe(b);
    await expect(verifyStaffPin('1111', b)).resolves.toBe(true);
  });

  it('uses the default cost unless told otherwise', async () => {
    const hash = await hashStaffPin('2468');
    expect(parseStaffPinHash(hash)?.cost).toEqual(STAFF_PIN_COST);
  });

  it.each(['', 'plain', 'scrypt$1000$8$1$c2FsdHNhbHQ=$AAAA', 'bcrypt$x', 'scrypt$1024$8$1$$'])(
    'a malformed hash (%s) never matches',
    async (hash) => {
      await expect(verifyStaffPin('1234', hash)).resolves.toBe(false);
    },
  );

  it('refuses to hash a PIN that is too short', async () => {
    await expect(hashStaffPin('12', fast)).rejects.toThrow(RangeError);
  });

  it('new hashes take the OWASP Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1', () => {
    expect(STAFF_PIN_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('a hash made at the earlier cost (N=2^14) still verifies: the cost travels in the hash', async () => {
    const hash = await hashStaffPin('482916', STAFF_PIN_LEGACY_COST);
    expect(hash.startsWith('scrypt$16384$8$1$')).toBe(true);
    await expect(verifyStaffPin('482916', hash)).resolves.toBe(true);
  });

  it('a hash naming more than 256 MiB of scrypt work is refused, never run', async () => {
    const hash = await hashStaffPin('482916', fast);
    // 2^18 · 8 · 128 bytes = 256 MiB is the limit; 2^19 is over it.
    const heavy = hash.replace('scrypt$1024$', 'scrypt$524288$');
    expect(parseStaffPinHash(heavy)).toBeUndefined();
    await expect(verifyStaffPin('482916', heavy)).resolves.toBe(false);
    expect(parseStaffPinHash(hash.replace('scrypt$1024$', 'scrypt$262144$'))?.cost.N).toBe(2 ** 18);
  });
});
