// 医療機関コード (medical institution code): 10 digits with a Luhn check digit over the first nine.
import { LUHN_WEIGHTS } from './check-digit';
import { validateDigitField } from './digit-field';
import type { RuleResult } from './rule-result';
import { ruleError, ruleFail, ruleOk } from './rule-result';

export type FeeSchedule = 'medical' | 'dental' | 'pharmacy' | 'other';

export interface MedicalInstitutionCode {
  /** The 10 normalised digits, as written to `MedicalInstitutionCode` in the request XML (§2.3). */
  code: string;
  /** 都道府県番号 01–47. */
  prefecture: string;
  feeSchedule: FeeSchedule;
  /** 郡市区番号 (2) + 医療機関番号 (4): with 点数表 and 検証, the 7-digit code of older claims. */
  district: string;
  institution: string;
}

/** 点数表番号 (§7): 1 医科, 3 歯科, 4 調剤; other digits are care, 柔整 and 鍼灸 schedules. */
const FEE_SCHEDULES: Readonly<Record<string, FeeSchedule>> = {
  '1': 'medical',
  '3': 'dental',
  '4': 'pharmacy',
};

/**
 * Validates a 医療機関コード (oqs-and-insurance.md §7): 都道府県 2 + 点数表 1 + 郡市区 2 + 医療機関 4 + 検証 1.
 * The check-digit algorithm (the §4.2 Luhn rule over the nine preceding digits) rests on a single source
 * with one example (`0110113719`); the structure itself is confirmed.
 */
export function validateMedicalInstitutionCode(raw: unknown): RuleResult<MedicalInstitutionCode> {
  const checked = validateDigitField(raw, {
    field: 'medicalInstitutionCode',
    codePrefix: 'rules.medical-institution-code',
    lengths: [10],
    weightsFromRight: LUHN_WEIGHTS,
  });
  if (!checked.ok) return checked;
  const code = checked.value;
  const prefecture = code.slice(0, 2);
  const prefectureNumber = Number(prefecture);
  if (prefectureNumber < 1 || prefectureNumber > 47) {
    return ruleFail(
      ruleError(
        'rules.medical-institution-code.prefecture',
        'medicalInstitutionCode',
        '医療機関コードの都道府県番号（先頭2桁）が正しくありません。',
        'The prefecture number (first two digits) of the medical institution code is wrong.',
      ),
    );
  }
  return ruleOk({
    code,
    prefecture,
    feeSchedule: FEE_SCHEDULES[code.charAt(2)] ?? 'other',
    district: code.slice(3, 5),
    institution: code.slice(5, 9),
  });
}
