// The key-start record: where a log's keyed chain begins, bound to the terminal's key by its own MAC.
import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { keyIdOf } from './chain-key';
import { GENESIS_HASH } from './hash-chain';

/**
 * Where keyed chaining starts (table `chain_key`, one row, written the first time a key opens the log):
 * rows from `startId` and purge records from `startPurgeId` are format 2; the unkeyed chain before them
 * ends at `startHash` / `startPurgeHash`, which the MAC binds to the key.
 */
export interface KeyStart {
  startId: number;
  startHash: Buffer;
  startPurgeId: number;
  startPurgeHash: Buffer;
  keyId: string;
  markedAt: string;
  mac: Buffer;
}

export type KeyStartFields = Omit<KeyStart, 'mac'>;

/** HMAC-SHA-256 under `key` of the key-start record's fields. */
export function keyStartMac(key: Buffer, start: KeyStartFields): Buffer {
  const fields = [
    start.startId,
    start.startHash.toString('hex'),
    start.startPurgeId,
    start.startPurgeHash.toString('hex'),
    start.keyId,
    start.markedAt,
  ];
  return createHmac('sha256', key)
    .update(`kiosk-log-key-start/1\n${JSON.stringify(fields)}`)
    .digest();
}

export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The key-start record, or undefined when the log has never been opened with a key. */
export function readKeyStart(db: Database.Database): KeyStart | undefined {
  if (!hasTable(db, 'chain_key')) return undefined;
  const row = db
    .prepare(
      'SELECT start_id, start_hash, start_purge_id, start_purge_hash, key_id, marked_at, mac FROM chain_key',
    )
    .raw()
    .get() as [number, Buffer, number, Buffer, string, string, Buffer] | undefined;
  if (!row) return undefined;
  const [startId, startHash, startPurgeId, startPurgeHash, keyId, markedAt, mac] = row;
  return { startId, startHash, startPurgeId, startPurgeHash, keyId, markedAt, mac };
}

/** Writes the key-start record at the current ends of both chains (inside the caller's transaction). */
export function writeKeyStart(db: Database.Database, key: Buffer, markedAt: string): KeyStart {
  const head = db.prepare('SELECT last_id, last_hash FROM chain_head').get() as {
    last_id: number;
    last_hash: Buffer;
  };
  const lastPurge = db.prepare('SELECT id, hash FROM purges ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: Buffer } | undefined;
  const fields: KeyStartFields = {
    startId: head.last_id + 1,
    startHash: head.last_hash,
    startPurgeId: (lastPurge?.id ?? 0) + 1,
    startPurgeHash: lastPurge?.hash ?? GENESIS_HASH,
    keyId: keyIdOf(key),
    markedAt,
  };
  const mac = keyStartMac(key, fields);
  db.prepare(
    `INSERT INTO chain_key (singleton, start_id, start_hash, start_purge_id, start_purge_hash, key_id, marked_at, mac)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    fields.startId,
    fields.startHash,
    fields.startPurgeId,
    fields.startPurgeHash,
    fields.keyId,
    fields.markedAt,
    mac,
  );
  return { ...fields, mac };
}
