import { describe, expect, it } from 'vitest';
import { concatBytes, equalBytes, fromHex, toHex } from '../../../../native/card/bytes';

describe('bytes', () => {
  it('converts hex both ways', () => {
    expect(toHex(Uint8Array.of(0x00, 0xa4, 0x0f))).toBe('00 A4 0F');
    expect(toHex(Uint8Array.of(0x90, 0x00), '')).toBe('9000');
    expect(fromHex('00 a4:0F')).toEqual(Uint8Array.of(0x00, 0xa4, 0x0f));
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it('rejects odd or non-hex input', () => {
    expect(() => fromHex('ABC')).toThrow(RangeError);
    expect(() => fromHex('0G')).toThrow(RangeError);
  });

  it('concatenates and compares', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(
      Uint8Array.of(1, 2, 3),
    );
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
  });
});
