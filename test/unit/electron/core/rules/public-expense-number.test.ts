// Tests of the 公費負担者番号 and 受給者番号 check digits.
import { describe, expect, it } from 'vitest';
import {
  RECIPIENT_NUMBER_WEIGHTS,
  validatePublicExpensePayerNumber,
  validateRecipientNumber,
} from '../../../../../electron/core/rules/public-expense-number';
import { singleDigitMutations } from './mutations';

describe('validatePublicExpensePayerNumber', () => {
  it('accepts the public example 54016027 (§4.2)', () => {
    expect(validatePublicExpensePayerNumber('54016027')).toEqual({ ok: true, value: '54016027' });
    expect(validatePublicExpensePayerNumber('５４０１ ６０２７')).toEqual({ ok: true, value: '54016027' });
  });

  it('refuses every single-digit mutation, naming the payer number', () => {
    for (const mutated of singleDigitMutations('54016027')) {
      expect(validatePublicExpensePayerNumber(mutated), mutated).toMatchObject({
        ok: false,
        errors: [{ code: 'rules.public-expense-number.check-digit', field: 'publicExpensePayerNumber' }],
      });
    }
  });

  it.each([
    ['', 'required'],
    ['5401602', 'format'],
    ['540160270', 'format'],
    ['5401602x', 'format'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(validatePublicExpensePayerNumber(input)).toMatchObject({
      ok: false,
      errors: [{ code: `rules.public-expense-number.${problem}`, field: 'publicExpensePayerNumber' }],
    });
  });
});

describe('validateRecipientNumber', () => {
  it('uses the 2-1 weighting, kept in one constant because it is unconfirmed', () => {
    expect(RECIPIENT_NUMBER_WEIGHTS).toEqual([2, 1]);
  });

  it('accepts 6 digits with their check digit', () => {
    // 123456: 6×2=12→3, 5, 4×2=8, 3, 2×2=4, 1 → 24 → 6
    expect(validateRecipientNumber('1234566')).toEqual({ ok: true, value: '1234566' });
  });

  it('refuses every single-digit mutation, naming the recipient number', () => {
    for (const mutated of singleDigitMutations('1234566')) {
      expect(validateRecipientNumber(mutated), mutated).toMatchObject({
        ok: false,
        errors: [{ code: 'rules.recipient-number.check-digit', field: 'recipientNumber' }],
      });
    }
  });

  it('refuses other lengths', () => {
    expect(validateRecipientNumber('123456')).toMatchObject({
      errors: [{ code: 'rules.recipient-number.format' }],
    });
  });
});
