// The hash chain: canonical serialisation of a row, SHA-256 linking, and verification of a whole log file.
import { hash as sha256Once } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Hash of "no previous row": the anchor of a log that has never been purged. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** Chain format 1: the confirmation columns covered by a row hash, in this order (README.md, "Hash chain"). */
export const CHAIN_COLUMNS_V1 = [
  'id',
  'recorded_at',
  'started_at',
  'started_ms',
  'day',
  'ended_at',
  'terminal',
  'reader',
  'route',
  'outcome',
  'validity',
  'error_code',
  'system_code',
  'insurer_number',
  'symbol',
  'number',
  'branch',
  'name',
  'name_kana',
  'birthdate',
  'copay_tenths',
  'limit_class',
  'limit_consent',
  'limit_consent_at',
  'medication_consent',
  'medication_consent_at',
  'checkup_consent',
  'checkup_consent_at',
  'diagnosis_consent',
  'diagnosis_consent_at',
  'surgery_consent',
  'surgery_consent_at',
  'staff_id',
  'gateway',
  'gateway_request_id',
  'certificate_serial_hash',
  'reception_number',
  'card_ms',
  'gateway_ms',
  'total_ms',
] as const;

/** The purge columns covered by a purge-record hash, in this order. */
export const PURGE_COLUMNS_V1 = [
  'id',
  'purged_at',
  'cutoff_day',
  'removed_count',
  'first_removed_id',
  'last_removed_id',
  'anchor_id',
] as const;

export const CHAIN_FORMAT = 1;

export type SqlValue = string | number | null;

/** SHA-256 over "kiosk-confirmation-log/1\n" + previous hash (hex) + "\n" + JSON array of the row's values. */
export function confirmationHash(previous: Buffer, values: readonly SqlValue[]): Buffer {
  return confirmationHashOfJson(previous, JSON.stringify(values));
}

/** The same hash from the row's values already serialised as a JSON array. */
export function confirmationHashOfJson(previous: Buffer, json: string): Buffer {
  return sha256Once('sha256', `kiosk-confirmation-log/1\n${previous.toString('hex')}\n${json}`, 'buffer');
}

/** The same hash as lowercase hex, from the previous hash as lowercase hex. */
export function confirmationHexOfJson(previousHex: string, json: string): string {
  return sha256Once('sha256', `kiosk-confirmation-log/1\n${previousHex}\n${json}`, 'hex');
}

/** SHA-256 over "kiosk-purge-log/1\n" + previous purge hash (hex) + "\n" + JSON array of values + anchor hash (hex). */
export function purgeHash(previous: Buffer, values: readonly SqlValue[], anchorHash: Buffer): Buffer {
  return sha256Once(
    'sha256',
    `kiosk-purge-log/1\n${previous.toString('hex')}\n${JSON.stringify([...values, anchorHash.toString('hex')])}`,
    'buffer',
  );
}

export type ChainVerification =
  | {
      ok: true;
      /** Confirmation rows checked. */
      rows: number;
      purges: number;
      /** Id and hash of the last purged row (0 and zeros when never purged): where the chain now starts. */
      anchorId: number;
      headId: number;
      headHash: string;
    }
  | {
      ok: false;
      rows: number;
      /** Where the first broken link is. */
      table: 'confirmations' | 'purges' | 'chain_head';
      id: number;
      reason: string;
    };

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Walks the purge records, then every confirmation row from the anchor the last purge left, then the stored
 * head. Reports the first link that does not hold: a changed row (hash mismatch), a deleted row (id gap or
 * mismatch of the next row), an inserted row (id or hash mismatch), or a truncated tail (head mismatch).
 */
