// The staff console's clinic view: every terminal's confirmations, health and staff needs, read as the console role.
import { setTimeout as sleepFor } from 'node:timers/promises';
import type pg from 'pg';
import { z } from 'zod';
import {
  CLINIC_PAGE_MAX,
  ClinicNeedKind,
  type ClinicFilter,
  type ClinicPage,
  type ClinicTerminal,
} from '../../common/contract';
import type { ClinicClock } from '../clock/clinic-clock';
import { csvLine } from '../log/csv-export';
import { asLogValue, CENTRAL_COLUMNS } from './central-columns';
import { CentralError } from './central-error';
import { ROWS_CHANNEL, STAFF_EVENTS_CHANNEL } from './migrations/0002-staff-events';
import { CLINIC_CSV_HEADERS, clinicCsvCells, clinicCsvLine, type Values } from './clinic-csv';
import {
  HeartbeatRow,
  ListRow,
  NeedRow,
  filterSql,
  terminalState,
  toClinicRow,
  validateClinicRange,
} from './clinic-query';

/** Rows per page when the filter names none. */
export const CLINIC_PAGE_DEFAULT = 50;
/** The listening connection asks the server this often whether it is still there (a stalled link ends it). */
export const LISTEN_KEEPALIVE_MS = 15_000;
export const LISTEN_BACKOFF = { initialMs: 500, maxMs: 30_000 } as const;

