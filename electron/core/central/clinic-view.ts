// The staff console's clinic view: every terminal's confirmations, health and staff needs, read as the console role.
import { setTimeout as sleepFor } from 'node:timers/promises';
import type pg from 'pg';
import { z } from 'zod';
import {
  CheckinOutcome,
  CheckinRoute,
  CLINIC_PAGE_MAX,
  ClinicNeedKind,
  type ClinicFilter,
  type ClinicPage,
  type ClinicRow,
  type ClinicTerminal,
} from '../../common/contract';
import { consentAnswerLabels, outcomeLabels, routeLabels } from '../../common/vocabulary';
import type { ClinicClock } from '../clock/clinic-clock';
import { CSV_HEADERS, csvLine } from '../log/csv-export';
import { normalizeSearchText } from '../log/search-text';
import { asLogValue, CENTRAL_COLUMNS, type LogColumn } from './central-columns';
import { CentralError } from './central-error';
import { ROWS_CHANNEL, STAFF_EVENTS_CHANNEL } from './migrations/0002-staff-events';

/** A terminal whose latest heartbeat is older than this many of its intervals shows as 応答なし. */
export const SILENT_AFTER_INTERVALS = 3;
/** The interval assumed for a heartbeat that does not say its own (written before schema version 2). */
export const ASSUMED_HEARTBEAT_SECONDS = 60;
/** The longest export, in clinic days: a month's rows of every terminal are read into memory at once. */
export const CLINIC_EXPORT_MAX_DAYS = 31;
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** LIKE pattern of a search text: its wildcards taken literally (ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const HIRAGANA = Array.from({ length: 0x56 }, (_, i) => String.fromCharCode(0x3041 + i)).join('');
const KATAKANA = Array.from({ length: 0x56 }, (_, i) => String.fromCharCode(0x30a1 + i)).join('');

/**
 * A column folded in SQL as the log's own search folds text (log/search-text.ts normalizeSearchText): NFKC,
 * hiragana as katakana, lower case, no spaces; so the clinic view finds what a terminal's list finds.
 */
export function searchKeySql(column: string): string {
  return `lower(regexp_replace(translate(normalize(coalesce(${column}, ''), NFKC), '${HIRAGANA}', '${KATAKANA}'), '[[:space:]\u3000]+', '', 'g'))`;
}

/** ok, 応答なし (silent), or no heartbeat yet, from the latest heartbeat's age and its own interval. */
export function terminalState(
  ageSeconds: number | undefined,
  intervalSeconds: number | undefined,
): ClinicTerminal['state'] {
  if (ageSeconds === undefined) return 'never';
  const interval = intervalSeconds ?? ASSUMED_HEARTBEAT_SECONDS;
  return ageSeconds > SILENT_AFTER_INTERVALS * interval ? 'silent' : 'ok';
}

/** Days from `from` to `to` inclusive (yyyy-MM-dd, calendar arithmetic in UTC). */
function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function validateClinicRange(from: string, to: string): void {
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || Number.isNaN(Date.parse(`${from}T00:00:00Z`))) {
    throw new CentralError('central.config', '期間は yyyy-MM-dd で指定してください');
  }
  if (from > to) throw new CentralError('central.config', '開始日を終了日以前にしてください');
  if (daysInRange(from, to) > CLINIC_EXPORT_MAX_DAYS) {
    throw new CentralError('central.config', `期間は${CLINIC_EXPORT_MAX_DAYS}日以内にしてください`);
  }
}

/** The WHERE clause and parameters of a filter (day always; the rest when given). */
export function filterSql(
  filter: ClinicFilter,
  today: string,
): { where: string; params: unknown[]; day: string } {
  const day = filter.day ?? today;
  const params: unknown[] = [day];
  const clauses = ['day = $1'];
  const add = (sql: (n: string) => string, value: unknown): void => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (filter.terminal) add((n) => `terminal_id = ${n}`, filter.terminal);
  if (filter.outcome) add((n) => `outcome = ${n}`, filter.outcome);
  if (filter.route) add((n) => `route = ${n}`, filter.route);
  const key = normalizeSearchText(filter.text ?? '');
  if (key) {
    add(
      (n) =>
        `(${['name', 'name_kana', 'insurer_number', 'number'].map((c) => `${searchKeySql(c)} LIKE ${n} ESCAPE '\\'`).join(' OR ')})`,
      likePattern(key),
    );
  }
  return { where: clauses.join(' AND '), params, day };
}

const ListRow = z.object({
  terminal_id: z.string(),
  local_id: z.coerce.number(),
  started_ms: z.coerce.number(),
  reader: z.string().nullable(),
  route: CheckinRoute,
  outcome: CheckinOutcome,
  validity: z.number().nullable(),
  error_code: z.string().nullable(),
  insurer_number: z.string().nullable(),
  number: z.string().nullable(),
  name: z.string().nullable(),
  name_kana: z.string().nullable(),
  copay_tenths: z.number().nullable(),
  staff_id: z.string().nullable(),
  reception_number: z.number().nullable(),
});

