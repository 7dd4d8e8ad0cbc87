// The Electron kiosk's log key store: the key sealed with safeStorage when the OS can really protect it.
import {
  plainKeyFileStore,
  sealedKeyFileStore,
  type LogKeyStoreFactory,
  type SecretSealer,
} from '../core/log/chain-key';

/** The slice of Electron's `safeStorage` used here. */
export type SafeStorageLike = SecretSealer & { getSelectedStorageBackend?: () => string };

/**
 * safeStorage seals with DPAPI (Windows), the Keychain (macOS) or the desktop's secret store (Linux). On Linux
 * without one Electron falls back to `basic_text`, a fixed password that protects nothing: then, as when
 * encryption is unavailable, the plain owner-only key file outside the log's folder is used instead.
 */
export function electronLogKeyStore(safeStorage: SafeStorageLike): LogKeyStoreFactory {
  return ({ keyPath, logPath }) => {
    const sealing =
      safeStorage.isEncryptionAvailable() &&
      !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
    return sealing && keyPath
      ? sealedKeyFileStore(keyPath, safeStorage)
      : plainKeyFileStore(keyPath, logPath);
  };
}
