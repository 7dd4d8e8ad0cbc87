// app:// answers every request: 400 for a malformed URL, 404 for anything not there, and never throws.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { languages } from '../../../../electron/common/contract';
import {
  answerAppRequest,
  OUT_OF_SERVICE_TEXT,
  outOfServiceUrl,
} from '../../../../electron/main/app-protocol';

let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(path.join(tmpdir(), 'kiosk-renderer-'));
  await mkdir(path.join(rendererDir, 'assets'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>受付</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
});

/** One entry of a renderer catalogue, read from its source (the renderer is a separate TypeScript project). */
async function catalogEntry(language: string, key: string): Promise<string> {
  const source = await readFile(path.join('renderer', 'i18n', `${language}.ts`), 'utf8');
  const match = new RegExp(`'${key.replace('.', '\\.')}':\\s*'([^']*)'`).exec(source);
  if (!match?.[1]) throw new Error(`${key} not found in renderer/i18n/${language}.ts`);
  return match[1];
}

const statusOf = async (url: unknown): Promise<number> =>
  (await answerAppRequest(rendererDir, { url })).status;

describe('app:// requests', () => {
  it('serves the renderer', async () => {
    expect(await statusOf('app://kiosk/')).toBe(200);
    expect(await statusOf('app://kiosk/assets/app.js')).toBe(200);
  });

  it.each([
    ['broken percent-encoding', 'app://kiosk/%'],
    ['a cut-off UTF-8 sequence', 'app://kiosk/%E3%81'],
    ['an encoded NUL', 'app://kiosk/index.html%00.js'],
    ['a raw NUL', 'app://kiosk/a\u0000b'],
    ['no URL at all', ''],
    ['an unparsable host', 'app://[::1/'],
    ['not a string', 42],
    ['nothing', undefined],
  ])('answers 400 to %s', async (_what, url) => {
    expect(await statusOf(url)).toBe(400);
  });

  it.each([
    ['a path climbing out', 'app://kiosk/..%2F..%2Fetc%2Fpasswd'],
    ['a backslash climb', 'app://kiosk/..%5C..%5Cetc%5Cpasswd'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a folder', 'app://kiosk/assets/'],
    ['a missing file', 'app://kiosk/nothing-here.js'],
    ['a very long path', `app://kiosk/${'a'.repeat(100_000)}`],
  ])('answers 404 to %s', async (_what, url) => {
    expect(await statusOf(url)).toBe(404);
  });

  it('answers 400, not an exception, when reading the URL itself throws', async () => {
    const hostile = {
      get url(): string {
        throw new Error('boom');
      },
    };
    await expect(answerAppRequest(rendererDir, hostile)).resolves.toMatchObject({ status: 400 });
  });

  it('serves the out-of-service page with the same CSP, in every kiosk language', async () => {
    const page = await answerAppRequest(rendererDir, { url: outOfServiceUrl });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/<script|style=/);
    expect(OUT_OF_SERVICE_TEXT.map((t) => t.lang)).toEqual([...languages]);
    for (const language of languages) {
      const heading = await catalogEntry(language, 'outOfService.heading');
      const instruction = await catalogEntry(language, 'outOfService.instruction');
      expect(html).toContain(
        `<section lang="${language}"><h1>${heading}</h1><p>${instruction}</p></section>`,
      );
    }
  });
});
