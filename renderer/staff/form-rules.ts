// Staff form limits read from the contract's schemas, and every refusal said in plain Japanese next to its field.
import {
  CardTimeSettings,
  KeyedEntry,
  StaffSettings,
  TimeoutSettings,
  type StaffSettings as StaffSettingsValue,
} from '../../electron/common/contract';
import type { IpcError } from '../../electron/common/result';

export type KeyedTextField =
  'insurerNumber' | 'symbol' | 'number' | 'branch' | 'birthDate' | 'issuedOn' | 'validUntil';

const keyed = KeyedEntry.shape;
/** The longest text the contract accepts for each keyed field: the input stops there. */
export const keyedMaxLength: Record<KeyedTextField, number | undefined> = {
  insurerNumber: keyed.insurerNumber.maxLength ?? undefined,
  symbol: keyed.symbol.maxLength ?? undefined,
  number: keyed.number.maxLength ?? undefined,
  branch: keyed.branch.maxLength ?? undefined,
  birthDate: keyed.birthDate.maxLength ?? undefined,
  issuedOn: keyed.issuedOn.unwrap().maxLength ?? undefined,
  validUntil: keyed.validUntil.unwrap().maxLength ?? undefined,
};

export interface TextLimits {
  minLength?: number;
  maxLength?: number;
}
export interface NumberLimits {
  min: number;
  max: number;
}

const textLimits = (schema: { minLength: number | null; maxLength: number | null }): TextLimits => ({
  ...(schema.minLength !== null && schema.minLength > 0 ? { minLength: schema.minLength } : {}),
  ...(schema.maxLength !== null ? { maxLength: schema.maxLength } : {}),
});
const numberLimits = (schema: { minValue: number | null; maxValue: number | null }): NumberLimits => ({
  min: schema.minValue ?? 0,
  max: schema.maxValue ?? Number.MAX_SAFE_INTEGER,
});

const settings = StaffSettings.shape;
const gateway = settings.gateway.shape;

/** Text settings, by the input's name. */
export const settingsText = {
  terminalName: textLimits(settings.terminalName),
  medicalInstitutionCode: textLimits(settings.medicalInstitutionCode),
  requestFolder: textLimits(gateway.requestFolder),
  resultFolder: textLimits(gateway.resultFolder),
  faceFolder: textLimits(gateway.faceFolder),
  readerNameFilter: textLimits(settings.readerNameFilter),
} as const;
export type SettingsTextField = keyof typeof settingsText;

export type TimeoutKey = keyof typeof TimeoutSettings.shape;
/** Seconds each patient screen may wait, as the contract bounds them. */
export const timeoutLimits = Object.fromEntries(
  (Object.keys(TimeoutSettings.shape) as TimeoutKey[]).map((key) => [
    key,
    numberLimits(TimeoutSettings.shape[key]),
  ]),
) as Record<TimeoutKey, NumberLimits>;
export const gatewayTimeoutLimits = numberLimits(gateway.timeoutSeconds);

export type CardTimeKey = keyof typeof CardTimeSettings.shape;
/** Seconds a lifted card may take to come back, and a message stays after the card leaves. */
export const cardTimeLimits = {
  resume: numberLimits(CardTimeSettings.shape.resume),
  afterLift: numberLimits(CardTimeSettings.shape.afterLift),
} as const satisfies Record<CardTimeKey, NumberLimits>;

/** The input (by name) a setting's path in the contract belongs to. */
export function settingsFieldOf(path: readonly PropertyKey[]): string {
  const [first, second] = path;
  if (first === 'timeouts' && typeof second === 'string') return `timeout-${second}`;
  if (first === 'card' && typeof second === 'string') return `card-${second}`;
  if (first === 'gateway')
    return second === 'timeoutSeconds' ? 'gatewayTimeout' : String(second ?? 'gateway');
  return String(first ?? 'form');
}

const numberRange = (field: string): NumberLimits | undefined => {
  if (field === 'gatewayTimeout') return gatewayTimeoutLimits;
  if (field.startsWith('card-')) {
    const card = field.slice('card-'.length);
    return card in cardTimeLimits ? cardTimeLimits[card as CardTimeKey] : undefined;
  }
  const key = field.startsWith('timeout-') ? field.slice('timeout-'.length) : undefined;
  return key && key in timeoutLimits ? timeoutLimits[key as TimeoutKey] : undefined;
};

interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** One contract refusal as staff read it; never the validator's own (English, developer) words. */
export function issueText(issue: SchemaIssue): string {
  const field = settingsFieldOf(issue.path);
  const range = numberRange(field);
  if (range) return `${range.min}から${range.max}までの整数（秒）で入力してください。`;
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'array' && issue.code === 'too_small') return `${bound}つ以上選んでください。`;
  if (issue.origin === 'string' && issue.code === 'too_small') {
    return bound <= 1 ? '入力してください。' : `${bound}文字以上で入力してください。`;
  }
  if (issue.origin === 'string' && issue.code === 'too_big') return `${bound}文字以内で入力してください。`;
  return '入力内容を確認してください。';
}

/** The settings checked against the contract before saving: input name → what is wrong, in form order. */
export function settingsProblems(value: StaffSettingsValue): Map<string, string> {
  const problems = new Map<string, string>();
  const checked = StaffSettings.safeParse(value);
  if (checked.success) return problems;
  for (const issue of checked.error.issues) {
    const field = settingsFieldOf(issue.path);
    if (!problems.has(field)) problems.set(field, issueText(issue as SchemaIssue));
  }
  return problems;
}

/** Words the core's settings refusals use for their setting, so the message stands beside it. */
const refusalFields: readonly [RegExp, string][] = [
  [/医療機関コード/, 'medicalInstitutionCode'],
  [/フォルダ/, 'requestFolder'],
  [/言語/, 'languages'],
];

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** A refusal from the core: its field when the message names one, and the message staff can read. */
export function refusalOf(error: IpcError): { field: string | undefined; text: string } {
  // The core's own refusals are Japanese; anything else (a validator's words) becomes the plain request.
  const text = JAPANESE.test(error.message)
    ? error.message.replace(/[。.]?$/, '。')
    : '保存できませんでした。入力内容を確認してください。';
  const field = refusalFields.find(([pattern]) => pattern.test(error.message))?.[1];
  return { field, text };
}
