// The places the kiosk writes, checked at start on real folders: the log file and the 資格確認端末's folders.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkPlaces, placeProblems } from '../../../../../electron/core/config/check-places';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import { buildParts } from '../../../../../electron/core/app';

let dir: string;
/** A regular file: nothing can be created under it, whoever runs the test (root included). */
let plainFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kiosk-places-'));
  plainFile = path.join(dir, 'plain-file');
  await writeFile(plainFile, 'not a folder');
});

/** An oqs-folder configuration over `share`'s req, res and (optionally) face folders. */
function folderConfig(share: string, face = '') {
  return parseConfig({
    clinic: { medicalInstitutionCode: '1311234567' },
    gateway: {
      adapter: 'oqs-folder',
      folders: { request: path.join(share, 'req'), result: path.join(share, 'res'), face },
    },
  });
}

async function makeShare(at: string): Promise<string> {
  await mkdir(path.join(at, 'req'), { recursive: true });
  await mkdir(path.join(at, 'res'), { recursive: true });
  return at;
}

describe('log.path', () => {
  it('a new file in a folder still to be made is fine, and the check leaves nothing behind', async () => {
    const logPath = path.join(dir, 'data', 'kiosk', 'log.sqlite');
    await expect(placeProblems(parseConfig({ log: { path: logPath } }), logPath)).resolves.toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['plain-file']);
  });

  it('an existing log file is fine; the in-memory log is not checked', async () => {
    const logPath = path.join(dir, 'log.sqlite');
    await writeFile(logPath, '');
    await expect(placeProblems(parseConfig({ log: { path: logPath } }), logPath)).resolves.toEqual([]);
    await expect(placeProblems(parseConfig({}), ':memory:')).resolves.toEqual([]);
  });

  it('a path that cannot be written is config.invalid naming log.path and the path', async () => {
    const logPath = path.join(plainFile, 'log.sqlite');
    const config = parseConfig({ log: { path: logPath } });
    await expect(checkPlaces(config, logPath)).rejects.toMatchObject({
      code: 'config.invalid',
      message: expect.stringMatching(/^設定ファイルに誤りがあります。/),
    });
    const [problem] = await placeProblems(config, logPath);
    expect(problem).toMatch(/^log\.path: /);
    expect(problem).toContain(logPath);
    expect(problem).toContain('ENOTDIR');
  });

  it('a folder where the file should be is refused', async () => {
    const logPath = path.join(dir, 'a-folder');
    await mkdir(logPath);
    expect(await placeProblems(parseConfig({ log: { path: logPath } }), logPath)).toEqual([
      expect.stringMatching(/^log\.path: ファイルではなく/),
    ]);
  });

  it('the default log place is named as such when it cannot be written', async () => {
    const logPath = path.join(plainFile, 'reception-kiosk', 'confirmation-log.sqlite');
    expect(await placeProblems(parseConfig({ reader: { kind: 'pcsc' } }), logPath)).toEqual([
      expect.stringMatching(/^log\.path（空欄: 既定の場所）: /),
    ]);
  });

  it('stops the start before the reader, gateway or log are opened', async () => {
    const logPath = path.join(plainFile, 'log.sqlite');
    await expect(buildParts(parseConfig({ log: { path: logPath } }))).rejects.toMatchObject({
      code: 'config.invalid',
      message: expect.stringContaining('log.path: '),
    });
  });
});

describe('gateway folders', () => {
  it('existing, writable folders apart from the log are fine', async () => {
    const share = await makeShare(path.join(dir, 'share'));
    await mkdir(path.join(dir, 'face'));
    const logPath = path.join(dir, 'log', 'log.sqlite');
    await expect(placeProblems(folderConfig(share, path.join(dir, 'face')), logPath)).resolves.toEqual([]);
  });

  it('are not checked with the embedded simulator, which does not use them', async () => {
    const config = parseConfig({ gateway: { folders: { face: path.join(dir, 'missing') } } });
    await expect(placeProblems(config, ':memory:')).resolves.toEqual([]);
  });

  it('a missing folder, a file and an unwritable place are each named', async () => {
    const share = path.join(dir, 'share');
    await mkdir(path.join(share, 'req'), { recursive: true });
    await writeFile(path.join(share, 'res'), '');
    const config = parseConfig({
      clinic: { medicalInstitutionCode: '1311234567' },
      gateway: {
        adapter: 'oqs-folder',
        folders: {
          request: path.join(share, 'req'),
          result: path.join(share, 'res'),
          face: path.join(plainFile, 'face'),
        },
      },
    });
    const missing = folderConfig(path.join(dir, 'nowhere'));
    expect(await placeProblems(config, ':memory:')).toEqual([
      expect.stringMatching(/^gateway\.folders\.result: フォルダではなくファイル/),
      expect.stringMatching(/^gateway\.folders\.face: .*ENOTDIR/),
    ]);
    expect(await placeProblems(missing, ':memory:')).toEqual([
      expect.stringMatching(/^gateway\.folders\.request: フォルダがありません/),
      expect.stringMatching(/^gateway\.folders\.result: フォルダがありません/),
    ]);
  });

  it('may not be the log folder, inside it, or hold it', async () => {
    const share = await makeShare(path.join(dir, 'share'));
    // The log in the req folder itself.
    expect(await placeProblems(folderConfig(share), path.join(share, 'req', 'log.sqlite'))).toEqual([
      expect.stringMatching(/^gateway\.folders\.request: 記録（ログ）のフォルダ/),
    ]);
    // The log in a folder under res.
    expect(await placeProblems(folderConfig(share), path.join(share, 'res', 'kiosk', 'log.sqlite'))).toEqual([
      expect.stringMatching(/^gateway\.folders\.result: 記録（ログ）のフォルダ/),
    ]);
    // The face outbox inside the log's folder.
    const logDir = path.join(dir, 'log');
    await mkdir(path.join(logDir, 'face'), { recursive: true });
    expect(
      await placeProblems(folderConfig(share, path.join(logDir, 'face')), path.join(logDir, 'log.sqlite')),
    ).toEqual([expect.stringMatching(/^gateway\.folders\.face: 記録（ログ）のフォルダ/)]);
  });
});
