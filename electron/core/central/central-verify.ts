// Checks every terminal's chain in the central record: continuity always, row hashes where the row is unkeyed.
import type { ClientBase } from 'pg';
import {
  CHAIN_FORMAT,
  confirmationHash,
  GENESIS_HASH,
  KEYED_CHAIN_FORMAT,
  purgeHash,
  type SqlValue,
} from '../log/hash-chain';
import { asLogValue, CENTRAL_COLUMNS } from './central-columns';

export type TerminalVerification =
  | {
      terminalId: string;
      ok: true;
      rows: number;
      /** Rows whose hash was recomputed from their fields (chain format 1). */
      recomputed: number;
      /** Rows keyed with the terminal's secret: only their links were checked (the MAC needs the key). */
      keyedLinksOnly: number;
      purges: number;
      /** Row ids missing centrally because the terminal purged them before shipping (each covered by a purge record). */
      purgedBeforeShipping: number;
      headId: number;
    }
  | {
      terminalId: string;
      ok: false;
      table: 'confirmations' | 'purges' | 'chain_heads';
      localId: number;
      reason: string;
    };

const PAGE = 5_000;

interface PurgeSpan {
  first: number;
  last: number;
  anchorId: number;
  anchorHash: Buffer;
}

/** True when every id from `from` to `to` lies in a range some purge record says it removed. */
function coveredByPurges(from: number, to: number, spans: readonly PurgeSpan[]): boolean {
  let next = from;
  for (const span of [...spans].sort((a, b) => a.first - b.first)) {
    if (span.first <= next && span.last >= next) next = span.last + 1;
    if (next > to) return true;
  }
  return next > to;
}

async function verifyPurges(
  client: ClientBase,
  terminalId: string,
): Promise<{ spans: PurgeSpan[]; count: number } | TerminalVerification> {
  const { rows } = await client.query<{
    local_id: string;
    chain_format: number;
    purged_at: string;
    cutoff_day: string;
    removed_count: string;
    first_removed_id: string | null;
    last_removed_id: string | null;
    anchor_id: string;
    anchor_hash: Buffer;
    prev_hash: Buffer;
    hash: Buffer;
  }>(
    `SELECT local_id, chain_format, purged_at, cutoff_day, removed_count, first_removed_id, last_removed_id,
            anchor_id, anchor_hash, prev_hash, hash
     FROM kiosk_central.purges WHERE terminal_id = $1 ORDER BY local_id`,
    [terminalId],
  );
  const spans: PurgeSpan[] = [];
  let previous: Buffer = GENESIS_HASH;
  let keyedSeen = false;
  let expected = 1;
  for (const row of rows) {
    const id = Number(row.local_id);
    const fail = (reason: string): TerminalVerification => ({
      terminalId,
      ok: false,
      table: 'purges',
      localId: id,
      reason,
    });
    if (id !== expected) return fail(`purge record ${expected} is missing`);
    if (!row.prev_hash.equals(previous))
      return fail('previous hash is not the hash of the purge record before it');
    const num = (text: string | null): number | null => (text === null ? null : Number(text));
    const values: SqlValue[] = [
      id,
      row.purged_at,
      row.cutoff_day,
      Number(row.removed_count),
      num(row.first_removed_id),
      num(row.last_removed_id),
      Number(row.anchor_id),
    ];
    if (row.chain_format === CHAIN_FORMAT) {
      if (keyedSeen) return fail('an unkeyed purge record after keyed ones (a downgrade)');
      if (!purgeHash(previous, values, row.anchor_hash).equals(row.hash))
        return fail('purge record hash mismatch');
    } else if (row.chain_format === KEYED_CHAIN_FORMAT) {
      keyedSeen = true;
    } else return fail(`unknown chain format ${row.chain_format}`);
    if (row.first_removed_id !== null && row.last_removed_id !== null) {
      spans.push({
        first: Number(row.first_removed_id),
        last: Number(row.last_removed_id),
        anchorId: Number(row.anchor_id),
        anchorHash: row.anchor_hash,
      });
    }
    previous = row.hash;
    expected += 1;
  }
  return { spans, count: rows.length };
}