export function verifyChain(db: Database.Database): ChainVerification {
  let anchorId = 0;
  let anchorHash: Buffer = GENESIS_HASH;
  let purges = 0;
  if (hasTable(db, 'purges')) {
    let previous: Buffer = GENESIS_HASH;
    const rows = db
      .prepare(`SELECT ${PURGE_COLUMNS_V1.join(', ')}, anchor_hash, hash FROM purges ORDER BY id`)
      .raw()
      .iterate() as Iterable<unknown[]>;
    for (const row of rows) {
      const values = row.slice(0, PURGE_COLUMNS_V1.length) as SqlValue[];
      const id = Number(values[0]);
      const rowAnchorId = Number(values[6]);
      const rowAnchorHash = row[PURGE_COLUMNS_V1.length] as Buffer;
      const hash = row[PURGE_COLUMNS_V1.length + 1] as Buffer;
      const fail = (reason: string): ChainVerification => ({
        ok: false,
        rows: 0,
        table: 'purges',
        id,
        reason,
      });
      if (id !== purges + 1) return fail(`purge record ${purges + 1} is missing (next is ${id})`);
      if (!purgeHash(previous, values, rowAnchorHash).equals(hash)) return fail('purge record hash mismatch');
      if (rowAnchorId < anchorId) return fail('purge anchor moves backwards');
      previous = hash;
      anchorId = rowAnchorId;
      anchorHash = rowAnchorHash;
      purges += 1;
    }
  }

  let expectedId = anchorId + 1;
  // Hashes travel as hex text: SQLite writes it in C, and no Buffer is made per row.
  let previous = anchorHash.toString('hex');
  let rows = 0;
  // SQLite's json_array() gives the same text as JSON.stringify for the values the log stores (integers and
  // text; only control characters are escaped differently), and reading one string per row is far cheaper
  // than forty columns. A row whose hash does not match is re-checked from its columns in JavaScript, so
  // this shortcut never causes a false alarm.
  const iterator = db
    .prepare(
      `SELECT id, json_array(${CHAIN_COLUMNS_V1.join(', ')}), chain_format, lower(hex(hash)) FROM confirmations ORDER BY id`,
    )
    .raw()
    .iterate() as Iterable<[number, string, unknown, string]>;
  const columnsOf = db.prepare(`SELECT ${CHAIN_COLUMNS_V1.join(', ')} FROM confirmations WHERE id = ?`).raw();
  for (const [id, json, format, hash] of iterator) {
    const fail = (reason: string): ChainVerification => ({
      ok: false,
      rows,
      table: 'confirmations',
      id,
      reason,
    });
    if (format !== CHAIN_FORMAT) return fail(`unknown chain format ${String(format)}`);
    if (id < expectedId) {
      return fail(
        id <= anchorId ? `row ${id} is at or before the purge anchor ${anchorId}` : 'row out of sequence',
      );
    }
    if (id > expectedId) {
      return fail(
        expectedId === anchorId + 1 && rows === 0
          ? `rows ${expectedId}–${id - 1} are missing after the purge anchor ${anchorId}`
          : `rows ${expectedId}–${id - 1} are missing (deleted)`,
      );
    }
    if (
      confirmationHexOfJson(previous, json) !== hash &&
      confirmationHash(Buffer.from(previous, 'hex'), columnsOf.get(id) as SqlValue[]).toString('hex') !== hash
    ) {
      return fail('hash mismatch: this row was changed, or the row before it was changed or replaced');
    }
    previous = hash;
    expectedId += 1;
    rows += 1;
  }

  const headId = expectedId - 1;
  const head = db.prepare('SELECT last_id, last_hash FROM chain_head').get() as
    { last_id: number; last_hash: Buffer } | undefined;
  if (!head) return { ok: false, rows, table: 'chain_head', id: 0, reason: 'chain head is missing' };
  if (head.last_id !== headId || head.last_hash.toString('hex') !== previous) {
    return {
      ok: false,
      rows,
      table: 'chain_head',
      id: head.last_id,
      reason:
        head.last_id > headId
          ? `rows ${headId + 1}–${head.last_id} are missing at the end (deleted)`
          : `the head records row ${head.last_id} but the chain ends at row ${headId}`,
    };
  }
  return { ok: true, rows, purges, anchorId, headId, headHash: previous };
}
