// Tests of the weighted mod-10 (Luhn) check digit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidCheckDigit, weightedMod10CheckDigit } from '../../../../../electron/core/rules/check-digit';

describe('weightedMod10CheckDigit', () => {
  it('computes the worked examples of the reference (§4.2, §7)', () => {
    // 3312001: from the right 1×2=2, 0, 0×2=0, 2, 1×2=2, 3, 3×2=6 → 15 → 10−5 = 5
    expect(weightedMod10CheckDigit('3312001')).toBe(5);
    // 13805: 5×2=10→1, 0, 8×2=16→7, 3, 1×2=2 → 13 → 7
    expect(weightedMod10CheckDigit('13805')).toBe(7);
    // 011011371: 2+7+6+1+2+0+2+1+0 = 21 → 9
    expect(weightedMod10CheckDigit('011011371')).toBe(9);
  });

  it('gives 0 when the sum is a multiple of 10', () => {
    // 5×2=10→1, 9 → 10 → 0
    expect(weightedMod10CheckDigit('95')).toBe(0);
  });

  it('uses other weights when given', () => {
    // weights 1,1: plain digit sum 1+2+3 = 6 → 4
    expect(weightedMod10CheckDigit('123', [1])).toBe(4);
  });
});

describe('hasValidCheckDigit', () => {
  it('refuses non-digits and too-short text', () => {
    expect(hasValidCheckDigit('')).toBe(false);
    expect(hasValidCheckDigit('0')).toBe(false);
    expect(hasValidCheckDigit('3312001a')).toBe(false);
    expect(hasValidCheckDigit('３３１２００１５')).toBe(false);
  });

  it('accepts a payload with its own check digit and refuses every single-digit substitution', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, where, delta) => {
          const full = payload + String(weightedMod10CheckDigit(payload));
          expect(hasValidCheckDigit(full)).toBe(true);
          const i = where % full.length;
          const changed = String((Number(full[i]) + delta) % 10);
          const mutated = full.slice(0, i) + changed + full.slice(i + 1);
          expect(hasValidCheckDigit(mutated)).toBe(false);
        },
      ),
      { numRuns: 300, seed: 20251202 },
    );
  });
});