/** Verifies one terminal's central chain, reading its rows in pages. */
export async function verifyTerminal(client: ClientBase, terminalId: string): Promise<TerminalVerification> {
  const purged = await verifyPurges(client, terminalId);
  if ('terminalId' in purged) return purged;
  const { spans } = purged;
  let last: { id: number; hash: Buffer } | undefined;
  let rows = 0;
  let recomputed = 0;
  let keyedLinksOnly = 0;
  let purgedBeforeShipping = 0;
  let keyedSeen = false;
  const select = `SELECT chain_format, ${CENTRAL_COLUMNS.map((c) => c.central).join(', ')}, prev_hash, hash
    FROM kiosk_central.confirmations WHERE terminal_id = $1 AND local_id > $2 ORDER BY local_id LIMIT ${PAGE}`;
  for (;;) {
    const page = await client.query<Record<string, unknown>>(select, [terminalId, last?.id ?? 0]);
    for (const row of page.rows) {
      const values = CENTRAL_COLUMNS.map((c) => asLogValue(c, row[c.central]));
      const id = Number(values[0]);
      const prevHash = row.prev_hash as Buffer;
      const hash = row.hash as Buffer;
      const format = Number(row.chain_format);
      const fail = (reason: string): TerminalVerification => ({
        terminalId,
        ok: false,
        table: 'confirmations',
        localId: id,
        reason,
      });
      const expectedId = (last?.id ?? 0) + 1;
      if (id === expectedId) {
        const previous = last?.hash ?? GENESIS_HASH;
        if (!prevHash.equals(previous)) return fail('previous hash is not the hash of the row before it');
      } else {
        // Rows missing before this one: allowed only where purge records say the terminal removed them.
        const anchored = spans.some((s) => s.anchorId === id - 1 && s.anchorHash.equals(prevHash));
        if (!anchored || !coveredByPurges(expectedId, id - 1, spans)) {
          return fail(`rows ${expectedId}–${id - 1} are missing and no purge record accounts for them`);
        }
        purgedBeforeShipping += id - expectedId;
      }
      if (format === CHAIN_FORMAT) {
        if (keyedSeen) return fail('an unkeyed row after keyed rows (a downgrade)');
        if (!confirmationHash(prevHash, values).equals(hash)) {
          return fail('hash mismatch: the row differs from what the terminal chained');
        }
        recomputed += 1;
      } else if (format === KEYED_CHAIN_FORMAT) {
        keyedSeen = true;
        keyedLinksOnly += 1;
      } else return fail(`unknown chain format ${format}`);
      last = { id, hash };
      rows += 1;
    }
    if (page.rows.length < PAGE) break;
  }
  const head = await client.query<{ last_id: string; last_hash: Buffer }>(
    'SELECT last_id, last_hash FROM kiosk_central.chain_heads WHERE terminal_id = $1',
    [terminalId],
  );
  const recorded = head.rows[0];
  const headId = last?.id ?? 0;
  if (
    recorded
      ? Number(recorded.last_id) !== headId || !recorded.last_hash.equals(last?.hash ?? GENESIS_HASH)
      : headId !== 0
  ) {
    return {
      terminalId,
      ok: false,
      table: 'chain_heads',
      localId: recorded ? Number(recorded.last_id) : 0,
      reason: `the recorded head is not the last row (${headId}): rows were removed or added behind the triggers`,
    };
  }
  return {
    terminalId,
    ok: true,
    rows,
    recomputed,
    keyedLinksOnly,
    purges: purged.count,
    purgedBeforeShipping,
    headId,
  };
}

/** Verifies every terminal ever registered, retired ones included. */
export async function verifyCentral(client: ClientBase): Promise<TerminalVerification[]> {
  const terminals = await client.query<{ terminal_id: string }>(
    'SELECT terminal_id FROM kiosk_central.terminals ORDER BY terminal_id',
  );
  const results: TerminalVerification[] = [];
  for (const { terminal_id } of terminals.rows) results.push(await verifyTerminal(client, terminal_id));
  return results;
}
