// Reads and validates the settings file; a bad file gives one clear error, in Japanese, naming each bad key.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { KioskError } from '../../common/errors';
import { KioskConfigSchema, type KioskConfig } from './config-schema';

/** The zod issue types this file words for a person (the shapes zod 4 reports). */
type Issue = z.core.$ZodRawIssue;

const typeNames: Record<string, string> = {
  string: '文字列（"…"）',
  number: '数値',
  int: '整数',
  boolean: 'true か false ',
  object: '{ … } の形',
  array: '[ … ] の形',
};

/** One issue in plain Japanese, for the IT person who edits the file; the key is added by the caller. */
function japaneseMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `${typeNames[issue.expected] ?? issue.expected}で書いてください`;
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) === 1
          ? '空にはできません'
          : `${String(issue.minimum)}文字以上にしてください`;
      }
      if (issue.origin === 'array') return `${String(issue.minimum)}個以上にしてください`;
      return `${String(issue.minimum)}以上にしてください`;
    case 'too_big':
      if (issue.origin === 'string') return `${String(issue.maximum)}文字以内にしてください`;
      if (issue.origin === 'array') return `${String(issue.maximum)}個以内にしてください`;
      return `${String(issue.maximum)}以下にしてください`;
    case 'invalid_value':
      return `次のどれかにしてください: ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return 'この設定項目はありません（綴りを確認してください）';
    default:
      return undefined;
  }
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    const key = issue.path.map(String).join('.');
    // An unknown key is named itself, not its parent object.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((name) => `${key ? `${key}.` : ''}${name}: ${issue.message}`);
    }
    return [`${key || '（ファイル全体）'}: ${issue.message}`];
  });
}

/** Validates settings; the problems, each "key: what to do", when they are not valid. */
export function checkConfig(
  input: unknown,
): { ok: true; config: KioskConfig } | { ok: false; problems: string[] } {
  const result = KioskConfigSchema.safeParse(input, { error: japaneseMessage });
  return result.success
    ? { ok: true, config: result.data }
    : { ok: false, problems: problemsOf(result.error) };
}

/** Validates settings already read; `config.invalid` names every bad key, one per line. */
export function parseConfig(input: unknown): KioskConfig {
  const checked = checkConfig(input);
  if (checked.ok) return checked.config;
  throw new KioskError(
    'config.invalid',
    `設定ファイルに誤りがあります。次の項目を直してください:\n${checked.problems.map((line) => `  ${line}`).join('\n')}`,
  );
}

/** Node's `code` of a file-system error, if it has one. */
function fsCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Load the settings file; a missing file means all defaults. A UTF-8 byte order mark (Windows Notepad
 * writes one) is skipped; a file whose JSON is not an object (`null`, a list, a number) is an error.
 */
export async function loadConfig(path: string | undefined): Promise<KioskConfig> {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (fsCode(error) === 'ENOENT') return parseConfig({});
    throw new KioskError(
      'config.invalid',
      `設定ファイルを読めません（${fsCode(error) ?? '読み取りエラー'}）: ${path}`,
      { cause: error },
    );
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    throw new KioskError('config.invalid', `設定ファイルが JSON の形になっていません（${detail}）: ${path}`, {
      cause: error,
    });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new KioskError(
      'config.invalid',
      `設定ファイルの中身は { … } で囲んだ設定の一覧にしてください（いまは ${json === null ? 'null' : Array.isArray(json) ? '[ … ]' : typeof json}）: ${path}`,
    );
  }
  return parseConfig(json);
}