/** What the clinic view reads with: a pg.Pool of the console role (or anything with its `query`). */
export interface ClinicQuery {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A staff need raised or cleared at a terminal, as the NOTIFY payload tells it (no personal data). */
export const ClinicStaffEvent = z
  .object({
    id: z.number().int().positive(),
    terminal: z.string().max(64),
    kind: z.union([ClinicNeedKind, z.literal('reset')]),
    reader: z.string().max(128),
    active: z.boolean(),
  })
  .strict();
export type ClinicStaffEvent = z.infer<typeof ClinicStaffEvent>;

export interface ClinicViewDeps {
  db: ClinicQuery;
  clock: ClinicClock;
  /** A new, connected client of the console role for LISTEN; `signal` aborts a connection attempt. */
  connectListener?: (signal: AbortSignal) => Promise<pg.Client>;
  keepaliveMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /**
   * The login role of this PC's own terminal (the user of `central.url`), when it is one: its terminal is
   * marked `own`, since its staff needs already reach this console from its own core.
   */
  ownRole?: string;
}

export interface ClinicListenHandlers {
  /** A staff need was raised or cleared at a terminal. */
  onEvent(event: ClinicStaffEvent): void;
  /** Rows arrived from a terminal: the console's list re-reads. */
  onRows?(): void;
  /** Listening (again): events may have been missed while away, so the console re-reads. */
  onConnected?(): void;
  /** The listening connection failed; it is retried with backoff. */
  onTrouble?(error: unknown): void;
}

export interface ClinicView {
  list(filter: ClinicFilter): Promise<ClinicPage>;
  terminals(): Promise<ClinicTerminal[]>;
  /** UTF-8 CSV (with BOM, for Excel) of every terminal's rows whose clinic day lies in [from, to]. */
  exportCsv(range: { from: string; to: string }): Promise<string>;
  /** LISTENs for staff needs until `signal` aborts, reconnecting with backoff; resolves then (never rejects). */
  listen(signal: AbortSignal, handlers: ClinicListenHandlers): Promise<void>;
}

export function createClinicView(deps: ClinicViewDeps): ClinicView {
  const { db, clock } = deps;
  const read = async <T>(schema: z.ZodType<T>, sql: string, params: unknown[] = []): Promise<T[]> => {
    let result: { rows: unknown[] };
    try {
      result = await db.query(sql, params);
    } catch (error) {
      throw new CentralError('central.unreachable', error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    return result.rows.map((row) => schema.parse(row));
  };

  return {
    async list(filter) {
      const { where, params, day } = filterSql(filter, clock.today());
      const limit = Math.min(filter.limit ?? CLINIC_PAGE_DEFAULT, CLINIC_PAGE_MAX);
      const offset = filter.offset ?? 0;
      const [count] = await read(
        z.object({ total: z.coerce.number() }),
        `SELECT count(*) AS total FROM kiosk_central.confirmations WHERE ${where}`,
        params,
      );
      const rows = await read(
        ListRow,
        `SELECT terminal_id, local_id, started_ms, reader, route, outcome, validity, error_code, insurer_number,
                number, name, name_kana, copay_tenths, staff_id, reception_number
         FROM kiosk_central.confirmations WHERE ${where}
         ORDER BY started_ms DESC, terminal_id, local_id DESC
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      );
      return { day, total: count?.total ?? 0, offset, rows: rows.map((row) => toClinicRow(row, clock)) };
    },

    async terminals() {
      // Age on the server's own clock (now() - received_at): the console's and terminals' clocks play no part.
      const beats = await read(
        HeartbeatRow,
        `SELECT t.terminal_id, t.role_name, t.description, h.received_at,
                extract(epoch FROM now() - h.received_at)::float8 AS age_seconds,
                h.interval_seconds, h.reader, h.gateway, h.log, h.lag_rows, h.lag_seconds, h.replication
         FROM kiosk_central.terminals t
         LEFT JOIN LATERAL (
           SELECT * FROM kiosk_central.heartbeats hb WHERE hb.terminal_id = t.terminal_id
           ORDER BY hb.sent_at DESC LIMIT 1
         ) h ON true
         WHERE t.retired_at IS NULL
         ORDER BY t.terminal_id`,
      );
      // Each (terminal, kind, reader)'s latest event since the terminal's last reset; open when it raised.
      const needs = await read(
        NeedRow,
        `SELECT terminal_id, kind, reader, sent_at FROM (
           SELECT DISTINCT ON (e.terminal_id, e.kind, e.reader) e.terminal_id, e.kind, e.reader, e.active, e.sent_at
           FROM kiosk_central.events e
           WHERE e.kind <> 'reset' AND e.id > coalesce((
             SELECT max(r.id) FROM kiosk_central.events r WHERE r.terminal_id = e.terminal_id AND r.kind = 'reset'
           ), 0)
           ORDER BY e.terminal_id, e.kind, e.reader, e.id DESC
         ) latest WHERE active ORDER BY sent_at`,
      );
      return beats.map((beat): ClinicTerminal => {
        const age = beat.age_seconds === null ? undefined : Math.max(0, Math.floor(beat.age_seconds));
        const out: ClinicTerminal = {
          terminalId: beat.terminal_id,
          description: beat.description.slice(0, 200),
          state: terminalState(age, beat.interval_seconds ?? undefined),
          reader: beat.reader ?? 'unknown',
          gateway: beat.gateway ?? 'unknown',
          log: beat.log ?? 'unknown',
          ...(deps.ownRole !== undefined ? { own: beat.role_name === deps.ownRole } : {}),
          needs: needs
            .filter((need) => need.terminal_id === beat.terminal_id)
            .slice(0, 50)
            .map((need) => ({ kind: need.kind, reader: need.reader, since: clock.clinicIso(need.sent_at) })),
        };
        if (beat.received_at) out.lastHeartbeat = clock.clinicIso(beat.received_at);
        if (age !== undefined) out.heartbeatAgeSeconds = age;
        if (beat.lag_rows !== null) out.lagRows = beat.lag_rows;
        if (beat.lag_seconds !== null) out.lagSeconds = beat.lag_seconds;
        if (beat.replication !== null) out.replication = beat.replication.slice(0, 40);
        return out;
      });
    },

    async exportCsv({ from, to }) {
      validateClinicRange(from, to);
      const rows = await read(
        z.record(z.string(), z.unknown()),
        `SELECT terminal_id, ${CENTRAL_COLUMNS.map((c) => c.central).join(', ')}, encode(hash, 'hex') AS hash_hex
         FROM kiosk_central.confirmations WHERE day BETWEEN $1 AND $2
         ORDER BY started_ms, terminal_id, local_id`,
        [from, to],
      );
      const cells = clinicCsvCells();
      const lines = rows.map((row) => {
        const values = {
          ...Object.fromEntries(
            CENTRAL_COLUMNS.map((column) => [column.log, asLogValue(column, row[column.central])]),
          ),
          hash: String(row.hash_hex),
        } as Values;
        return clinicCsvLine(String(row.terminal_id), values, clock, cells);
      });
      return `\uFEFF${[csvLine(CLINIC_CSV_HEADERS), ...lines].map((line) => `${line}\r\n`).join('')}`;
    },

    async listen(signal, handlers) {
      const connect = deps.connectListener;
      if (!connect) return;
      const backoff = deps.backoff ?? LISTEN_BACKOFF;
      const keepaliveMs = deps.keepaliveMs ?? LISTEN_KEEPALIVE_MS;
      let failures = 0;
      while (!signal.aborted) {
        let client: pg.Client | undefined;
        const onAbort = (): void => {
          client?.connection.stream.destroy();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          client = await connect(signal);
          const lost = new Promise<never>((_, reject) => {
            client?.on('error', reject);
            client?.on('end', () => reject(new CentralError('central.unreachable', 'connection ended')));
          });
          lost.catch(() => undefined);
          client.on('notification', (message) => {
            if (message.channel === ROWS_CHANNEL) {
              handlers.onRows?.();
              return;
            }
            if (message.channel !== STAFF_EVENTS_CHANNEL || message.payload === undefined) return;
            let payload: unknown;
            try {
              payload = JSON.parse(message.payload);
            } catch {
              return;
            }
            const event = ClinicStaffEvent.safeParse(payload);
            if (event.success) handlers.onEvent(event.data);
          });
          await Promise.race([client.query(`LISTEN ${STAFF_EVENTS_CHANNEL}; LISTEN ${ROWS_CHANNEL}`), lost]);
          failures = 0;
          handlers.onConnected?.();
          while (!signal.aborted) {
            await Promise.race([sleepFor(keepaliveMs, undefined, { signal }), lost]);
            await Promise.race([client.query('SELECT 1'), lost]);
          }
        } catch (error) {
          if (signal.aborted) break;
          handlers.onTrouble?.(error);
          failures += 1;
          const wait = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 30));
          await sleepFor(wait, undefined, { signal }).catch(() => undefined);
        } finally {
          signal.removeEventListener('abort', onAbort);
          if (client) {
            client.removeAllListeners('notification');
            client.on('error', () => undefined);
            client.connection.stream.destroy();
          }
        }
      }
    },
  };
}
