// Proves each import-boundary rule fires: lints fixtures that break it, as if they lived at the named path.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const fixtureDir = path.join(root, 'test/fixtures/lint');
const eslint = new ESLint({ cwd: root, ignore: false });

const fixtures = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.ts'))
  .map((file) => {
    const text = readFileSync(path.join(fixtureDir, file), 'utf8');
    const as = /^\/\/ as: (.+)$/m.exec(text)?.[1];
    const expected = /^\/\/ expect: (.+)$/m.exec(text)?.[1];
    if (!as || !expected) throw new Error(`${file} lacks its // as: and // expect: lines`);
    return { file, text, as, expected };
  });

describe('import boundaries', () => {
  it('has a fixture for every rule', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(11);
  });

  it.each(fixtures)('$file linted as $as', async ({ text, as, expected }) => {
    const [result] = await eslint.lintText(text, { filePath: path.join(root, as) });
    const boundary = (result?.messages ?? []).filter((m) => m.ruleId === 'kiosk/import-boundaries');
    if (expected === 'nothing') {
      expect(boundary).toEqual([]);
    } else {
      expect(boundary.map((m) => m.message).join('\n')).toContain(expected);
    }
  });
});
