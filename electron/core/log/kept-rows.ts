// Entries the log refused, held in memory in arrival order and written before anything newer.
import { LogError, type ConfirmationRecord } from './confirmation-log';
import { validateRecord } from './record-schema';

/**
 * The queue behind `keep()` / `flushKept()` (electron/core/log/README.md). Lines it reports never name the
 * patient: only counts and error codes.
 */
export class KeptRows {
  /** Validated entries, oldest first. */
  private readonly rows: ConfirmationRecord[] = [];
  /** Code of the last refused write, for reports that must not name the patient. */
  private lastRefusal: string = 'log.unwritable';

  constructor(
    private readonly limit: number,
    private readonly warn: (line: string) => void,
  ) {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new RangeError(`keptLimit must be a non-negative integer, got ${limit}`);
    }
  }

  get count(): number {
    return this.rows.length;
  }

  /** Notes why the file refused a write, for the lines reporting lost entries. */
  refused(code: string): void {
    this.lastRefusal = code;
  }

  /** Keeps a valid entry; an invalid one, or one past the limit, is reported and dropped. Never throws. */
  keep(entry: ConfirmationRecord): void {
    let valid: ConfirmationRecord;
    try {
      valid = validateRecord(entry);
    } catch (error) {
      // An invalid entry can never be written; its fields are not printed (they may name the patient).
      const code = error instanceof LogError ? error.code : 'log.invalid-record';
      this.warn(`confirmation log: 1 record not kept (${code})`);
      return;
    }
    if (this.rows.length >= this.limit) {
      this.warn(`confirmation log: 1 record lost, ${this.rows.length} already kept (${this.lastRefusal})`);
      return;
    }
    this.rows.push(valid);
  }

  /**
   * Writes the kept entries oldest first, each with `write`, and answers how many were written. An entry
   * leaves the queue only once `write` returned; its error is thrown and the rest stay kept, in order.
   */
  flush(write: (entry: ConfirmationRecord) => void): number {
    let written = 0;
    while (this.rows.length > 0) {
      write(this.rows[0] as ConfirmationRecord);
      this.rows.shift();
      written += 1;
    }
    return written;
  }

  /** Reports whatever is still kept as lost (by count and code only) and empties the queue. */
  discard(when: string): void {
    if (this.rows.length === 0) return;
    this.warn(`confirmation log: ${this.rows.length} kept records lost ${when} (${this.lastRefusal})`);
    this.rows.length = 0;
  }
}
