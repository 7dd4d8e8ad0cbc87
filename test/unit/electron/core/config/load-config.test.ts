// The settings file: defaults, and clear errors that name the bad key.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../../../../electron/core/config/load-config';

describe('config', () => {
  it('fills every default from an empty object', () => {
    const config = parseConfig({});
    expect(config.terminalName).toBe('受付1');
    expect(config.reader.kind).toBe('simulated');
    expect(config.ui.defaultLanguage).toBe('ja');
    expect(config.window.kiosk).toBe(true);
  });

  it('names the bad key', () => {
    expect(() => parseConfig({ reader: { kind: 'usb' } })).toThrow(/reader\.kind/);
    expect(() => parseConfig({ webHost: { port: 70000 } })).toThrow(/webHost\.port/);
  });

  it('refuses unknown keys, so a typo is not silently ignored', () => {
    expect(() => parseConfig({ termnalName: 'x' })).toThrow(/termnalName|Unrecognized/);
  });

  it('uses defaults when the file is missing and reports a broken file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-'));
    await expect(loadConfig(path.join(dir, 'none.json'))).resolves.toMatchObject({ mode: 'kiosk' });
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{ "terminalName": ');
    await expect(loadConfig(broken)).rejects.toMatchObject({ code: 'config.invalid' });
  });
});

describe('check-in settings', () => {
  // oqs-and-insurance.md §3: the national readers show 薬剤・特定健診 by default and, since 2024-10-07,
  // no 限度額 consent screen.
  it('defaults: 薬剤・特定健診 shown, no 限度額 screen, timeouts, simulator gateway, no staff PIN', () => {
    const config = parseConfig({});
    expect(config.consent).toEqual({ items: ['medication', 'checkup'], limitScreen: false });
    expect(config.timeouts.pin).toBe(60);
    expect(config.gateway).toEqual({
      adapter: 'simulator',
      folders: { request: '', result: '', face: '' },
      timeoutSeconds: 30,
    });
    expect(config.log).toEqual({ path: '', retentionDays: 1825, keyPath: '' });
    expect(config.staff).toEqual({
      pinHash: '',
      accounts: [],
      sessionMinutes: 15,
      sessionMaxHours: 8,
      maxFailures: 5,
      lockoutMinutes: 5,
    });
    expect(config.clinic.medicalInstitutionCode).toBe('');
  });

  it('keeps copay and 限度額 off the patient result screen unless the clinic turns them on', () => {
    expect(parseConfig({}).resultScreen).toEqual({ showCopayAndLimit: false });
    expect(parseConfig({ resultScreen: { showCopayAndLimit: true } }).resultScreen.showCopayAndLimit).toBe(
      true,
    );
    expect(() => parseConfig({ resultScreen: { showCopay: true } })).toThrow(/resultScreen|showCopay/);
    expect(() => parseConfig({ resultScreen: { showCopayAndLimit: 'yes' } })).toThrow(
      /resultScreen\.showCopayAndLimit/,
    );
  });

  it('names bad check-in settings', () => {
    expect(() => parseConfig({ clinic: { medicalInstitutionCode: '12345' } })).toThrow(
      /clinic\.medicalInstitutionCode/,
    );
    expect(() => parseConfig({ consent: { items: ['x-ray'] } })).toThrow(/consent\.items/);
    expect(() => parseConfig({ timeouts: { pin: 1 } })).toThrow(/timeouts\.pin/);
    expect(() => parseConfig({ gateway: { adapter: 'http' } })).toThrow(/gateway\.adapter/);
  });
});

describe('clinic clock and reception numbers', () => {
  it('defaults: the clinic runs on +09:00 and this terminal issues 1–9999', () => {
    const config = parseConfig({});
    expect(config.clinic.utcOffset).toBe('+09:00');
    expect(config.receptionNumbers).toEqual({ first: 1, last: 9999 });
  });

  it('takes another offset and a range of its own for a second terminal', () => {
    const config = parseConfig({
      clinic: { utcOffset: '+08:00' },
      receptionNumbers: { first: 501, last: 999 },
    });
    expect(config.clinic.utcOffset).toBe('+08:00');
    expect(config.receptionNumbers).toEqual({ first: 501, last: 999 });
  });

  it('names a bad offset or range', () => {
    expect(() => parseConfig({ clinic: { utcOffset: 'Asia/Tokyo' } })).toThrow(/clinic\.utcOffset/);
    expect(() => parseConfig({ clinic: { utcOffset: '+9' } })).toThrow(/clinic\.utcOffset/);
    expect(() => parseConfig({ receptionNumbers: { first: 0 } })).toThrow(/receptionNumbers\.first/);
    expect(() => parseConfig({ receptionNumbers: { first: 500, last: 100 } })).toThrow(
      /receptionNumbers\.last/,
    );
    expect(() => parseConfig({ receptionNumbers: { last: 1_000_000 } })).toThrow(/receptionNumbers\.last/);
  });
});

describe('the settings file as written on a clinic PC', () => {
  async function fileWith(content: string | Buffer): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'kiosk-config-'));
    const file = path.join(dir, 'config.json');
    await writeFile(file, content);
    return file;
  }

  it('skips a UTF-8 byte order mark (Windows Notepad writes one)', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const file = await fileWith(Buffer.concat([bom, Buffer.from('{ "terminalName": "受付2" }', 'utf8')]));
    await expect(loadConfig(file)).resolves.toMatchObject({ terminalName: '受付2' });
  });

  it('refuses a file whose JSON is not an object instead of starting on defaults', async () => {
    for (const content of ['null', '[]', '42', '"kiosk"', 'true']) {
      const file = await fileWith(content);
      await expect(loadConfig(file), content).rejects.toMatchObject({
        code: 'config.invalid',
        message: expect.stringMatching(/^設定ファイルの中身は \{ … \} で囲んだ設定の一覧にしてください/),
      });
    }
  });

  it('names a file that is not JSON in Japanese, with the file path', async () => {
    const file = await fileWith("{ terminalName: '受付2' }");
    await expect(loadConfig(file)).rejects.toMatchObject({
      code: 'config.invalid',
      message: expect.stringContaining(`設定ファイルが JSON の形になっていません`),
    });
    await expect(loadConfig(file)).rejects.toMatchObject({ message: expect.stringContaining(file) });
  });

  it('lists every bad key on its own line, in Japanese, without a stack trace', () => {
    let message = '';
    try {
      parseConfig({
        reader: { kind: 'usb' },
        timeouts: { pin: 1, result: 7.5 },
        ui: { largeText: 'yes' },
        termnalName: 'x',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      '設定ファイルに誤りがあります。次の項目を直してください:',
      '  reader.kind: 次のどれかにしてください: "simulated", "pcsc"',
      '  ui.largeText: true か false で書いてください',
      '  timeouts.pin: 10以上にしてください',
      '  timeouts.result: 整数で書いてください',
      '  termnalName: この設定項目はありません（綴りを確認してください）',
    ]);
  });
});
