// The ConfirmationLog port: what the session writes for every attempt, and what staff read back.

export type CheckinRoute = 'card-pin' | 'card-visual' | 'keyed';
export type CheckinOutcome =
  'confirmed' | 'not-insured' | 'needs-attention' | 'error' | 'cancelled' | 'timed-out';

export interface ConsentRecord {
  agreed: boolean;
  /** ISO 8601 time of the choice. */
  at: string;
}

/** One confirmation attempt. Never holds the PIN, the 12-digit My Number, a signature or a challenge. */
export interface ConfirmationRecord {
  /** ISO 8601, when the attempt started. */
  startedAt: string;
  /** ISO 8601, when it ended. */
  endedAt: string;
  terminal: string;
  reader?: string;
  route: CheckinRoute;
  outcome: CheckinOutcome;
  /** QualificationValidity 1–6 when the system answered. */
  validity?: number;
  /** Stable error code (card.*, gateway.*, session.*) when the attempt failed. */
  errorCode?: string;
  /** The system's own error/result code, when it gave one. */
  systemCode?: string;
  insurerNumber?: string;
  symbol?: string;
  number?: string;
  branch?: string;
  name?: string;
  nameKana?: string;
  /** yyyyMMdd */
  birthdate?: string;
  copayTenths?: number;
  limitClass?: string;
  limitConsent?: ConsentRecord;
  consents: Partial<Record<'medication' | 'checkup' | 'diagnosis' | 'surgery', ConsentRecord>>;
  /** Staff member who approved (目視) or keyed the entry. */
  staffId?: string;
  gateway?: string;
  gatewayRequestId?: string;
  /** SHA-256 (hex) of the certificate serial number; never the certificate. */
  certificateSerialHash?: string;
  /** Daily reception number shown to the patient. */
  receptionNumber?: number;
  /** Milliseconds spent in each part of the attempt. */
  durations: { card?: number; gateway?: number; total: number };
}

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
