// The typed outcome of every insurance rule: a value, or field-named errors in Japanese and English.

/** The fields a rule can name when it refuses input (keyed-entry screen fields and the numbers validated alone). */
export type KeyedField =
  | 'documentKind'
  | 'insurerNumber'
  | 'symbol'
  | 'number'
  | 'branch'
  | 'birthDate'
  | 'issuedOn'
  | 'validUntil'
  | 'staffSawMyNumberCard'
  | 'publicExpensePayerNumber'
  | 'recipientNumber'
  | 'medicalInstitutionCode';

export interface RuleMessage {
  ja: string;
  en: string;
}

export interface RuleError {
  /** Stable, e.g. `rules.insurer-number.check-digit`. */
  code: string;
  field: KeyedField;
  message: RuleMessage;
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; errors: RuleError[] };

export const ruleOk = <T>(value: T): RuleResult<T> => ({ ok: true, value });

export const ruleFail = <T = never>(...errors: RuleError[]): RuleResult<T> => ({ ok: false, errors });

export const ruleError = (code: string, field: KeyedField, ja: string, en: string): RuleError => ({
  code,
  field,
  message: { ja, en },
});

/** Field names as staff read them on the screen, for messages. */
export const fieldLabels: Record<KeyedField, RuleMessage> = {
  documentKind: { ja: '書類の種類', en: 'document type' },
  insurerNumber: { ja: '保険者番号', en: 'insurer number' },
  symbol: { ja: '記号', en: 'symbol' },
  number: { ja: '番号', en: 'number' },
  branch: { ja: '枝番', en: 'branch number' },
  birthDate: { ja: '生年月日', en: 'date of birth' },
  issuedOn: { ja: '交付年月日', en: 'issue date' },
  validUntil: { ja: '有効期限', en: 'expiry date' },
  staffSawMyNumberCard: { ja: 'マイナンバーカードの確認', en: 'My Number card check' },
  publicExpensePayerNumber: { ja: '公費負担者番号', en: 'public-expense payer number' },
  recipientNumber: { ja: '受給者番号', en: 'recipient number' },
  medicalInstitutionCode: { ja: '医療機関コード', en: 'medical institution code' },
};
