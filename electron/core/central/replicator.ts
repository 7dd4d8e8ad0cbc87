// Ships the local log's rows to the central PostgreSQL in order and idempotently; the kiosk never waits on it.
import { setTimeout as sleepFor } from 'node:timers/promises';
import type pg from 'pg';
import { CENTRAL_COLUMNS } from './central-columns';
import { CentralError, type CentralErrorCode } from './central-error';
import type { LocalLogSource, ShippedPurge, ShippedRow } from './local-source';
import type { ReplicationMarks, ReplicationStateStore } from './replication-state';

/** A part's health as the heartbeat reports it. */
export type PartHealth = 'up' | 'down' | 'unknown';
export interface TerminalHealth {
  reader: PartHealth;
  gateway: PartHealth;
  log: PartHealth;
}

/** Something at the terminal that needs staff now: shipped as an event row the clinic view hears by NOTIFY. */
export interface StaffNeed {
  kind: 'visual-pending' | 'card-left' | 'out-of-service';
  /** The reader it concerns; '' for the whole terminal. */
  reader: string;
}

/** A connected client the replicator owns until it closes it. */
export type CentralClient = pg.Client;

/** How long a goodbye to the server may take before the socket is simply closed. */
const CLOSE_GRACE_MS = 1_000;

/** Closes politely when the link works, and at once when it is stalled (a goodbye that never leaves). */
export async function closeClient(client: CentralClient): Promise<void> {
  await Promise.race([client.end().catch(() => undefined), sleepFor(CLOSE_GRACE_MS)]);
  client.connection.stream.destroy();
}

export type ReplicationState = 'ok' | CentralErrorCode;

export interface ReplicationStatus {
  state: ReplicationState;
  /** What went wrong, for staff and the log of the app (never row contents). */
  detail: string;
  shippedId: number;
  shippedPurgeId: number;
}

export interface ReplicatorOptions {
  source: LocalLogSource;
  state: ReplicationStateStore;
  /** Opens and connects a client (a new one after every failure); gives up when `signal` aborts. */
  connect: (signal: AbortSignal) => Promise<CentralClient>;
  /** Milliseconds since the epoch (the clinic clock's). */
  nowMs: () => number;
  health?: () => TerminalHealth;
  /** What needs staff at the terminal now (目視確認 waiting, a card left, out of service); default nothing. */
  staffNeeded?: () => readonly StaffNeed[];
  batchSize?: number;
  heartbeatMs?: number;
  /** How often to look for new local rows when the backlog is empty. */
  pollMs?: number;
  /** Waits after a failure to reach the server: doubling from `initialMs` up to `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
  /** Told every change of state (server away, back, a refused row). */
  onStatus?: (status: ReplicationStatus) => void;
}

export interface Replicator {
  /** Runs until `signal` aborts; resolves then (never rejects). */
  run(signal: AbortSignal): Promise<void>;
  status(): ReplicationStatus;
  /** Something changed at the terminal (a staff need): ends the idle wait, so it is shipped at once. */
  nudge(): void;
}

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_HEARTBEAT_MS = 60_000;
export const DEFAULT_POLL_MS = 2_000;
export const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 60_000 } as const;

const UNKNOWN_HEALTH: TerminalHealth = { reader: 'unknown', gateway: 'unknown', log: 'unknown' };

const hex = (bytes: Buffer): string => `\\x${bytes.toString('hex')}`;

const needKey = (need: StaffNeed): string => `${need.kind}\u0000${need.reader}`;

/** The event rows that take the central picture from `shipped` to `now`: raised ones, then cleared ones. */
export function staffEventChanges(
  shipped: ReadonlyMap<string, StaffNeed>,
  now: readonly StaffNeed[],
): Array<StaffNeed & { active: boolean }> {
  const current = new Map(now.map((need) => [needKey(need), need]));
  const raised = [...current]
    .filter(([key]) => !shipped.has(key))
    .map(([, need]) => ({ ...need, active: true }));
  const cleared = [...shipped]
    .filter(([key]) => !current.has(key))
    .map(([, need]) => ({ ...need, active: false }));
  return [...raised, ...cleared];
}

const eventInsert = `INSERT INTO kiosk_central.events (kind, reader, active, sent_at)
  SELECT kind, reader, active, sent_at FROM json_populate_recordset(NULL::kiosk_central.events, $1::json)`;

const rowInsert = `INSERT INTO kiosk_central.confirmations (chain_format, ${CENTRAL_COLUMNS.map((c) => c.central).join(', ')}, prev_hash, hash)
  SELECT chain_format, ${CENTRAL_COLUMNS.map((c) => c.central).join(', ')}, prev_hash, hash
  FROM json_populate_recordset(NULL::kiosk_central.confirmations, $1::json) ORDER BY local_id
  ON CONFLICT DO NOTHING`;

