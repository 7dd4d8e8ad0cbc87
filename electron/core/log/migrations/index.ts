// Every schema migration, in order. A new one is a new file NNNN-<what>.ts appended here; old ones never change.
import { migration0001 } from './0001-confirmations';
import { migration0002 } from './0002-search-terms';
import { migration0003 } from './0003-retention';
import { migration0004 } from './0004-reception-numbers';
import { migration0005 } from './0005-keyed-chain';
import { migration0006 } from './0006-export-records';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
];

export const LATEST_VERSION = MIGRATIONS.length;
