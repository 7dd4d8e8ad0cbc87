// The kiosk keys its log file with the key beside its settings file, and refuses a key in the log's own folder.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildParts } from '../../../../electron/core/app';
import { parseConfig } from '../../../../electron/core/config/load-config';
import { readKeyFile } from '../../../../electron/core/log/chain-key';
import { verifyChain } from '../../../../electron/core/log/chain-verify';
import { openPlainConnection } from '../../../../electron/core/log/open-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-app-key-'));
  mkdirSync(path.join(dir, 'settings'));
  mkdirSync(path.join(dir, 'data'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the log key of a kiosk', () => {
  it('is made beside the settings file, and the log file is keyed with it', async () => {
    const logPath = path.join(dir, 'data', 'confirmation-log.sqlite');
    const configPath = path.join(dir, 'settings', 'config.json');
    const built = await buildParts(parseConfig({ log: { path: logPath } }), { configPath });
    await built.close();
    const keyFile = path.join(dir, 'settings', 'confirmation-log.key');
    expect(existsSync(keyFile)).toBe(true);
    const db = openPlainConnection(logPath, { readonly: true });
    expect(verifyChain(db)).toMatchObject({ ok: false, problem: 'key-needed' });
    expect(verifyChain(db, { key: readKeyFile(keyFile) })).toMatchObject({ ok: true, keyedFromId: 1 });
    db.close();
  });

  it('stops the start when the key would sit in the log folder', async () => {
    const logPath = path.join(dir, 'data', 'confirmation-log.sqlite');
    const configPath = path.join(dir, 'data', 'config.json');
    await expect(buildParts(parseConfig({ log: { path: logPath } }), { configPath })).rejects.toMatchObject({
      code: 'log.key-unusable',
    });
  });
});
