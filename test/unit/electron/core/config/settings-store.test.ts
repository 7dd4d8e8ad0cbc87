// Staff settings: the console's view, validated changes, and atomic saving to the settings file.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
