// Shared checks for a printed number made of digits with a trailing check digit: normalise, length, check digit.
import { hasValidCheckDigit } from './check-digit';
import { MAX_RAW_INPUT_LENGTH, normalizeKeyedText, readText } from './normalize';
import type { KeyedField, RuleResult } from './rule-result';
import { fieldLabels, ruleError, ruleFail, ruleOk } from './rule-result';

export interface DigitFieldSpec {
  field: KeyedField;
  /** Stable code prefix, e.g. `rules.insurer-number`. */
  codePrefix: string;
  /** Accepted digit counts, including the check digit. */
  lengths: readonly number[];
  weightsFromRight: readonly number[];
}

const describeLengths = (lengths: readonly number[], joiner: string): string => lengths.join(joiner);

/** Normalises `raw` and checks it is all digits, of an accepted length, with a correct check digit. */
export function validateDigitField(raw: unknown, spec: DigitFieldSpec): RuleResult<string> {
  const label = fieldLabels[spec.field];
  const read = readText(raw);
  if (!read.ok || read.text.length > MAX_RAW_INPUT_LENGTH) {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.format`,
        spec.field,
        `${label.ja}は${describeLengths(spec.lengths, '桁または')}桁の数字でご入力ください。`,
        `Enter the ${label.en} as ${describeLengths(spec.lengths, ' or ')} digits.`,
      ),
    );
  }
  const text = normalizeKeyedText(read.text);
  if (text === '') {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.required`,
        spec.field,
        `${label.ja}をご入力ください。`,
        `Please enter the ${label.en}.`,
      ),
    );
  }
  if (!/^\d+$/.test(text) || !spec.lengths.includes(text.length)) {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.format`,
        spec.field,
        `${label.ja}は${describeLengths(spec.lengths, '桁または')}桁の数字でご入力ください。`,
        `Enter the ${label.en} as ${describeLengths(spec.lengths, ' or ')} digits.`,
      ),
    );
  }
  if (!hasValidCheckDigit(text, spec.weightsFromRight)) {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.check-digit`,
        spec.field,
        `${label.ja}の検証番号が正しくありません。番号をご確認ください。`,
        `The check digit of the ${label.en} is wrong. Please check the number.`,
      ),
    );
  }
  return ruleOk(text);
}
