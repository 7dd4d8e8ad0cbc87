// Verification of a log file: the key start, the purge records, every row from the last purge's anchor, the head.
import { timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { JST_UTC_OFFSET_MINUTES } from '../../common/vocabulary';
import { keyIdOf } from './chain-key';
import {
  CHAIN_COLUMNS_V1,
  CHAIN_FORMAT,
  GENESIS_HASH,
  KEYED_CHAIN_FORMAT,
  PURGE_COLUMNS_V1,
  confirmationHash,
  confirmationHexOfJson,
  keyedConfirmationHash,
  keyedConfirmationHexOfJson,
  keyedPurgeHash,
  purgeHash,
  type SqlValue,
} from './hash-chain';
import { hasTable, keyStartMac, readKeyStart } from './key-start';
import { retentionCutoff } from './local-time';

/** What verification needs besides the file: the key, and the retention in force to judge purges against. */
export interface VerifyOptions {
  key?: Buffer;
  /** The retention in force (`log.retentionDays`); without it purge cutoffs are not judged. */
  retentionDays?: number;
  /** The clinic's UTC offset in minutes (its days); default +09:00. */
  utcOffsetMinutes?: number;
}

/** Why a verification failed: a broken link, a key that is not this log's, a keyed log without a key, or a purge too early. */
export type VerifyProblem = 'broken' | 'wrong-key' | 'key-needed' | 'retention';

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
      /** First keyed row id (rows before it were chained without a key); undefined for a log never keyed. */
      keyedFromId?: number;
      /** Rows checked that were chained before the key was installed (format 1). */
      unkeyedRows: number;
    }
  | {
      ok: false;
      rows: number;
      /** Where the first broken link is. */
      table: 'confirmations' | 'purges' | 'chain_head' | 'chain_key' | 'purge_window';
      id: number;
      reason: string;
      problem: VerifyProblem;
    };

