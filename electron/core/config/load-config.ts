// Reads and validates the settings file; a bad file gives one clear error naming each bad key.
import { readFile } from 'node:fs/promises';
import { KioskError } from '../../common/errors';
import { KioskConfigSchema, type KioskConfig } from './config-schema';

export function parseConfig(input: unknown): KioskConfig {
  const result = KioskConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.length ? issue.path.join('.') : '(file)';
    return `${key}: ${issue.message}`;
  });
  throw new KioskError(
    'config.invalid',
    `設定ファイルに誤りがあります / Invalid settings: ${problems.join('; ')}`,
  );
}

/** Load the settings file; a missing file means all defaults. */
export async function loadConfig(path: string | undefined): Promise<KioskConfig> {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseConfig({});
    throw new KioskError('config.invalid', `設定ファイルを読めません / Cannot read settings file ${path}`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KioskError(
      'config.invalid',
      `設定ファイルがJSONではありません / Settings file ${path} is not valid JSON`,
      {
        cause: error,
      },
    );
  }
  return parseConfig(json);
}