function toClinicRow(row: z.infer<typeof ListRow>, clock: ClinicClock): ClinicRow {
  const out: ClinicRow = {
    terminalId: row.terminal_id,
    localId: row.local_id,
    startedAt: clock.clinicIso(row.started_ms),
    route: row.route,
    outcome: row.outcome,
  };
  const optional = {
    reader: row.reader,
    validity: row.validity,
    errorCode: row.error_code,
    insurerNumber: row.insurer_number,
    number: row.number,
    name: row.name,
    nameKana: row.name_kana,
    copayTenths: row.copay_tenths,
    staffId: row.staff_id,
    receptionNumber: row.reception_number,
  } as const;
  for (const [key, value] of Object.entries(optional)) {
    if (value !== null) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

const HeartbeatRow = z.object({
  terminal_id: z.string(),
  description: z.string(),
  received_at: z.date().nullable(),
  age_seconds: z.coerce.number().nullable(),
  interval_seconds: z.number().nullable(),
  reader: z.enum(['up', 'down', 'unknown']).nullable(),
  gateway: z.enum(['up', 'down', 'unknown']).nullable(),
  log: z.enum(['up', 'down', 'unknown']).nullable(),
  lag_rows: z.coerce.number().nullable(),
  lag_seconds: z.coerce.number().nullable(),
  replication: z.string().nullable(),
});

const NeedRow = z.object({
  terminal_id: z.string(),
  kind: ClinicNeedKind,
  reader: z.string(),
  sent_at: z.date(),
});

/** A central row's values as the log stored them, and its hash as lower-case hex. */
type Values = Readonly<Record<LogColumn, string | number | null>> & { readonly hash: string };
type Cell = (row: Values, clock: ClinicClock) => string | number | null;

/** A stored ISO instant as the clinic's wall clock; text that is not one, as it is (as the log's CSV does). */
const wallClockOf =
  (column: LogColumn): Cell =>
  (row, clock) => {
    const value = row[column];
    if (typeof value !== 'string') return null;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? clock.wallClock(ms) : value;
  };
const plain =
  (column: LogColumn): Cell =>
  (row) =>
    row[column];
const agreed =
  (column: LogColumn): Cell =>
  (row) =>
    row[column] === null
      ? null
      : row[column] === 1
        ? consentAnswerLabels.agreed
        : consentAnswerLabels.declined;
const labelled =
  (column: LogColumn, labels: Readonly<Record<string, string>>): Cell =>
  (row) => {
    const value = row[column];
    return typeof value === 'string' ? (labels[value] ?? value) : value;
  };

/**
 * Each header of the log's CSV (log/csv-export.ts) and its cell from a central row, so a clinic export
 * reads like a terminal's own, with the terminal's id in front.
 */
const CELLS: Readonly<Record<string, Cell>> = {
  記録ID: plain('id'),
  受付番号: plain('reception_number'),
  開始日時: (row, clock) => (typeof row.started_ms === 'number' ? clock.wallClock(row.started_ms) : null),
  終了日時: wallClockOf('ended_at'),
  記録日時: wallClockOf('recorded_at'),
  端末: plain('terminal'),
  リーダー: plain('reader'),
  確認方法: labelled('route', routeLabels),
  結果: labelled('outcome', outcomeLabels),
  資格有効性: plain('validity'),
  エラーコード: plain('error_code'),
  処理結果コード: plain('system_code'),
  保険者番号: plain('insurer_number'),
  記号: plain('symbol'),
  番号: plain('number'),
  枝番: plain('branch'),
  氏名: plain('name'),
  氏名カナ: plain('name_kana'),
  生年月日: plain('birthdate'),
  負担割合: (row) => (typeof row.copay_tenths === 'number' ? `${row.copay_tenths}割` : null),
  限度額区分: plain('limit_class'),
  限度額情報提供: agreed('limit_consent'),
  '限度額情報提供 日時': wallClockOf('limit_consent_at'),
  薬剤情報: agreed('medication_consent'),
  '薬剤情報 日時': wallClockOf('medication_consent_at'),
  特定健診情報: agreed('checkup_consent'),
  '特定健診情報 日時': wallClockOf('checkup_consent_at'),
  診療情報: agreed('diagnosis_consent'),
  '診療情報 日時': wallClockOf('diagnosis_consent_at'),
  手術情報: agreed('surgery_consent'),
  '手術情報 日時': wallClockOf('surgery_consent_at'),
  職員ID: plain('staff_id'),
  照会先: plain('gateway'),
  照会ID: plain('gateway_request_id'),
  'カード読取(ms)': plain('card_ms'),
  '照会(ms)': plain('gateway_ms'),
  '所要時間(ms)': plain('total_ms'),
  ハッシュ: (row) => row.hash,
};

/** The export's header: the terminal's central id, then the log's CSV header. */
export const CLINIC_CSV_HEADERS: readonly string[] = ['端末ID', ...CSV_HEADERS];

/** The cell function of each log CSV header; a header this view cannot fill is a programming error. */
export function clinicCsvCells(): Cell[] {
  return CSV_HEADERS.map((header) => {
    const cell = CELLS[header];
    if (!cell) throw new CentralError('central.schema', `no clinic CSV cell for ${header}`);
    return cell;
  });
}

/** One CSV line of a central row. */
export function clinicCsvLine(
  terminalId: string,
  values: Values,
  clock: ClinicClock,
  cells: readonly Cell[] = clinicCsvCells(),
): string {
  return csvLine([terminalId, ...cells.map((cell) => cell(values, clock))]);
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
        `SELECT t.terminal_id, t.description, h.received_at,
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
