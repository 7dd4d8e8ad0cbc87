// The shape of one numbered schema migration (PRAGMA user_version is the number of the last one applied).
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 … in order, no gaps; the file is named NNNN-<what>.ts after it. */
  version: number;
  name: string;
  /** Runs inside the single transaction that applies every pending migration. */
  up(db: Database.Database): void;
}
