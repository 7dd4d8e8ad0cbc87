// Loading the optional pcsclite driver: a missing or unloadable one is a typed error naming the package and the fix.
import { describe, expect, it, vi } from 'vitest';
import {
  PCSC_DRIVER_MISSING,
  PcscDriverMissingError,
  requirePcsclite,
} from '../../../../native/pcsc/load-pcsclite';
import type { PcscLike } from '../../../../native/pcsc/pcsc-like';

/** A `require` that fails the way Node does, with `code` set when Node sets one. */
function failingRequire(message: string, code?: string): (id: string) => never {
  return () => {
    const error = new Error(message) as NodeJS.ErrnoException;
    if (code !== undefined) error.code = code;
    throw error;
  };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('requirePcsclite', () => {
  it('names the package, how to install it and the simulated alternative when it is not installed', () => {
    const error = caught(() =>
      requirePcsclite(
        failingRequire("Cannot find module 'pcsclite'\nRequire stack:\n- x", 'MODULE_NOT_FOUND'),
      ),
    );
    expect(error).toBeInstanceOf(PcscDriverMissingError);
    const missing = error as PcscDriverMissingError;
    expect(missing.code).toBe(PCSC_DRIVER_MISSING);
    expect(missing.code).toBe('reader.driver-missing');
    expect(missing.message).toContain('pcsclite');
    expect(missing.message).toContain('がインストールされていません');
    expect(missing.message).toContain('is not installed');
    expect(missing.message).toContain('apt-get install libpcsclite-dev');
    expect(missing.message).toContain('npm ci');
    expect(missing.message).toContain('reader.kind');
    // Only the first line of Node's message: the require stack is noise for clinic IT.
    expect(missing.message).toContain("(Cannot find module 'pcsclite')");
    expect(missing.message).not.toContain('Require stack');
    expect(missing.cause).toBeInstanceOf(Error);
  });

  it('treats a package installed without its compiled binding as missing', () => {
    const error = caught(() =>
      requirePcsclite(failingRequire('Could not locate the bindings file. Tried:\n → build/pcsclite.node')),
    );
    expect(error).toBeInstanceOf(PcscDriverMissingError);
    expect((error as Error).message).toContain('is not installed');
  });

  it('says the driver cannot be loaded when its binary is for another Node or libpcsclite is gone', () => {
    const error = caught(() =>
      requirePcsclite(
        failingRequire(
          'The module pcsclite.node was compiled against a different Node.js version',
          'ERR_DLOPEN_FAILED',
        ),
      ),
    );
    expect(error).toBeInstanceOf(PcscDriverMissingError);
    expect((error as PcscDriverMissingError).code).toBe('reader.driver-missing');
    expect((error as Error).message).toContain('cannot be loaded');
    expect((error as Error).message).toContain('を読み込めません');
  });

  it('throws any other failure unchanged', () => {
    const error = caught(() => requirePcsclite(failingRequire('boom', 'EACCES')));
    expect(error).not.toBeInstanceOf(PcscDriverMissingError);
    expect((error as Error).message).toBe('boom');
  });

  it('loads the module at once but creates a PC/SC context only when the factory is called', () => {
    const context = {} as PcscLike;
    const create = vi.fn(() => context);
    const require = vi.fn(() => create);
    const factory = requirePcsclite(require);
    expect(require).toHaveBeenCalledWith('pcsclite');
    expect(create).not.toHaveBeenCalled();
    expect(factory()).toBe(context);
    expect(create).toHaveBeenCalledTimes(1);
  });
});
