// The per-terminal secret that keys the log's hash chain: kept outside the log file, in a key file or OS-sealed.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LogError } from './confirmation-log';

/** A log key is 32 random bytes (the HMAC-SHA-256 block-size rule needs no more). */
export const LOG_KEY_BYTES = 32;
/** The key file's name when `log.keyPath` is empty: beside the settings file. */
export const DEFAULT_KEY_FILE_NAME = 'confirmation-log.key';
/** The suffix of the OS-sealed copy an Electron kiosk keeps (safeStorage output, not the key itself). */
export const SEALED_KEY_SUFFIX = '.sealed';

const KEY_TEXT = /^[0-9a-f]{64}$/;

/** Where a key is kept. `read` answers undefined when there is none yet; `create` never overwrites one. */
export interface LogKeyStore {
  /** Where the key lives, for messages (never the key). */
  readonly where: string;
  read(): Buffer | undefined;
  create(key: Buffer): void;
}

/** The slice of Electron's `safeStorage` a sealed key store uses (injected: the core never imports electron). */
export interface SecretSealer {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Makes the store for a log: the key file path from settings (or undefined) and the log file. */
export type LogKeyStoreFactory = (paths: { keyPath: string | undefined; logPath: string }) => LogKeyStore;

function keyError(detail: string): LogError {
  return new LogError('log.key-unusable', `確認ログの鍵を使えません（${detail}）。`);
}

/** The key from its file text: 64 lowercase hex digits, optionally followed by a line break. */
export function parseKeyText(text: string, where: string): Buffer {
  const hex = text.trim().toLowerCase();
  if (!KEY_TEXT.test(hex)) throw keyError(`${where} は 64 桁の16進数ではありません`);
  return Buffer.from(hex, 'hex');
}

/** Reads a plain key file (the auditor's copy given to `log:verify --key`). */
export function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw keyError(`${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseKeyText(text, file);
}

/** A short public name of a key (HMAC of a fixed label): tells a wrong key from a changed log. */
export function keyIdOf(key: Buffer): string {
  return createHmac('sha256', key).update('kiosk-log-key-id/1').digest('hex').slice(0, 32);
}

/** True when `file` is inside `folder` (or is the folder). */
function isInside(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `log.keyPath` when set, else the key file beside the settings file; undefined when neither is known. */
export function logKeyPath(keyPath: string, configPath: string | undefined): string | undefined {
  if (keyPath) return keyPath;
  return configPath ? path.join(path.dirname(configPath), DEFAULT_KEY_FILE_NAME) : undefined;
}

/** Refuses a key path that is missing or lies in the log's own folder (a copy of that folder would hold both). */
export function checkedKeyPath(keyPath: string | undefined, logPath: string): string {
  if (!keyPath) throw keyError('log.keyPath を設定してください');
  if (isInside(keyPath, path.dirname(logPath))) {
    throw keyError(
      `${keyPath} は確認ログと同じフォルダーにあります。log.keyPath に別のフォルダーを指定してください`,
    );
  }
  return keyPath;
}

/** Writes a new file owner-only (0600), refusing to replace one that exists. */
function writeNewPrivateFile(file: string, data: Buffer | string): void {
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  } finally {
    closeSync(fd);
  }
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}

/**
 * A plain key file (64 hex digits), owner-only, outside the log's folder: the browser host's and the CLI's
 * store. A file others may read is refused rather than used.
 */
export function plainKeyFileStore(keyPath: string | undefined, logPath: string): LogKeyStore {
  const file = checkedKeyPath(keyPath, logPath);
  return {
    where: file,
    read() {
      if (!existsSync(file)) return undefined;
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
        throw keyError(`${file} は所有者以外も読めます（chmod 600 にしてください）`);
      }
      return readKeyFile(file);
    },
    create(key) {
      writeNewPrivateFile(file, `${key.toString('hex')}\n`);
    },
  };
}

/**
 * The key sealed by the OS (Electron `safeStorage`: DPAPI on Windows, Keychain on macOS) in `<keyPath>.sealed`.
 * A plain key file already at `keyPath` (one the administrator provisioned and keeps a copy of) is sealed on
 * first use; otherwise a new key is made. Only this OS account on this machine can unseal it.
 */
export function sealedKeyFileStore(keyPath: string, sealer: SecretSealer): LogKeyStore {
  const sealed = `${keyPath}${SEALED_KEY_SUFFIX}`;
  const seal = (key: Buffer): void => writeNewPrivateFile(sealed, sealer.encryptString(key.toString('hex')));
  return {
    where: sealed,
    read() {
      if (existsSync(sealed)) return parseKeyText(sealer.decryptString(readFileSync(sealed)), sealed);
      if (!existsSync(keyPath)) return undefined;
      const provisioned = readKeyFile(keyPath);
      seal(provisioned);
      return provisioned;
    },
    create: seal,
  };
}

/** The store's key, made (32 random bytes) and stored on first use. */
export function loadOrCreateLogKey(store: LogKeyStore): Buffer {
  try {
    const existing = store.read();
    if (existing) return existing;
    const key = randomBytes(LOG_KEY_BYTES);
    store.create(key);
    return key;
  } catch (error) {
    if (error instanceof LogError) throw error;
    throw keyError(`${store.where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
