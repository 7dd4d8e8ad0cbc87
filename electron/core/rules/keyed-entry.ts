// Validation of a whole keyed 資格確認書 entry: every field checked, every problem reported at once.
import type { DocumentAcceptance, DocumentKind } from './accepted-document';
import { acceptedDocument } from './accepted-document';
import type { CalendarDate, Clock } from './calendar-date';
import { compareDates, formatCompactDate, jstToday } from './calendar-date';
import type { InsurerKindInfo } from './houbetsu';
import { validateInsurerNumber } from './insurer-number';
import type { DateProblem } from './japanese-date';
import { parseKeyedDate } from './japanese-date';
import { validateBranch, validateNumber, validateSymbol } from './keyed-fields';
import { readText } from './normalize';
import type { KeyedField, RuleError, RuleResult } from './rule-result';
import { fieldLabels, ruleError, ruleFail, ruleOk } from './rule-result';

/** What staff typed. Values come from an untrusted screen, so anything that is not text is refused, never thrown on. */
export interface KeyedEntryInput {
  documentKind: DocumentKind | string;
  insurerNumber: string;
  symbol?: string;
  number: string;
  branch?: string;
  /** 和暦 or western. */
  birthDate: string;
  /** 交付年月日, when printed. */
  issuedOn?: string;
  /** 有効期限: printed on every 資格確認書 (§4.1) and required for it; on other documents when printed. */
  validUntil?: string;
  /** Required for a 資格情報のお知らせ (§4.1). */
  staffSawMyNumberCard?: boolean;
}

/** A keyed entry ready for an eligibility request (oqs-and-insurance.md §2.3). */
export interface KeyedEntry {
  documentKind: DocumentKind;
  acceptance: DocumentAcceptance;
  /** 6 or 8 normalised digits; `padInsurerNumber` widens it for the XML. */
  insurerNumber: string;
  insurerKind: InsurerKindInfo;
  symbol?: string;
  number: string;
  branch?: string;
  /** yyyyMMdd */
  birthdate: string;
  /** yyyyMMdd */
  issuedOn?: string;
  /** yyyyMMdd */
  validUntil?: string;
}

const dateProblemMessages: Record<Exclude<DateProblem, 'required'>, { ja: string; en: string }> = {
  format: {
    ja: 'の形式が正しくありません。例: 令和5年4月1日、R5.4.1、2023-04-01',
    en: ' is not in a recognised form. Examples: 令和5年4月1日, R5.4.1, 2023-04-01.',
  },
  impossible: { ja: 'に存在しない日付が入力されています。', en: ' is not a real date.' },
  'era-range': {
    ja: 'の元号と年月日の組み合わせが正しくありません。',
    en: ' does not exist in the era given.',
  },
  'too-early': { ja: 'は1868年以降の日付でご入力ください。', en: ' must be in 1868 or later.' },
};

function dateField(
  raw: unknown,
  field: KeyedField,
  required: boolean,
  errors: RuleError[],
): CalendarDate | undefined {
  const label = fieldLabels[field];
  const read = readText(raw);
  const parsed = read.ok ? parseKeyedDate(read.text) : ({ ok: false, problem: 'format' } as const);
  if (parsed.ok) return parsed.date;
  if (parsed.problem === 'required') {
    if (required) {
      errors.push(
        ruleError(
          'rules.date.required',
          field,
          `${label.ja}をご入力ください。`,
          `Please enter the ${label.en}.`,
        ),
      );
    }
    return undefined;
  }
  const message = dateProblemMessages[parsed.problem];
  const en = label.en.charAt(0).toUpperCase() + label.en.slice(1);
  errors.push(
    ruleError(`rules.date.${parsed.problem}`, field, `${label.ja}${message.ja}`, `${en}${message.en}`),
  );
  return undefined;
}

/**
 * Validates a keyed entry against the rules of oqs-and-insurance.md §4 (numbers), §4.1 and §5 (documents
 * and dates), evaluated on today's date in Japan from `clock`. Collects every error, each naming its field.
 */
export function validateKeyedEntry(input: KeyedEntryInput, clock: Clock): RuleResult<KeyedEntry> {
  const source: Partial<Record<keyof KeyedEntryInput, unknown>> =
    typeof input === 'object' && input !== null ? input : {};
  const errors: RuleError[] = [];
  const today = jstToday(clock);

  const insurer = validateInsurerNumber(source.insurerNumber);
  if (!insurer.ok) errors.push(...insurer.errors);
  const symbol = validateSymbol(source.symbol);
  if (!symbol.ok) errors.push(...symbol.errors);
  const number = validateNumber(source.number);
  if (!number.ok) errors.push(...number.errors);
  const branch = validateBranch(source.branch);
  if (!branch.ok) errors.push(...branch.errors);

  const birth = dateField(source.birthDate, 'birthDate', true, errors);
  if (birth && today && compareDates(birth, today) > 0) {
    errors.push(
      ruleError(
        'rules.date.future',
        'birthDate',
        '生年月日に未来の日付が入力されています。ご確認ください。',
        'The date of birth is in the future. Please check it.',
      ),
    );
  }
  const issuedOn = dateField(source.issuedOn, 'issuedOn', false, errors);
  if (issuedOn && today && compareDates(issuedOn, today) > 0) {
    errors.push(
      ruleError(
        'rules.keyed.issued-in-future',
        'issuedOn',
        '交付年月日が未来の日付になっています。ご確認ください。',
        'The issue date is in the future. Please check it.',
      ),
    );
  }
  const kind = source.documentKind;
  // Every 資格確認書 carries its 有効期限 (§4.1): without it the document cannot be checked for expiry.
  const errorsBeforeExpiry = errors.length;
  const validUntil = dateField(source.validUntil, 'validUntil', false, errors);
  if (kind === 'eligibility-certificate' && !validUntil && errors.length === errorsBeforeExpiry) {
    errors.push(
      ruleError(
        'rules.keyed.expiry-required',
        'validUntil',
        '資格確認書の有効期限をご入力ください。',
        'Please enter the expiry date printed on the eligibility certificate.',
      ),
    );
  }
  if (issuedOn && validUntil && compareDates(validUntil, issuedOn) < 0) {
    errors.push(
      ruleError(
        'rules.keyed.expiry-before-issue',
        'validUntil',
        '有効期限が交付年月日より前になっています。ご確認ください。',
        'The expiry date is before the issue date. Please check it.',
      ),
    );
  }

  const acceptance = acceptedDocument(
    kind,
    {
      staffSawMyNumberCard: source.staffSawMyNumberCard === true,
      ...(validUntil ? { printedExpiry: validUntil } : {}),
      ...(insurer.ok ? { insurerKind: insurer.value.kind.kind } : {}),
    },
    clock,
  );
  if (!acceptance.ok) errors.push(...acceptance.errors);

  if (
    errors.length > 0 ||
    !insurer.ok ||
    !symbol.ok ||
    !number.ok ||
    !branch.ok ||
    !acceptance.ok ||
    !birth
  ) {
    return ruleFail(...errors);
  }
  return ruleOk({
    documentKind: acceptance.value.kind,
    acceptance: acceptance.value,
    insurerNumber: insurer.value.digits,
    insurerKind: insurer.value.kind,
    ...(symbol.value !== undefined ? { symbol: symbol.value } : {}),
    number: number.value,
    ...(branch.value !== undefined ? { branch: branch.value } : {}),
    birthdate: formatCompactDate(birth),
    ...(issuedOn ? { issuedOn: formatCompactDate(issuedOn) } : {}),
    ...(validUntil ? { validUntil: formatCompactDate(validUntil) } : {}),
  });
}
