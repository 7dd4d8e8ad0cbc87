// Loads the native npm `pcsclite` module (the only place it is loaded) as a PcscFactory.
import { createRequire } from 'node:module';
import type { PcscFactory, PcscLike } from './pcsc-like';

/** Stable code of PcscDriverMissingError; the app reports a failed start with it. */
export const PCSC_DRIVER_MISSING = 'reader.driver-missing';

/**
 * `pcsclite` is an optional dependency: `npm ci` builds it only where the PC/SC development files and a
 * compiler are present, and carries on without it elsewhere. A kiosk configured for a real reader then
 * cannot work at all, so it says which package is missing and how to get it instead of retrying forever.
 */
export class PcscDriverMissingError extends Error {
  override readonly name = 'PcscDriverMissingError';
  readonly code = PCSC_DRIVER_MISSING;
}

/** How to get the driver, for every message below. */
const howToInstall =
  'install the PC/SC development files and a compiler (Debian/Ubuntu: sudo apt-get install libpcsclite-dev python3 make g++), ' +
  'then run npm ci again; or set reader.kind to "simulated"';

/** The `require` used to load the module; tests pass one that fails. */
export type RequireFn = (id: string) => unknown;

/**
 * Loads `pcsclite` now and returns its factory, or throws PcscDriverMissingError when the package is absent
 * (MODULE_NOT_FOUND), was installed without its compiled binding, or its binding cannot be loaded by this
 * Node (another Node version's build, or libpcsclite missing). Any other failure is thrown unchanged.
 */
export function requirePcsclite(require: RequireFn = createRequire(import.meta.url)): PcscFactory {
  let create: () => PcscLike;
  try {
    create = require('pcsclite') as () => PcscLike;
  } catch (error) {
    throw driverMissing(error) ?? error;
  }
  return () => create();
}

/** `require('pcsclite')()`, resolved lazily so nothing native loads until a context is really wanted. */
export const loadPcsclite: PcscFactory = () => requirePcsclite()();

function driverMissing(error: unknown): PcscDriverMissingError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  // The `bindings` helper pcsclite uses throws a plain Error when build/Release/pcsclite.node is absent.
  if (code === 'MODULE_NOT_FOUND' || /Could not locate the bindings file/.test(detail)) {
    return new PcscDriverMissingError(
      'カードリーダーのドライバー（npm パッケージ pcsclite）がインストールされていません / ' +
        `The PC/SC reader driver, npm package "pcsclite", is not installed (${detail}): ${howToInstall}`,
      { cause: error },
    );
  }
  if (code === 'ERR_DLOPEN_FAILED') {
    return new PcscDriverMissingError(
      'カードリーダーのドライバー（npm パッケージ pcsclite）を読み込めません / ' +
        `The PC/SC reader driver, npm package "pcsclite", cannot be loaded (${detail}): ${howToInstall}`,
      { cause: error },
    );
  }
  return undefined;
}
