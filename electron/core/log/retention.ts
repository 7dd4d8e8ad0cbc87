// Retention: removes the oldest rows past the retention period and leaves a chained record of what it removed.
import type Database from 'better-sqlite3';
import {
  CHAIN_FORMAT,
  GENESIS_HASH,
  KEYED_CHAIN_FORMAT,
  keyedPurgeHash,
  PURGE_COLUMNS_V1,
  purgeHash,
  type SqlValue,
} from './hash-chain';
import { retentionCutoff } from './local-time';

export interface PurgeReport {
  /** Id of the purge record written. */
  purgeId: number;
  purgedAt: string;
  /** Rows whose local day is before this day were due. */
  cutoffDay: string;
  removed: number;
  firstRemovedId?: number;
  lastRemovedId?: number;
  /** Where the chain now starts: the last removed row (or the previous anchor when nothing was removed). */
  anchorId: number;
}

/**
 * Deletes, in one transaction, the longest run of rows from the start of the chain whose day is before
 * `today − retentionDays`, so what remains is still one unbroken chain; a row past the period that follows a
 * newer one (the clock was set back) waits until the rows before it go. Writes a purge record either way,
 * before deleting: under the log key (`key`) it is MACed, and the purge window the delete trigger requires
 * names that record, so `verifyChain` finds any deletion not covered by a keyed record.
 */
export function purgeExpired(
  db: Database.Database,
  input: { now: Date; today: string; retentionDays: number; key?: Buffer },
): PurgeReport {
  const cutoffDay = retentionCutoff(input.today, input.retentionDays);
  const run = db.transaction((): PurgeReport => {
    const last = db.prepare('SELECT id, anchor_id, hash FROM purges ORDER BY id DESC LIMIT 1').get() as
      { id: number; anchor_id: number; hash: Buffer } | undefined;
    const head = db.prepare('SELECT last_id FROM chain_head').get() as { last_id: number };
    const firstKept = db
      .prepare('SELECT id FROM confirmations WHERE day >= ? ORDER BY id LIMIT 1')
      .pluck()
      .get(cutoffDay) as number | undefined;
    const previousAnchorId = last?.anchor_id ?? 0;
    const upto = firstKept === undefined ? head.last_id : firstKept - 1;

    let anchorId = previousAnchorId;
    let anchorHash = last
      ? (db.prepare('SELECT anchor_hash FROM purges WHERE id = ?').pluck().get(last.id) as Buffer)
      : GENESIS_HASH;
    let removed = 0;
    let firstRemovedId: number | undefined;
    if (upto > previousAnchorId) {
      const range = db
        .prepare('SELECT count(*) AS n, min(id) AS first FROM confirmations WHERE id <= ?')
        .get(upto) as { n: number; first: number | null };
      const hash = db.prepare('SELECT hash FROM confirmations WHERE id = ?').pluck().get(upto) as
        Buffer | undefined;
      if (hash && range.n > 0) {
        removed = range.n;
        firstRemovedId = range.first ?? undefined;
        anchorId = upto;
        anchorHash = hash;
      }
    }

    // The record first: it names the cutoff, the count and the last removed row's hash, and the trigger
    // lets the window open only for the newest record, up to exactly that row.
    const purgeId = (last?.id ?? 0) + 1;
    const purgedAt = input.now.toISOString();
    const values: SqlValue[] = [
      purgeId,
      purgedAt,
      cutoffDay,
      removed,
      firstRemovedId ?? null,
      removed ? anchorId : null,
      anchorId,
    ];
    const previous = last?.hash ?? GENESIS_HASH;
    const hash = input.key
      ? keyedPurgeHash(input.key, previous, values, anchorHash)
      : purgeHash(previous, values, anchorHash);
    db.prepare(
      `INSERT INTO purges (${PURGE_COLUMNS_V1.join(', ')}, anchor_hash, hash, chain_format) VALUES (${PURGE_COLUMNS_V1.map(() => '?').join(', ')}, ?, ?, ?)`,
    ).run(...values, anchorHash, hash, input.key ? KEYED_CHAIN_FORMAT : CHAIN_FORMAT);
    if (removed > 0) {
      db.prepare('INSERT INTO purge_window (purge_id, upto_id) VALUES (?, ?)').run(purgeId, anchorId);
      db.prepare('DELETE FROM confirmations WHERE id <= ?').run(anchorId);
      db.prepare('DELETE FROM purge_window').run();
    }

    // Issued reception numbers matter only within their day; those past the period go with their rows.
    db.prepare('DELETE FROM reception_numbers WHERE day < ?').run(cutoffDay);

    return {
      purgeId,
      purgedAt,
      cutoffDay,
      removed,
      ...(firstRemovedId === undefined ? {} : { firstRemovedId, lastRemovedId: anchorId }),
      anchorId,
    };
  });
  return run.immediate();
}
