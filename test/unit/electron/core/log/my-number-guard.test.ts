// My Number detection: the 個人番号 check digit, and what counts as "looks like one" in free text.
import { describe, expect, it } from 'vitest';
import { containsMyNumber, hasMyNumberCheckDigit } from '../../../../../electron/core/log/my-number-guard';

describe('hasMyNumberCheckDigit', () => {
  it('accepts exactly the one valid check digit', () => {
    // 12345678901 → check digit 8 (施行令第8条).
    const valid = Array.from({ length: 10 }, (_, d) => `12345678901${d}`).filter(hasMyNumberCheckDigit);
    expect(valid).toEqual(['123456789018']);
    expect(hasMyNumberCheckDigit('987654321093')).toBe(true);
    expect(hasMyNumberCheckDigit('12345678901')).toBe(false);
    expect(hasMyNumberCheckDigit('12345678901a')).toBe(false);
  });

  it('uses 0 when the remainder is 0 or 1', () => {
    // Σ for 00000000000 is 0 → remainder 0 → check digit 0.
    expect(hasMyNumberCheckDigit('000000000000')).toBe(true);
    expect(hasMyNumberCheckDigit('000000000001')).toBe(false);
  });
});

describe('containsMyNumber', () => {
  it.each([
    ['123456789018'],
    ['番号は123456789018です'],
    ['1234 5678 9018'],
    ['1234-5678-9018'],
    ['１２３４５６７８９０１８'],
    ['１２３４－５６７８－９０１８'],
  ])('finds %j', (text) => {
    expect(containsMyNumber(text)).toBe(true);
  });

  it.each([
    ['123456789012'], // wrong check digit
    ['1234567890180'], // 13 digits: part of something longer
    ['0123456789018'],
    ['03-1234-5678'],
    ['06139994'],
    ['REQ-20261127103000001a1b2c3'],
    ['山田 太郎'],
  ])('leaves %j alone', (text) => {
    expect(containsMyNumber(text)).toBe(false);
  });
});
