// The Electron kiosk seals its log key with safeStorage, and falls back to the key file when sealing protects nothing.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateLogKey } from '../../../../electron/core/log/chain-key';
import { electronLogKeyStore, type SafeStorageLike } from '../../../../electron/main/log-key-store';
import { createFakeElectron } from '../../../support/fake-electron';

let dir: string;
let keyPath: string;
let logPath: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-key-store-'));
  mkdirSync(path.join(dir, 'log'));
  keyPath = path.join(dir, 'confirmation-log.key');
  logPath = path.join(dir, 'log', 'confirmation-log.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const safeStorage = (): SafeStorageLike =>
  createFakeElectron().port.safeStorage as unknown as SafeStorageLike;

describe('electronLogKeyStore', () => {
  it('seals the key when the OS can', () => {
    const key = loadOrCreateLogKey(electronLogKeyStore(safeStorage())({ keyPath, logPath }));
    expect(existsSync(`${keyPath}.sealed`)).toBe(true);
    expect(existsSync(keyPath)).toBe(false);
    expect(loadOrCreateLogKey(electronLogKeyStore(safeStorage())({ keyPath, logPath })).equals(key)).toBe(
      true,
    );
  });

  it('uses the plain key file when encryption is unavailable', () => {
    const unavailable = { ...safeStorage(), isEncryptionAvailable: () => false };
    loadOrCreateLogKey(electronLogKeyStore(unavailable)({ keyPath, logPath }));
    expect(existsSync(keyPath)).toBe(true);
    expect(existsSync(`${keyPath}.sealed`)).toBe(false);
  });

  it.runIf(process.platform === 'linux')("does not trust Linux's basic_text fallback", () => {
    const basic = { ...safeStorage(), getSelectedStorageBackend: () => 'basic_text' };
    loadOrCreateLogKey(electronLogKeyStore(basic)({ keyPath, logPath }));
    expect(existsSync(keyPath)).toBe(true);
    expect(existsSync(`${keyPath}.sealed`)).toBe(false);
  });
});
