// Staff settings: the console's view, validated changes, and atomic saving to the settings file.
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeProblems } from '../../../../../electron/core/config/check-places';
import { parseConfig } from '../../../../../electron/core/config/load-config';
import {
  applyStaffChange,
  createSettingsStore,
  toStaffSettings,
} from '../../../../../electron/core/config/settings-store';

describe('settings store', () => {
  it('maps the config to the staff view and back', () => {
    const config = parseConfig({ consent: { items: ['surgery'] } });
    const view = toStaffSettings(config);
    expect(view.consentItems).toEqual(['surgery']);
    expect(view.gateway.adapter).toBe('simulator');
    const { next, restartRequired } = applyStaffChange(config, { readerNameFilter: 'RC-S300' });
    expect(next.reader.nameFilter).toBe('RC-S300');
    expect(restartRequired).toBe(true);
    expect(applyStaffChange(config, { timeouts: { result: 20 } }).next.timeouts).toMatchObject({
      result: 20,
      pin: 60,
    });
  });

  it('staff see and change the 限度額 screen and the money on the result screen, both off by default', () => {
    const config = parseConfig({});
    expect(toStaffSettings(config)).toMatchObject({
      limitConsentScreen: false,
      resultShowsCopayAndLimit: false,
    });
    const { next, restartRequired } = applyStaffChange(config, {
      limitConsentScreen: true,
      resultShowsCopayAndLimit: true,
    });
    expect(next.consent.limitScreen).toBe(true);
    expect(next.resultScreen).toEqual({ showCopayAndLimit: true });
    // Read at the start of every session: no restart.
    expect(restartRequired).toBe(false);
    expect(toStaffSettings(next)).toMatchObject({ limitConsentScreen: true, resultShowsCopayAndLimit: true });
    // A change that leaves them out keeps them as they are.
    expect(applyStaffChange(next, { terminalName: '受付2' }).next.resultScreen.showCopayAndLimit).toBe(true);
  });

  it('staff see and change the card times (30 s to come back, 15 s readable), applied without a restart', () => {
    const config = parseConfig({});
    // The defaults README.md's configuration table states for card.resume and card.afterLift.
    expect(toStaffSettings(config).card).toEqual({ resume: 30, afterLift: 15 });
    const { next, restartRequired } = applyStaffChange(config, { card: { resume: 60 } });
    expect(next.card).toEqual({ resume: 60, afterLift: 15 });
    expect(restartRequired).toBe(false);
    expect(() => applyStaffChange(config, { card: { afterLift: 121 } })).toThrow(
      expect.objectContaining({
        code: 'settings.invalid',
        message: expect.stringContaining('card.afterLift'),
      }),
    );
  });

  it('refuses a bad change with settings.invalid', () => {
    const config = parseConfig({});
    expect(() => applyStaffChange(config, { timeouts: { pin: 2 } })).toThrow(
      expect.objectContaining({ code: 'settings.invalid' }),
    );
    expect(() =>
      applyStaffChange(config, {
        gateway: {
          adapter: 'oqs-folder',
          requestFolder: '',
          resultFolder: '',
          faceFolder: '',
          timeoutSeconds: 30,
        },
      }),
    ).toThrow(expect.objectContaining({ code: 'settings.invalid' }));
  });

  it('writes the file atomically and reads back the same settings', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-store-'));
    const file = path.join(dir, 'kiosk.json');
    const store = createSettingsStore(parseConfig({}), file);
    const { next } = applyStaffChange(store.current(), { terminalName: '受付3', consentItems: [] });
    await store.save(next);
    expect(store.current().terminalName).toBe('受付3');
    expect(parseConfig(JSON.parse(await readFile(file, 'utf8')))).toEqual(next);
    expect(await readdir(dir)).toEqual(['kiosk.json']);
  });

  it('reports a file it cannot write', async () => {
    const store = createSettingsStore(parseConfig({}), '/nonexistent-dir/kiosk.json');
    await expect(store.save(parseConfig({}))).rejects.toMatchObject({ code: 'settings.unwritable' });
    expect(store.current().terminalName).toBe('受付1');
  });

  it('refuses a terminal name with hidden characters, naming the field', () => {
    const config = parseConfig({});
    for (const name of ['受付\u202E1', '受付\n1', '受付\u20661']) {
      expect(() => applyStaffChange(config, { terminalName: name })).toThrow(
        expect.objectContaining({
          code: 'settings.invalid',
          message: expect.stringContaining('端末名 [terminalName]: '),
        }),
      );
    }
    expect(() => applyStaffChange(config, { readerNameFilter: 'RC\u0000' })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('カードリーダー名 [reader.nameFilter]: ') }),
    );
  });

  it('checks the gateway folders on save as at start, and keeps the file when they are refused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-store-'));
    const file = path.join(dir, 'kiosk.json');
    const logPath = path.join(dir, 'log', 'log.sqlite');
    const store = createSettingsStore(
      parseConfig({ clinic: { medicalInstitutionCode: '1311234567' } }),
      file,
      {
        placeProblems: (next) => placeProblems(next, logPath),
      },
    );
    const plainFile = path.join(dir, 'plain-file');
    await writeFile(plainFile, '');
    const folders = (share: string, face = '') => ({
      gateway: {
        adapter: 'oqs-folder' as const,
        requestFolder: path.join(share, 'req'),
        resultFolder: path.join(share, 'res'),
        faceFolder: face,
        timeoutSeconds: 30,
      },
    });
    const missing = applyStaffChange(store.current(), folders(path.join(dir, 'nowhere'))).next;
    await expect(store.save(missing)).rejects.toMatchObject({
      code: 'settings.invalid',
      message: expect.stringContaining('要求フォルダ（req） [gateway.folders.request]: フォルダがありません'),
    });
    const intoLog = applyStaffChange(store.current(), folders(path.join(dir, 'log'))).next;
    await mkdir(path.join(dir, 'log', 'req'), { recursive: true });
    await mkdir(path.join(dir, 'log', 'res'), { recursive: true });
    await expect(store.save(intoLog)).rejects.toMatchObject({
      message: expect.stringContaining('[gateway.folders.request]: 記録（ログ）のフォルダ'),
    });
    const share = path.join(dir, 'share');
    await mkdir(path.join(share, 'req'), { recursive: true });
    await mkdir(path.join(share, 'res'), { recursive: true });
    const unwritableFace = applyStaffChange(
      store.current(),
      folders(share, path.join(plainFile, 'face')),
    ).next;
    await expect(store.save(unwritableFace)).rejects.toMatchObject({
      message: expect.stringContaining('face フォルダ [gateway.folders.face]: '),
    });
    expect(await readdir(dir)).not.toContain('kiosk.json');
    expect(store.current().gateway.adapter).toBe('simulator');

    await store.save(applyStaffChange(store.current(), folders(share)).next);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      gateway: { adapter: 'oqs-folder', folders: { request: path.join(share, 'req') } },
    });
  });
});