/** The clinic day (yyyy-MM-dd) of an ISO instant at a UTC offset. */
function dayAt(iso: string, offsetMinutes: number): string {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The latest cutoff the retention rule allows for a purge at `purgedAt` (the rule `purgeExpired` applies,
 * retention.ts): rows of days before the clinic day of the purge minus `retentionDays`.
 */
export function latestAllowedCutoff(purgedAt: string, retentionDays: number, offsetMinutes: number): string {
  return retentionCutoff(dayAt(purgedAt, offsetMinutes), retentionDays);
}

function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Walks the key-start record, the purge records, then every confirmation row from the anchor the last purge
 * left, then the stored head. Reports the first link that does not hold: a changed row (hash mismatch), a
 * deleted row (id gap or mismatch of the next row), an inserted row (id or hash mismatch), a truncated tail
 * (head mismatch), a purge record without a valid MAC, a purge window left behind, or a purge that cut off
 * rows the retention in force still keeps. Rows before the key start verify as unkeyed, not as tampering.
 */
export function verifyChain(db: Database.Database, options: VerifyOptions = {}): ChainVerification {
  const { key } = options;
  const offset = options.utcOffsetMinutes ?? JST_UTC_OFFSET_MINUTES;
  const start = readKeyStart(db);
  if (!start && key) {
    return {
      ok: false,
      rows: 0,
      table: 'chain_key',
      id: 0,
      reason: 'no key start: this log was never opened with a key, or its keyed part was removed',
      problem: 'broken',
    };
  }
  if (start) {
    const keyFail = (problem: VerifyProblem, reason: string): ChainVerification => ({
      ok: false,
      rows: 0,
      table: 'chain_key',
      id: 1,
      reason,
      problem,
    });
    if (!key) return keyFail('key-needed', 'this log is keyed: verify it with its key');
    if (start.keyId !== keyIdOf(key)) return keyFail('wrong-key', 'the key given is not the key of this log');
    if (!equalBytes(keyStartMac(key, start), start.mac)) {
      return keyFail('broken', 'the key-start record was changed');
    }
  }
  if (hasTable(db, 'purge_window')) {
    const open = db.prepare('SELECT count(*) FROM purge_window').pluck().get() as number;
    if (open > 0) {
      return {
        ok: false,
        rows: 0,
        table: 'purge_window',
        id: 0,
        reason: 'a purge window was left open (rows can be deleted outside a purge)',
        problem: 'broken',
      };
    }
  }

  let anchorId = 0;
  let anchorHash: Buffer = GENESIS_HASH;
  let purges = 0;
  if (hasTable(db, 'purges')) {
    const keyedColumn = db
      .prepare("SELECT 1 FROM pragma_table_info('purges') WHERE name = 'chain_format'")
      .get();
    let previous: Buffer = GENESIS_HASH;
    let previousAt = '';
    const rows = db
      .prepare(
        `SELECT ${PURGE_COLUMNS_V1.join(', ')}, anchor_hash, hash, ${keyedColumn ? 'chain_format' : '1'} FROM purges ORDER BY id`,
      )
      .raw()
      .iterate() as Iterable<unknown[]>;
    for (const row of rows) {
      const values = row.slice(0, PURGE_COLUMNS_V1.length) as SqlValue[];
      const [rawId, purgedAt, cutoffDay, removedCount, firstRemoved, lastRemoved, rawAnchorId] = values;
      const id = Number(rawId);
      const rowAnchorId = Number(rawAnchorId);
      const rowAnchorHash = row[PURGE_COLUMNS_V1.length] as Buffer;
      const hash = row[PURGE_COLUMNS_V1.length + 1] as Buffer;
      const format = Number(row[PURGE_COLUMNS_V1.length + 2]);
      const fail = (reason: string, problem: VerifyProblem = 'broken'): ChainVerification => ({
        ok: false,
        rows: 0,
        table: 'purges',
        id,
        reason,
        problem,
      });
      if (id !== purges + 1) return fail(`purge record ${purges + 1} is missing (next is ${id})`);
      const keyed = start !== undefined && id >= start.startPurgeId;
      if (start && id === start.startPurgeId && !previous.equals(start.startPurgeHash)) {
        return fail('the purge records before the key start were changed');
      }
      if (keyed) {
        if (format !== KEYED_CHAIN_FORMAT || !key) return fail('purge record without the log key (forged)');
        if (!equalBytes(keyedPurgeHash(key, previous, values, rowAnchorHash), hash)) {
          return fail('purge record MAC mismatch (forged or changed)');
        }
      } else {
        if (format !== CHAIN_FORMAT) return fail(`unexpected chain format ${format}`);
        if (!purgeHash(previous, values, rowAnchorHash).equals(hash))
          return fail('purge record hash mismatch');
      }
      if (typeof purgedAt !== 'string' || purgedAt < previousAt) return fail('purge records out of order');
      if (rowAnchorId < anchorId) return fail('purge anchor moves backwards');
      const removed = Number(removedCount);
      const consistent =
        removed === 0
          ? rowAnchorId === anchorId && firstRemoved === null && lastRemoved === null
          : firstRemoved === anchorId + 1 &&
            lastRemoved === rowAnchorId &&
            removed === rowAnchorId - anchorId;
      if (!consistent) return fail('purge record does not match the rows it removed');
      if (
        removed > 0 &&
        options.retentionDays !== undefined &&
        typeof cutoffDay === 'string' &&
        cutoffDay > latestAllowedCutoff(purgedAt, options.retentionDays, offset)
      ) {
        return fail(
          `purge removed rows before ${cutoffDay}, younger than a retention of ${options.retentionDays} days allows ` +
            `(at most before ${latestAllowedCutoff(purgedAt, options.retentionDays, offset)})`,
          'retention',
        );
      }
      previous = hash;
      previousAt = purgedAt;
      anchorId = rowAnchorId;
      anchorHash = rowAnchorHash;
      purges += 1;
    }
    if (start && purges + 1 === start.startPurgeId && !previous.equals(start.startPurgeHash)) {
      return {
        ok: false,
        rows: 0,
        table: 'purges',
        id: purges,
        reason: 'the purge records before the key start were changed',
        problem: 'broken',
      };
    }
    if (start && purges + 1 < start.startPurgeId) {
      return {
        ok: false,
        rows: 0,
        table: 'purges',
        id: purges + 1,
        reason: `purge records ${purges + 1}–${start.startPurgeId - 1} are missing`,
        problem: 'broken',
      };
    }
  }

  let expectedId = anchorId + 1;
  // Hashes travel as hex text: SQLite writes it in C, and no Buffer is made per row.
  let previous = anchorHash.toString('hex');
  let rows = 0;
  let unkeyedRows = 0;
  const startHashHex = start?.startHash.toString('hex');
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
      problem: 'broken',
    });
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
    if (start && id === start.startId && previous !== startHashHex) {
      return fail('the rows before the key start were changed');
    }
    if (start && id >= start.startId) {
      // Checked by the caller above: a keyed log is only walked with its key.
      const rowKey = key as Buffer;
      if (format !== KEYED_CHAIN_FORMAT) return fail('row without the log key after the key start (forged)');
      if (
        keyedConfirmationHexOfJson(rowKey, previous, json) !== hash &&
        keyedConfirmationHash(rowKey, Buffer.from(previous, 'hex'), columnsOf.get(id) as SqlValue[]).toString(
          'hex',
        ) !== hash
      ) {
        return fail('MAC mismatch: this row was changed, or the row before it was changed or replaced');
      }
    } else {
      if (format !== CHAIN_FORMAT) return fail(`unexpected chain format ${String(format)}`);
      if (
        confirmationHexOfJson(previous, json) !== hash &&
        confirmationHash(Buffer.from(previous, 'hex'), columnsOf.get(id) as SqlValue[]).toString('hex') !==
          hash
      ) {
        return fail('hash mismatch: this row was changed, or the row before it was changed or replaced');
      }
      unkeyedRows += 1;
    }
    previous = hash;
    expectedId += 1;
    rows += 1;
  }

  const headId = expectedId - 1;
  const brokenHead = (id: number, reason: string): ChainVerification => ({
    ok: false,
    rows,
    table: 'chain_head',
    id,
    reason,
    problem: 'broken',
  });
  if (start && expectedId === start.startId && previous !== startHashHex) {
    return brokenHead(headId, 'the rows before the key start were changed');
  }
  if (start && expectedId < start.startId) {
    return brokenHead(headId, `rows ${expectedId}–${start.startId - 1} are missing before the key start`);
  }
  const head = db.prepare('SELECT last_id, last_hash FROM chain_head').get() as
    { last_id: number; last_hash: Buffer } | undefined;
  if (!head) return brokenHead(0, 'chain head is missing');
  if (head.last_id !== headId || head.last_hash.toString('hex') !== previous) {
    return brokenHead(
      head.last_id,
      head.last_id > headId
        ? `rows ${headId + 1}–${head.last_id} are missing at the end (deleted)`
        : `the head records row ${head.last_id} but the chain ends at row ${headId}`,
    );
  }
  return {
    ok: true,
    rows,
    purges,
    anchorId,
    headId,
    headHash: previous,
    ...(start ? { keyedFromId: start.startId } : {}),
    unkeyedRows,
  };
}