const purgeColumns =
  'local_id, chain_format, purged_at, cutoff_day, removed_count, first_removed_id, last_removed_id, anchor_id, anchor_hash, prev_hash, hash';
const purgeInsert = `INSERT INTO kiosk_central.purges (${purgeColumns})
  SELECT ${purgeColumns} FROM json_populate_recordset(NULL::kiosk_central.purges, $1::json) ORDER BY local_id
  ON CONFLICT DO NOTHING`;

function rowJson(row: ShippedRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    chain_format: row.chainFormat,
    prev_hash: hex(row.prevHash),
    hash: hex(row.hash),
  };
  CENTRAL_COLUMNS.forEach((column, i) => {
    out[column.central] = row.values[i] ?? null;
  });
  return out;
}

function purgeJson(purge: ShippedPurge): Record<string, unknown> {
  const [id, purgedAt, cutoffDay, removedCount, firstRemoved, lastRemoved, anchorId] = purge.values;
  return {
    local_id: id,
    chain_format: purge.chainFormat,
    purged_at: purgedAt,
    cutoff_day: cutoffDay,
    removed_count: removedCount,
    first_removed_id: firstRemoved,
    last_removed_id: lastRemoved,
    anchor_id: anchorId,
    anchor_hash: hex(purge.anchorHash),
    prev_hash: hex(purge.prevHash),
    hash: hex(purge.hash),
  };
}

/** Node's TLS verification failures (OpenSSL's X509 errors and the host-name check). */
const TLS_REFUSALS =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_[A-Z_]+)$/;

/** SQLSTATE classes that mean the server or the link is away, not that it refused something. */
const AWAY_CLASSES = new Set(['08', '53', '57', '58']);

