// The clinic view's SQL: the search fold, the filter's WHERE clause, the rows it reads and the 応答なし rule.
import { z } from 'zod';
import {
  CheckinOutcome,
  CheckinRoute,
  ClinicNeedKind,
  type ClinicFilter,
  type ClinicRow,
  type ClinicTerminal,
} from '../../common/contract';
import type { ClinicClock } from '../clock/clinic-clock';
import { normalizeSearchText } from '../log/search-text';
import { CentralError } from './central-error';

/** A terminal whose latest heartbeat is older than this many of its intervals shows as 応答なし. */
export const SILENT_AFTER_INTERVALS = 3;
/** The interval assumed for a heartbeat that does not say its own (written before schema version 2). */
export const ASSUMED_HEARTBEAT_SECONDS = 60;
/** The longest export, in clinic days: a month's rows of every terminal are read into memory at once. */
export const CLINIC_EXPORT_MAX_DAYS = 31;

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
export function daysInRange(from: string, to: string): number {
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

export const ListRow = z.object({
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

export function toClinicRow(row: z.infer<typeof ListRow>, clock: ClinicClock): ClinicRow {
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

export const HeartbeatRow = z.object({
  terminal_id: z.string(),
  role_name: z.string(),
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

export const NeedRow = z.object({
  terminal_id: z.string(),
  kind: ClinicNeedKind,
  reader: z.string(),
  sent_at: z.date(),
});
