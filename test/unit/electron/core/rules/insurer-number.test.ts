// Tests of the 保険者番号 rule, the 法別番号 lookup and XML padding, on the reference's public numbers.
import { describe, expect, it } from 'vitest';
import { describeInsurerKind } from '../../../../../electron/core/rules/houbetsu';
import {
  INSURER_NUMBER_PAD,
  padInsurerNumber,
  validateInsurerNumber,
} from '../../../../../electron/core/rules/insurer-number';
import { singleDigitMutations } from './mutations';

const vectors = ['33120015', '138057', '01130012', '01320027', '06110829'];

describe('validateInsurerNumber', () => {
  it.each(vectors)('accepts the public number %s', (n) => {
    const result = validateInsurerNumber(n);
    expect(result).toMatchObject({ ok: true, value: { digits: n } });
  });

  it.each(vectors)('refuses every single-digit mutation of %s, naming the insurer number', (n) => {
    const mutations = singleDigitMutations(n);
    expect(mutations).toHaveLength(n.length * 9);
    for (const mutated of mutations) {
      const result = validateInsurerNumber(mutated);
      expect(result.ok, mutated).toBe(false);
      if (!result.ok) {
        expect(result.errors).toHaveLength(1);
        expect(result.errors[0]).toMatchObject({
          code: 'rules.insurer-number.check-digit',
          field: 'insurerNumber',
          message: { ja: '保険者番号の検証番号が正しくありません。番号をご確認ください。' },
        });
      }
    }
  });

  it('normalises full-width digits and spaces (incl. U+3000)', () => {
    expect(validateInsurerNumber('０６１１\u3000０８２９')).toMatchObject({
      ok: true,
      value: { digits: '06110829' },
    });
    expect(validateInsurerNumber(' 138 057 ')).toMatchObject({ ok: true, value: { digits: '138057' } });
  });

  it('reads a zero-padded 6-digit number as the 6-digit 国保 number', () => {
    expect(validateInsurerNumber('00138057')).toMatchObject({
      ok: true,
      value: { digits: '138057', kind: { kind: 'national-health-insurance' } },
    });
  });

  it.each([
    ['', 'rules.insurer-number.required'],
    ['   ', 'rules.insurer-number.required'],
    ['1380', 'rules.insurer-number.format'],
    ['1380570', 'rules.insurer-number.format'],
    ['331200150', 'rules.insurer-number.format'],
    ['3312-0015', 'rules.insurer-number.format'],
    ['3312OO15', 'rules.insurer-number.format'],
    ['1'.repeat(10_000), 'rules.insurer-number.format'],
  ])('refuses %j with %s', (input, code) => {
    const result = validateInsurerNumber(input);
    expect(result).toMatchObject({ ok: false, errors: [{ code, field: 'insurerNumber' }] });
  });

  it('refuses values that are not text', () => {
    for (const value of [12345678, null, {}, ['33120015'], true]) {
      expect(validateInsurerNumber(value).ok).toBe(false);
    }
    expect(validateInsurerNumber(null)).toMatchObject({
      errors: [{ code: 'rules.insurer-number.required' }],
    });
    expect(validateInsurerNumber(33120015)).toMatchObject({
      errors: [{ code: 'rules.insurer-number.format' }],
    });
  });

  it('describes the insurer kind from the 法別番号', () => {
    expect(validateInsurerNumber('01130012')).toMatchObject({
      ok: true,
      value: { kind: { kind: 'kyokai-kenpo', houbetsu: '01', name: { ja: '協会けんぽ' } } },
    });
    expect(validateInsurerNumber('06110829')).toMatchObject({ value: { kind: { kind: 'society' } } });
    expect(validateInsurerNumber('33120015')).toMatchObject({ value: { kind: { kind: 'mutual-aid' } } });
  });
});

describe('describeInsurerKind', () => {
  it.each([
    ['01130012', 'kyokai-kenpo'],
    ['02130000', 'seamen'],
    ['06110829', 'society'],
    ['31130000', 'mutual-aid'],
    ['32130000', 'mutual-aid'],
    ['33120015', 'mutual-aid'],
    ['34130000', 'mutual-aid'],
    ['39131000', 'late-elderly'],
    ['138057', 'national-health-insurance'],
    ['99130000', 'unknown'],
    ['abc', 'unknown'],
  ])('%s is %s', (n, kind) => {
    expect(describeInsurerKind(n).kind).toBe(kind);
  });

  it('has no 法別番号 for 6-digit 国保 numbers', () => {
    expect(describeInsurerKind('138057').houbetsu).toBeUndefined();
  });
});

describe('padInsurerNumber', () => {
  it('pads 6 digits to 8 characters with two leading spaces (§2.2)', () => {
    expect(INSURER_NUMBER_PAD).toBe('spaces');
    expect(padInsurerNumber('138057')).toEqual({ ok: true, value: '  138057' });
  });

  it('keeps 8 digits as they are', () => {
    expect(padInsurerNumber('33120015')).toEqual({ ok: true, value: '33120015' });
  });

  it.each(['', '1234567', '123456789', '１３８０５７', 'abcdef'])('refuses %j', (n) => {
    expect(padInsurerNumber(n)).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.insurer-number.pad-format', field: 'insurerNumber' }],
    });
  });
});