/** What an error means for replication: the server away, a refused row, or a refused terminal. */
export function classifyCentralError(error: unknown): { code: CentralErrorCode; detail: string } {
  if (error instanceof CentralError) return { code: error.code, detail: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const sqlState = (error as { code?: unknown } | null)?.code;
  // A certificate that does not check out is a setting to fix (central.tls), not an outage to wait out.
  if (typeof sqlState === 'string' && TLS_REFUSALS.test(sqlState)) {
    return { code: 'central.refused', detail: `TLS: ${sqlState}: ${message}` };
  }
  if (typeof sqlState !== 'string' || !/^[0-9A-Z]{5}$/.test(sqlState)) {
    // Socket errors (ECONNREFUSED, ECONNRESET), a connect timeout, a query with no answer: the link.
    return { code: 'central.unreachable', detail: message };
  }
  if (sqlState === 'KC001') return { code: 'central.chain-break', detail: message };
  if (sqlState === 'KC002') return { code: 'central.tampering', detail: message };
  if (AWAY_CLASSES.has(sqlState.slice(0, 2))) return { code: 'central.unreachable', detail: message };
  // 42P01 / 42883: no central schema (central:migrate has not run); anything else: the terminal is refused.
  if (sqlState === '42P01' || sqlState === '42883') return { code: 'central.schema', detail: message };
  return { code: 'central.refused', detail: `${sqlState}: ${message}` };
}

export function createReplicator(options: ReplicatorOptions): Replicator {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let marks: ReplicationMarks = options.state.read();
  /** The staff needs the server has been told of in this run; undefined until this run's reset row is in. */
  let shippedNeeds: Map<string, StaffNeed> | undefined;
  let wake: (() => void) | undefined;
  /** A nudge that came while no wait was running: the next wait is skipped. */
  let nudgedMeanwhile = false;
  let status: ReplicationStatus = { state: 'ok', detail: '', ...marks };

  const setStatus = (state: ReplicationState, detail: string): void => {
    const changed = state !== status.state || detail !== status.detail;
    status = { state, detail, ...marks };
    if (changed) options.onStatus?.(status);
  };

  const commitMarks = (next: ReplicationMarks): void => {
    options.state.write(next);
    marks = next;
    status = { ...status, ...marks };
  };

  /** One transaction per batch: the batch lands whole or not at all, and the mark moves only after COMMIT. */
  const inTransaction = async (client: CentralClient, sql: string, json: unknown[]): Promise<void> => {
    await client.query('BEGIN');
    try {
      await client.query(sql, [JSON.stringify(json)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };

  /** Ships purge records, then rows in batches, until the local log has nothing more; returns how many. */
  const shipPending = async (client: CentralClient, signal: AbortSignal): Promise<number> => {
    let shipped = 0;
    // Purge records first: a row that follows a purge anchor is accepted centrally only after its purge record.
    const purges = options.source.purgesAfter(marks.shippedPurgeId);
    const lastPurge = purges.at(-1);
    if (lastPurge) {
      await inTransaction(client, purgeInsert, purges.map(purgeJson));
      commitMarks({ ...marks, shippedPurgeId: lastPurge.id });
      shipped += purges.length;
    }
    while (!signal.aborted) {
      const rows = options.source.rowsAfter(marks.shippedId, batchSize);
      const last = rows.at(-1);
      if (!last) break;
      await inTransaction(client, rowInsert, rows.map(rowJson));
      commitMarks({ ...marks, shippedId: last.id });
      shipped += rows.length;
    }
    return shipped;
  };

  /**
   * Ships the changes of the terminal's staff needs. A run starts with a `reset` row: whatever the server
   * held open for this terminal from before a restart is over.
   */
  const shipEvents = async (client: CentralClient): Promise<void> => {
    const sentAt = new Date(options.nowMs()).toISOString();
    const rows: Array<Record<string, unknown>> = [];
    if (shippedNeeds === undefined) rows.push({ kind: 'reset', reader: '', active: false, sent_at: sentAt });
    // A copy: what the server is told must stay what was shipped, whatever the caller's list does meanwhile.
    const now = [...(options.staffNeeded?.() ?? [])];
    const changes = staffEventChanges(shippedNeeds ?? new Map(), now);
    for (const change of changes) {
      rows.push({
        kind: change.kind,
        reader: change.reader.slice(0, 128),
        active: change.active,
        sent_at: sentAt,
      });
    }
    if (rows.length === 0) return;
    await client.query(eventInsert, [JSON.stringify(rows)]);
    shippedNeeds = new Map(now.map((need) => [needKey(need), need]));
  };

  const heartbeat = async (client: CentralClient): Promise<void> => {
    const now = options.nowMs();
    const head = options.source.headId();
    const oldest = options.source.oldestUnshippedAt(marks.shippedId);
    const oldestMs = oldest === undefined ? Number.NaN : Date.parse(oldest);
    const lagSeconds = Number.isFinite(oldestMs) ? Math.max(0, Math.round((now - oldestMs) / 1000)) : 0;
    const health = options.health?.() ?? UNKNOWN_HEALTH;
    await client.query(
      `INSERT INTO kiosk_central.heartbeats
         (sent_at, reader, gateway, log, local_head_id, shipped_id, lag_rows, lag_seconds, replication,
          interval_seconds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        new Date(now).toISOString(),
        health.reader,
        health.gateway,
        health.log,
        head,
        marks.shippedId,
        Math.max(0, head - marks.shippedId),
        lagSeconds,
        status.state,
        Math.max(1, Math.round(heartbeatMs / 1000)),
      ],
    );
  };

  /**
   * Waits `ms`, or less when stopped or (`nudgeable`, the idle wait) nudged. The wait after a failure is not
   * nudgeable: a staff event must not undo the backoff while the server is away.
   */
  const pause = async (ms: number, signal: AbortSignal, nudgeable = true): Promise<void> => {
    if (!nudgeable) {
      await sleepFor(ms, undefined, { signal }).catch(() => undefined);
      return;
    }
    if (nudgedMeanwhile) {
      nudgedMeanwhile = false;
      return;
    }
    const nudged = new AbortController();
    wake = () => nudged.abort();
    try {
      await sleepFor(ms, undefined, { signal: AbortSignal.any([signal, nudged.signal]) });
    } catch {
      // Aborted or nudged: the caller's loop sees the signal, or looks again at once.
    } finally {
      wake = undefined;
    }
  };

  return {
    status: () => status,
    nudge: () => {
      if (wake) wake();
      else nudgedMeanwhile = true;
    },
    async run(signal) {
      let failures = 0;
      while (!signal.aborted) {
        let client: CentralClient | undefined;
        // Stopping closes the socket, so a query waiting on a stalled link ends at once.
        const onAbort = (): void => {
          client?.connection.stream.destroy();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          client = await options.connect(signal);
          // An idle client's socket errors are reported on its next query; without a listener they would crash.
          client.on('error', () => undefined);
          if (signal.aborted) break;
          let lastBeat = Number.NEGATIVE_INFINITY;
          while (!signal.aborted) {
            const shipped = await shipPending(client, signal);
            await shipEvents(client);
            failures = 0;
            setStatus('ok', '');
            if (options.nowMs() - lastBeat >= heartbeatMs) {
              await heartbeat(client);
              lastBeat = options.nowMs();
            }
            if (shipped === 0) await pause(pollMs, signal);
          }
        } catch (error) {
          if (signal.aborted) break;
          const problem = classifyCentralError(error);
          setStatus(problem.code, problem.detail);
          failures += 1;
          if (problem.code !== 'central.unreachable' && client) {
            // The server is there but refused: tell it so in a heartbeat, the console's way of seeing it.
            await heartbeat(client).catch(() => undefined);
          }
          // A refused row or terminal does not fix itself: retry at the slowest pace until someone does.
          const wait =
            problem.code === 'central.unreachable'
              ? Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 30))
              : backoff.maxMs;
          if (client) await closeClient(client);
          client = undefined;
          await pause(wait, signal, false);
        } finally {
          signal.removeEventListener('abort', onAbort);
          if (client) await closeClient(client);
        }
      }
    },
  };
}
