// The log key's stores: an owner-only key file outside the log's folder, or the key sealed by the OS.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keyIdOf,
  loadOrCreateLogKey,
  logKeyPath,
  plainKeyFileStore,
  readKeyFile,
  sealedKeyFileStore,
  type SecretSealer,
} from '../../../../../electron/core/log/chain-key';
import { LogError } from '../../../../../electron/core/log/confirmation-log';
import { tempDir, type TempDir } from './log-fixtures';

let tmp: TempDir;
let logPath: string;
let keyDir: string;

beforeEach(() => {
  tmp = tempDir();
  mkdirSync(path.join(tmp.dir, 'log'));
  mkdirSync(path.join(tmp.dir, 'keys'));
  logPath = path.join(tmp.dir, 'log', 'confirmation-log.sqlite');
  keyDir = path.join(tmp.dir, 'keys');
});
afterEach(() => tmp.remove());

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof LogError ? error.code : String(error);
  }
  return undefined;
}

/** Stands in for Electron's safeStorage: reversible, and visibly not the key's own text. */
const fakeSealer: SecretSealer = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${text}`, 'utf8').reverse(),
  decryptString: (data) =>
    Buffer.from(data)
      .reverse()
      .toString('utf8')
      .replace(/^sealed:/, ''),
};

describe('plain key file', () => {
  it('is made once, owner-only, 64 hex digits, and read back the same', () => {
    const file = path.join(keyDir, 'confirmation-log.key');
    const key = loadOrCreateLogKey(plainKeyFileStore(file, logPath));
    expect(key).toHaveLength(32);
    expect(readFileSync(file, 'utf8')).toBe(`${key.toString('hex')}\n`);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateLogKey(plainKeyFileStore(file, logPath)).equals(key)).toBe(true);
    expect(readKeyFile(file).equals(key)).toBe(true);
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is refused in the log folder (or below it), or with no path at all', () => {
    expect(codeOf(() => plainKeyFileStore(path.join(tmp.dir, 'log', 'k.key'), logPath))).toBe(
      'log.key-unusable',
    );
    expect(codeOf(() => plainKeyFileStore(path.join(tmp.dir, 'log', 'sub', 'k.key'), logPath))).toBe(
      'log.key-unusable',
    );
    expect(codeOf(() => plainKeyFileStore(undefined, logPath))).toBe('log.key-unusable');
  });

  it.skipIf(process.platform === 'win32')('is refused when others may read it', () => {
    const file = path.join(keyDir, 'open.key');
    writeFileSync(file, `${'ab'.repeat(32)}\n`, { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(codeOf(() => loadOrCreateLogKey(plainKeyFileStore(file, logPath)))).toBe('log.key-unusable');
  });

  it('is refused when it does not hold 64 hex digits', () => {
    const file = path.join(keyDir, 'short.key');
    writeFileSync(file, 'abcd\n', { mode: 0o600 });
    expect(codeOf(() => loadOrCreateLogKey(plainKeyFileStore(file, logPath)))).toBe('log.key-unusable');
  });

  it('defaults to a file beside the settings file; log.keyPath wins', () => {
    expect(logKeyPath('', '/etc/kiosk/config.json')).toBe(path.join('/etc/kiosk', 'confirmation-log.key'));
    expect(logKeyPath('/srv/keys/log.key', '/etc/kiosk/config.json')).toBe('/srv/keys/log.key');
    expect(logKeyPath('', undefined)).toBeUndefined();
  });
});

describe('sealed key (Electron safeStorage)', () => {
  it('makes a key and keeps only its sealed form', () => {
    const keyPath = path.join(keyDir, 'confirmation-log.key');
    const key = loadOrCreateLogKey(sealedKeyFileStore(keyPath, fakeSealer));
    expect(existsSync(keyPath)).toBe(false);
    const sealed = readFileSync(`${keyPath}.sealed`);
    expect(sealed.toString('utf8')).not.toContain(key.toString('hex'));
    expect(loadOrCreateLogKey(sealedKeyFileStore(keyPath, fakeSealer)).equals(key)).toBe(true);
  });

  it('seals a key the administrator provisioned as a plain file, and uses that key', () => {
    const keyPath = path.join(keyDir, 'confirmation-log.key');
    const provisioned = 'c3'.repeat(32);
    writeFileSync(keyPath, `${provisioned}\n`, { mode: 0o600 });
    const key = loadOrCreateLogKey(sealedKeyFileStore(keyPath, fakeSealer));
    expect(key.toString('hex')).toBe(provisioned);
    expect(existsSync(`${keyPath}.sealed`)).toBe(true);
  });
});
