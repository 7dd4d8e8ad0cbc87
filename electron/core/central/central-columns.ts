// The columns of a central confirmation row: the local log's chained columns, typed for PostgreSQL.
import { CHAIN_COLUMNS_V1 } from '../log/hash-chain';

export type LogColumn = (typeof CHAIN_COLUMNS_V1)[number];

/**
 * Columns the local log stores as INTEGER (migration 0001 of the log). Millisecond instants and ids need
 * 64 bits; the rest fit PostgreSQL's integer. Every other chained column is TEXT, kept as text centrally so
 * the exact stored value (and so the row hash) survives the trip.
 */
const bigintColumns: ReadonlySet<LogColumn> = new Set(['id', 'started_ms']);
const integerColumns: ReadonlySet<LogColumn> = new Set([
  'validity',
  'copay_tenths',
  'limit_consent',
  'medication_consent',
  'checkup_consent',
  'diagnosis_consent',
  'surgery_consent',
  'reception_number',
  'card_ms',
  'gateway_ms',
  'total_ms',
]);
/** Columns the local log declares NOT NULL (its migration 0001). */
const requiredColumns: ReadonlySet<LogColumn> = new Set([
  'id',
  'recorded_at',
  'started_at',
  'started_ms',
  'day',
  'ended_at',
  'terminal',
  'route',
  'outcome',
  'total_ms',
]);

export type ColumnKind = 'bigint' | 'integer' | 'text';

export interface CentralColumn {
  /** The column in the local log. */
  log: LogColumn;
  /** The column centrally: the local `id` becomes `local_id` (the terminal id is the other half of the key). */
  central: string;
  kind: ColumnKind;
  required: boolean;
}

/** In CHAIN_COLUMNS_V1 order, the order the row hash covers them. */
export const CENTRAL_COLUMNS: readonly CentralColumn[] = CHAIN_COLUMNS_V1.map((log) => ({
  log,
  central: log === 'id' ? 'local_id' : log,
  kind: bigintColumns.has(log) ? 'bigint' : integerColumns.has(log) ? 'integer' : 'text',
  required: requiredColumns.has(log),
}));

/** The central names of the chained columns, in hash order. */
export const CENTRAL_COLUMN_NAMES: readonly string[] = CENTRAL_COLUMNS.map((c) => c.central);

/**
 * A value read from PostgreSQL back as the log stored it: the pg client returns bigint as text (it may
 * exceed 2^53 in general; ours never do), so it becomes a number again before hashing.
 */
export function asLogValue(column: CentralColumn, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (column.kind === 'text') return String(value);
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(number))
    throw new RangeError(`${column.central}: ${String(value)} is not an integer`);
  return number;
}
