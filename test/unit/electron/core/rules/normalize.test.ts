// Tests of keyed-text normalisation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeKeyedText, readText } from '../../../../../electron/core/rules/normalize';

describe('normalizeKeyedText', () => {
  it.each([
    ['０１２３４５６７８９', '0123456789'],
    ['ＡＢＣｘｙｚ', 'ABCxyz'],
    [' 12 34 ', '1234'],
    ['12\u300034', '1234'],
    ['12\t3\n4\u00A0', '1234'],
    ['12\u200B34\uFEFF', '1234'],
    ['12－34', '12-34'],
    ['12‐34', '12-34'],
    ['12–34', '12-34'],
    ['12—34', '12-34'],
    ['12−34', '12-34'],
    ['ア･イ', 'ア・イ'],
    ['ア·イ', 'ア・イ'],
    ['ｱｲｳ', 'アイウ'],
    ['ｶﾞ', 'ガ'],
    ['㍻', '平成'],
    ['ab', 'ab'],
    ['コード', 'コード'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeKeyedText(input)).toBe(expected);
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const once = normalizeKeyedText(text);
        expect(normalizeKeyedText(once)).toBe(once);
      }),
      { numRuns: 1000, seed: 20251202 },
    );
  });
});

describe('readText', () => {
  it('reads strings, treats null and undefined as empty and refuses anything else', () => {
    expect(readText('a')).toEqual({ ok: true, text: 'a' });
    expect(readText(undefined)).toEqual({ ok: true, text: '' });
    expect(readText(null)).toEqual({ ok: true, text: '' });
    expect(readText(1)).toEqual({ ok: false });
    expect(readText({ toString: () => 'x' })).toEqual({ ok: false });
  });
});
