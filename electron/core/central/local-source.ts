// Reads what the replicator ships from the local SQLite log, on its own read-only connection.
import { CHAIN_COLUMNS_V1, GENESIS_HASH, PURGE_COLUMNS_V1, type SqlValue } from '../log/hash-chain';
import { openPlainConnection, type LogDatabase } from '../log/open-database';
import { CentralError } from './central-error';

/** A confirmation row as shipped: the chained values (CHAIN_COLUMNS_V1 order), its format, and both hashes. */
export interface ShippedRow {
  id: number;
  chainFormat: number;
  values: SqlValue[];
  prevHash: Buffer;
  hash: Buffer;
  recordedAt: string;
}

/** A purge record as shipped: the chained values (PURGE_COLUMNS_V1 order), its anchor and both hashes. */
export interface ShippedPurge {
  id: number;
  chainFormat: number;
  values: SqlValue[];
  anchorHash: Buffer;
  prevHash: Buffer;
  hash: Buffer;
}

export interface LocalLogSource {
  /** Up to `limit` rows after `afterId`, in id order, each with the hash of the row it is chained to. */
  rowsAfter(afterId: number, limit: number): ShippedRow[];
  /** Every purge record after `afterId`, in order. */
  purgesAfter(afterId: number): ShippedPurge[];
  /** The last row id of the local chain (0 for an empty log). */
  headId(): number;
  /** When the row after `afterId` was recorded (ISO), or undefined when there is none: the lag's start. */
  oldestUnshippedAt(afterId: number): string | undefined;
  close(): void;
}

function hasColumn(db: LogDatabase, table: string, column: string): boolean {
  return db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(table, column) !== undefined;
}

/** Opens the log file read-only, beside the kiosk's own connection (WAL lets both run at once). */
export function openLocalLogSource(logPath: string): LocalLogSource {
  const db = openPlainConnection(logPath, { readonly: true });
  const rows = db
    .prepare(
      `SELECT chain_format, ${CHAIN_COLUMNS_V1.join(', ')}, hash FROM confirmations WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .raw();
  const hashOf = db.prepare('SELECT hash FROM confirmations WHERE id = ?').pluck();
  const anchorAt = db
    .prepare('SELECT anchor_hash FROM purges WHERE anchor_id = ? ORDER BY id DESC LIMIT 1')
    .pluck();
  const purgeFormat = hasColumn(db, 'purges', 'chain_format') ? 'chain_format' : '1';
  const purges = db
    .prepare(
      `SELECT ${purgeFormat}, ${PURGE_COLUMNS_V1.join(', ')}, anchor_hash, hash FROM purges WHERE id > ? ORDER BY id`,
    )
    .raw();
  const purgeHashOf = db.prepare('SELECT hash FROM purges WHERE id = ?').pluck();
  const head = db.prepare('SELECT last_id FROM chain_head').pluck();
  const recordedAfter = db
    .prepare('SELECT recorded_at FROM confirmations WHERE id > ? ORDER BY id LIMIT 1')
    .pluck();

  /**
   * The hash row `id` is chained to: the row before it, or, where that row was purged, the anchor the purge
   * record left (electron/core/log/README.md, "Hash chain"); the genesis hash before row 1.
   */
  const previousOf = (id: number): Buffer => {
    const before = hashOf.get(id - 1) as Buffer | undefined;
    if (before) return before;
    const anchor = anchorAt.get(id - 1) as Buffer | undefined;
    if (anchor) return anchor;
    if (id === 1) return GENESIS_HASH;
    throw new CentralError(
      'central.local-gap',
      `the local log has no row ${id - 1} and no purge anchored there`,
    );
  };

  return {
    rowsAfter(afterId, limit) {
      const raw = rows.all(afterId, limit) as unknown[][];
      const out: ShippedRow[] = [];
      let previous: Buffer | undefined;
      for (const r of raw) {
        const values = r.slice(1, 1 + CHAIN_COLUMNS_V1.length) as SqlValue[];
        const id = Number(values[0]);
        const last = out.at(-1);
        if (last && id !== last.id + 1) {
          throw new CentralError('central.local-gap', `the local log jumps from row ${last.id} to row ${id}`);
        }
        const prevHash = previous ?? previousOf(id);
        const hash = r[1 + CHAIN_COLUMNS_V1.length] as Buffer;
        out.push({ id, chainFormat: Number(r[0]), values, prevHash, hash, recordedAt: String(values[1]) });
        previous = hash;
      }
      return out;
    },
    purgesAfter(afterId) {
      const raw = purges.all(afterId) as unknown[][];
      let previous: Buffer | undefined;
      return raw.map((r) => {
        const values = r.slice(1, 1 + PURGE_COLUMNS_V1.length) as SqlValue[];
        const id = Number(values[0]);
        const prevHash =
          previous ?? (id === 1 ? GENESIS_HASH : (purgeHashOf.get(id - 1) as Buffer | undefined));
        if (!prevHash)
          throw new CentralError('central.local-gap', `the local log has no purge record ${id - 1}`);
        const hash = r[2 + PURGE_COLUMNS_V1.length] as Buffer;
        previous = hash;
        return {
          id,
          chainFormat: Number(r[0]),
          values,
          anchorHash: r[1 + PURGE_COLUMNS_V1.length] as Buffer,
          prevHash,
          hash,
        };
      });
    },
    headId() {
      return Number(head.get() ?? 0);
    },
    oldestUnshippedAt(afterId) {
      const at = recordedAfter.get(afterId) as string | undefined;
      return at;
    },
    close() {
      db.close();
    },
  };
}
