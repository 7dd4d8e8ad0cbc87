// Loads the native npm `pcsclite` module (the only place it is loaded) as a PcscFactory.
import { createRequire } from 'node:module';
import type { PcscFactory, PcscLike } from './pcsc-like';

/** `require('pcsclite')()`, resolved lazily so nothing native loads until a context is really wanted. */
export const loadPcsclite: PcscFactory = () => {
  const require = createRequire(import.meta.url);
  const create = require('pcsclite') as () => PcscLike;
  return create();
};
