// The ConfirmationLog port: what the session writes for every attempt, and what staff read back.
import type { CheckinOutcome, CheckinRoute } from '../../common/vocabulary';
import type { ConfirmationRecord } from './record-schema';

// The record's types derive from its schema (record-schema.ts), and its enums from the domain vocabulary.
export type { CheckinOutcome, CheckinRoute } from '../../common/vocabulary';
export type { ConfirmationRecord, ConsentRecord } from './record-schema';

/**
 * The reception numbers this terminal may issue each clinic day, inclusive. Terminals of one clinic take
 * ranges that do not overlap (e.g. 1–499 and 501–999), so two patients are never called by one number.
 */
export interface ReceptionNumberRange {
  first: number;
  last: number;
}

/** Largest reception number a row may carry (the record schema's limit). */
export const MAX_RECEPTION_NUMBER = 999_999;
export const DEFAULT_RECEPTION_NUMBERS: ReceptionNumberRange = { first: 1, last: 9999 };

export interface StoredConfirmation extends ConfirmationRecord {
  id: number;
  /** Hex hash chaining this row to the previous one. */
  hash: string;
}

/** A stored row that was issued a reception number. */
export type NumberedConfirmation = StoredConfirmation & { receptionNumber: number };

export interface ConfirmationQuery {
  /** ISO date (yyyy-MM-dd), inclusive, in local time of the terminal. */
  from?: string;
  to?: string;
  outcome?: CheckinOutcome;
  route?: CheckinRoute;
  /** Matches name, kana, insurer number or number. */
  text?: string;
  limit?: number;
}

export interface ConfirmationLog {
  /**
   * Writes the kept entries first (the chain's order is the order attempts ended), then commits `entry`
   * durably; returns only after its row is committed. Throws LogError when it cannot.
   */
  record(entry: ConfirmationRecord): StoredConfirmation;
  /**
   * As `record`, and issues the next reception number of the clinic day of the commit, in the same
   * transaction as the row: a number is on disk before anyone can be shown it, and never issued twice in
   * a clinic day. `entry` carries no number; the stored row does.
   */
  recordNumbered(entry: ConfirmationRecord): NumberedConfirmation;
  /**
   * The reception number the next issue would take today (a read; nothing is used up). Throws LogError
   * `log.numbers-exhausted` when this terminal's range is used up for the day.
   */
  peekReceptionNumber(): number;
  list(query: ConfirmationQuery): StoredConfirmation[];
  /**
   * Holds an entry the log refused, in memory and in arrival order, to be written before anything newer
   * once the log takes writes again. Never throws; an entry that fails validation is reported, not kept.
   */
  keep(entry: ConfirmationRecord): void;
  /**
   * Writes the kept entries now, oldest first, each in its own commit, and answers how many were written.
   * Throws the LogError while the log still refuses; entries not yet written stay kept, in order.
   */
  flushKept(): number;
  /** Entries kept in memory, not yet on disk. */
  readonly keptCount: number;
  /** Tries a last flush; kept entries that still cannot be written are reported as lost. */
  close(): void;
}

/**
 * Most entries held in memory while the log refuses writes. The kiosk is out of service while any are
 * kept, so this is never reached in practice; it only bounds memory.
 */
export const MAX_KEPT_RECORDS = 10_000;

export const logErrorCodes = [
  'log.unwritable',
  'log.disk-full',
  'log.locked',
  'log.newer-version',
  'log.corrupt',
  /** The record failed validation (bad field, or something that looks like a My Number). */
  'log.invalid-record',
  /** Every reception number of this terminal's range is used for today (receptionNumbers setting). */
  'log.numbers-exhausted',
  /** The chain key cannot be read or made: missing setting, file in the log's folder, others may read it. */
  'log.key-unusable',
  /** The log is keyed, and the key given is not its key (key id differs). */
  'log.key-mismatch',
  /** The log is keyed and was opened without a key: writing would break its keyed chain. */
  'log.key-required',
] as const;
export type LogErrorCode = (typeof logErrorCodes)[number];

export class LogError extends Error {
  override readonly name = 'LogError';
  constructor(
    readonly code: LogErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The code of a write the log refused, for the row kept in its place (`log.unwritable` for anything else). */
export function refusalCodeOf(error: unknown): LogErrorCode {
  return error instanceof LogError ? error.code : 'log.unwritable';
}
