// 記号, 番号 and 枝番 of a 資格確認書 as keyed: normalised, character set and length checked.
import { MAX_RAW_INPUT_LENGTH, normalizeKeyedText, readText } from './normalize';
import type { KeyedField, RuleResult } from './rule-result';
import { fieldLabels, ruleError, ruleFail, ruleOk } from './rule-result';

/**
 * Longest 記号 and 番号 accepted, in characters. The interface specification's maximum lengths are not
 * available (oqs-and-insurance.md §2, element lengths unconfirmed); these bounds cover printed cards.
 */
export const SYMBOL_MAX_LENGTH = 20;
export const NUMBER_MAX_LENGTH = 20;

/**
 * Characters insurers print (§4.1, §4.3): digits, Latin letters, `-` and `・` in both fields; katakana and
 * kanji in the 記号 as some 国保 and 共済 use them. Hiragana and other symbols are refused.
 */
export const SYMBOL_CHARACTERS =
  /^[0-9A-Za-z\-・\u30A1-\u30FA\u30FC-\u30FE\u3005\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$/u;
export const NUMBER_CHARACTERS = /^[0-9A-Za-z\-・]+$/u;

/** Some text other than separators. */
const HAS_CONTENT = /[^\-・]/u;

interface TextFieldSpec {
  field: KeyedField;
  codePrefix: string;
  required: boolean;
  maxLength: number;
  characters: RegExp;
  allowedJa: string;
  allowedEn: string;
  /** Extra replacements after normalisation (e.g. `ー` typed for `-` in the 番号). */
  fixups?: (text: string) => string;
}

function validateTextField(raw: unknown, spec: TextFieldSpec): RuleResult<string | undefined> {
  const label = fieldLabels[spec.field];
  const read = readText(raw);
  const tooLong = () =>
    ruleFail<string | undefined>(
      ruleError(
        `${spec.codePrefix}.too-long`,
        spec.field,
        `${label.ja}は${spec.maxLength}文字以内でご入力ください。`,
        `The ${label.en} can be at most ${spec.maxLength} characters.`,
      ),
    );
  if (!read.ok) {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.invalid-character`,
        spec.field,
        `${label.ja}に使えない文字が含まれています。`,
        `The ${label.en} contains characters that cannot be used.`,
      ),
    );
  }
  if (read.text.length > MAX_RAW_INPUT_LENGTH) return tooLong();
  const normalized = normalizeKeyedText(read.text);
  const text = spec.fixups ? spec.fixups(normalized) : normalized;
  if (text === '') {
    if (!spec.required) return ruleOk(undefined);
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.required`,
        spec.field,
        `${label.ja}をご入力ください。`,
        `Please enter the ${label.en}.`,
      ),
    );
  }
  if (Array.from(text).length > spec.maxLength) return tooLong();
  if (!spec.characters.test(text)) {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.invalid-character`,
        spec.field,
        `${label.ja}に使えない文字が含まれています。${spec.allowedJa}でご入力ください。`,
        `The ${label.en} contains characters that cannot be used. Use ${spec.allowedEn}.`,
      ),
    );
  }
  if (!HAS_CONTENT.test(text)) {
    return ruleFail(
      ruleError(
        `${spec.codePrefix}.format`,
        spec.field,
        `${label.ja}が正しくありません。ご確認ください。`,
        `The ${label.en} is not valid. Please check it.`,
      ),
    );
  }
  return ruleOk(text);
}

/** 記号: optional (後期高齢者 have none). Returns the normalised text, or undefined when empty. */
export function validateSymbol(raw: unknown): RuleResult<string | undefined> {
  return validateTextField(raw, {
    field: 'symbol',
    codePrefix: 'rules.symbol',
    required: false,
    maxLength: SYMBOL_MAX_LENGTH,
    characters: SYMBOL_CHARACTERS,
    allowedJa: '数字・英字・カタカナ・漢字・「-」「・」',
    allowedEn: 'digits, Latin letters, katakana, kanji, "-" or "・"',
  });
}

/** 番号: required. The 番号 has no katakana, so a `ー` typed there is the printed hyphen. */
export function validateNumber(raw: unknown): RuleResult<string> {
  const result = validateTextField(raw, {
    field: 'number',
    codePrefix: 'rules.number',
    required: true,
    maxLength: NUMBER_MAX_LENGTH,
    characters: NUMBER_CHARACTERS,
    allowedJa: '数字・英字・「-」「・」',
    allowedEn: 'digits, Latin letters, "-" or "・"',
    fixups: (text) => text.replace(/ー/gu, '-'),
  });
  return result.ok ? ruleOk(result.value ?? '') : result;
}

/** 枝番: exactly 2 digits, or empty (optional; §4.3). */
export function validateBranch(raw: unknown): RuleResult<string | undefined> {
  const read = readText(raw);
  const text =
    read.ok && read.text.length <= MAX_RAW_INPUT_LENGTH ? normalizeKeyedText(read.text) : undefined;
  if (text === '') return ruleOk(undefined);
  if (text !== undefined && /^\d{2}$/u.test(text)) return ruleOk(text);
  return ruleFail(
    ruleError(
      'rules.branch.format',
      'branch',
      '枝番は2桁の数字でご入力ください（例: 01）。',
      'Enter the branch number as 2 digits (e.g. 01).',
    ),
  );
}
