// Proves the clock rules fire: only the clinic clock reads the machine's clock in the core, and the renderer makes no dates.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const eslint = new ESLint({ cwd: root, ignore: false });

async function clockFindings(code: string, as: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, as) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('clock rules', () => {
  it.each([
    ['export const t = Date.now();\n', 'electron/core/session/x.ts'],
    ['export const d = new Date();\n', 'electron/core/log/x.ts'],
    ['export const d = new Date(0);\n', 'renderer/staff/x.ts'],
    ['export const t = Date.now();\n', 'renderer/app/x.ts'],
    ['export const z = (d: Date): number => d.getTimezoneOffset();\n', 'renderer/app/x.ts'],
    ['export const s = (d: Date): string => d.toLocaleDateString();\n', 'renderer/staff/x.ts'],
    ["export const f = new Intl.DateTimeFormat('ja-JP');\n", 'renderer/staff/x.ts'],
  ])('%s in %s is refused', async (code, as) => {
    expect(await clockFindings(code, as)).toHaveLength(1);
  });

  it.each([
    ['export const t = Date.now();\n', 'electron/core/clock/x.ts'],
    ["export const d = new Date('2026-12-01T00:00:00Z');\n", 'electron/core/log/x.ts'],
    ['export const t = performance.now();\n', 'renderer/app/x.ts'],
  ])('%s in %s is allowed', async (code, as) => {
    expect(await clockFindings(code, as)).toEqual([]);
  });
});
