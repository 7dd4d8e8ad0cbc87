// Tests of the 医療機関コード structure and check digit.
import { describe, expect, it } from 'vitest';
import { validateMedicalInstitutionCode } from '../../../../../electron/core/rules/medical-institution-code';
import { singleDigitMutations } from './mutations';

describe('validateMedicalInstitutionCode', () => {
  it('accepts the public example 0110113719 and names its parts (§7)', () => {
    expect(validateMedicalInstitutionCode('0110113719')).toEqual({
      ok: true,
      value: {
        code: '0110113719',
        prefecture: '01',
        feeSchedule: 'medical',
        district: '01',
        institution: '1371',
      },
    });
  });

  it('normalises full-width digits and spaces', () => {
    expect(validateMedicalInstitutionCode('０１ １ ０１ １３７１ ９')).toMatchObject({
      ok: true,
      value: { code: '0110113719' },
    });
  });

  it('refuses every single-digit mutation, naming the code', () => {
    const mutations = singleDigitMutations('0110113719');
    expect(mutations).toHaveLength(90);
    for (const mutated of mutations) {
      expect(validateMedicalInstitutionCode(mutated), mutated).toMatchObject({
        ok: false,
        errors: [{ code: 'rules.medical-institution-code.check-digit', field: 'medicalInstitutionCode' }],
      });
    }
  });

  it('reads the fee schedule digit', () => {
    // 133011371: 1×2=2, 7, 3×2=6, 1, 1×2=2, 0, 3×2=6, 3, 1×2=2 → 29 → 1
    expect(validateMedicalInstitutionCode('1330113711')).toMatchObject({
      ok: true,
      value: { prefecture: '13', feeSchedule: 'dental' },
    });
  });

  it('refuses a prefecture number outside 01–47 even with a correct check digit', () => {
    // 481011371: 2+7+6+1+2+0+2+8+8 = 36 → 4
    expect(validateMedicalInstitutionCode('4810113714')).toMatchObject({
      ok: false,
      errors: [{ code: 'rules.medical-institution-code.prefecture', field: 'medicalInstitutionCode' }],
    });
    // 001011371: 2+7+6+1+2+0+2+0+0 = 20 → 0
    expect(validateMedicalInstitutionCode('0010113710')).toMatchObject({
      errors: [{ code: 'rules.medical-institution-code.prefecture' }],
    });
  });

  it.each([
    ['', 'required'],
    ['011011371', 'format'],
    ['01101137190', 'format'],
    ['01-1-0113-7-19', 'format'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(validateMedicalInstitutionCode(input)).toMatchObject({
      ok: false,
      errors: [{ code: `rules.medical-institution-code.${problem}` }],
    });
  });
});
