// Tests of the 記号, 番号 and 枝番 rules.
import { describe, expect, it } from 'vitest';
import {
  NUMBER_MAX_LENGTH,
  SYMBOL_MAX_LENGTH,
  validateBranch,
  validateNumber,
  validateSymbol,
} from '../../../../../electron/core/rules/keyed-fields';

describe('validateSymbol', () => {
  it.each([
    ['12345', '12345'],
    ['１２３４５', '12345'],
    [' 12 345 ', '12345'],
    ['ＡＢ－１２', 'AB-12'],
    ['國・12', '國・12'],
    ['府中ｱｲ', '府中アイ'],
    ['ヨコハマ', 'ヨコハマ'],
    ['教１２', '教12'],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateSymbol(input)).toEqual({ ok: true, value: expected });
  });

  it('is optional', () => {
    expect(validateSymbol('')).toEqual({ ok: true, value: undefined });
    expect(validateSymbol(undefined)).toEqual({ ok: true, value: undefined });
    expect(validateSymbol('\u3000 ')).toEqual({ ok: true, value: undefined });
  });

  it.each([
    ['あいう', 'rules.symbol.invalid-character'],
    ['12@3', 'rules.symbol.invalid-character'],
    ['12\u000734', 'rules.symbol.invalid-character'],
    ['12#', 'rules.symbol.invalid-character'],
    ['😀', 'rules.symbol.invalid-character'],
    ['-・-', 'rules.symbol.format'],
    ['1'.repeat(SYMBOL_MAX_LENGTH + 1), 'rules.symbol.too-long'],
    ['1'.repeat(1_000_000), 'rules.symbol.too-long'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateSymbol(input)).toMatchObject({ ok: false, errors: [{ code, field: 'symbol' }] });
  });

  it('accepts exactly the maximum length', () => {
    expect(validateSymbol('1'.repeat(SYMBOL_MAX_LENGTH)).ok).toBe(true);
  });
});

describe('validateNumber', () => {
  it.each([
    ['1234567', '1234567'],
    ['１２３４５６７', '1234567'],
    ['12-345', '12-345'],
    ['12ー345', '12-345'],
    ['12ｰ345', '12-345'],
    ['A12・3', 'A12・3'],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'rules.number.required'],
    [undefined, 'rules.number.required'],
    ['  ', 'rules.number.required'],
    ['12ア', 'rules.number.invalid-character'],
    ['漢字', 'rules.number.invalid-character'],
    ['--', 'rules.number.format'],
    ['1'.repeat(NUMBER_MAX_LENGTH + 1), 'rules.number.too-long'],
    [42, 'rules.number.invalid-character'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateNumber(input)).toMatchObject({ ok: false, errors: [{ code, field: 'number' }] });
  });

  it('says which characters are allowed', () => {
    const result = validateNumber('12ア');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]?.message.ja).toBe(
        '番号に使えない文字が含まれています。数字・英字・「-」「・」でご入力ください。',
      );
  });
});

describe('validateBranch', () => {
  it.each([
    ['01', '01'],
    ['００', '00'],
    [' 9 9 ', '99'],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateBranch(input)).toEqual({ ok: true, value: expected });
  });

  it('is optional', () => {
    expect(validateBranch('')).toEqual({ ok: true, value: undefined });
    expect(validateBranch(undefined)).toEqual({ ok: true, value: undefined });
  });

  it.each(['1', '001', 'A1', '1-', '０１２', 7, '1'.repeat(500)])('refuses %j', (input) => {
    expect(validateBranch(input)).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.branch.format', field: 'branch' }],
    });
  });
});
