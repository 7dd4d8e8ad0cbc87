// The SQLite ConfirmationLog: composes row encoding, listing, kept rows, reception numbers and maintenance.
import type Database from 'better-sqlite3';
import { createClinicClock, type ClinicClock } from '../clock/clinic-clock';
import {
  DEFAULT_RECEPTION_NUMBERS,
  LogError,
  MAX_KEPT_RECORDS,
  type NumberedConfirmation,
  type ReceptionNumberRange,
  type ConfirmationLog,
  type ConfirmationQuery,
  type ConfirmationRecord,
} from './confirmation-log';
import { exportCsv, type CsvExportOptions } from './csv-export';
import { keyIdOf } from './chain-key';
import { verifyChain, type ChainVerification } from './chain-verify';
import {
  CHAIN_COLUMNS_V1,
  CHAIN_FORMAT,
  confirmationHash,
  KEYED_CHAIN_FORMAT,
  keyedConfirmationHash,
} from './hash-chain';
import { readKeyStart, writeKeyStart } from './key-start';
import { KeptRows } from './kept-rows';
import { buildListQuery } from './list-query';
import {
  backupDatabase,
  checkedRetentionDays,
  DEFAULT_RETENTION_DAYS,
  purgeAt,
  startDailyPurge,
  type DailyPurgeOptions,
} from './maintenance';
import { openLogDatabase } from './open-database';
import { checkedRange, receptionNumberIssuer, type ReceptionNumberIssuer } from './reception-number-issuer';
import { validateRecord } from './record-schema';
import type { PurgeReport } from './retention';
import { confirmationRowValues, READ_SQL, rowFromJson, type StoredConfirmationRow } from './row-codec';
import { searchTerms } from './search-text';
import { logError, toLogError } from './sqlite-errors';
import {
  readExportRecords,
  writeExportRecord,
  type ExportRecord,
  type StoredExportRecord,
} from './export-records';

export {
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  buildListQuery,
  listQueryPlan,
  type ListQuerySql,
} from './list-query';
export { DAILY_MS, DEFAULT_RETENTION_DAYS, backupDatabase, type DailyPurgeOptions } from './maintenance';
export { confirmationRowValues, type StoredConfirmationRow } from './row-codec';

export interface ConfirmationLogSettings {
  /** The clinic clock: commit times, the clinic days of rows and reception numbers, exported times. */
  clock?: ClinicClock;
  retentionDays?: number;
  /** The reception numbers this terminal issues each clinic day (default 1–9999). */
  receptionNumbers?: ReceptionNumberRange;
  /** Most entries kept in memory while the log refuses writes (default MAX_KEPT_RECORDS). */
  keptLimit?: number;
  /** Where problems with kept entries are reported, one line each (default: standard error). */
  warn?: (line: string) => void;
  /**
   * The terminal's log key (chain-key.ts), held outside the file. With it the chain is HMAC-SHA-256 keyed from
   * the first row written after it was first given; a keyed log refuses to open without it or with another.
   */
  chainKey?: Buffer;
}

export interface ConfirmationLogOptions extends ConfirmationLogSettings {
  /** The log file; created owner-only when missing. */
  path: string;
  busyTimeoutMs?: number;
}

/** The log with the operations of the file itself: verify, retention, export and backup. */
export interface ConfirmationLogFile extends ConfirmationLog {
  record(entry: ConfirmationRecord): StoredConfirmationRow;
  recordNumbered(entry: ConfirmationRecord): StoredConfirmationRow & NumberedConfirmation;
  list(query: ConfirmationQuery): StoredConfirmationRow[];
  get(id: number): StoredConfirmationRow | undefined;
  verify(): ChainVerification;
  purgeExpired(): PurgeReport;
  /** Purges now, then every `intervalMs` (a day); the timer does not keep the process alive. */
  startDailyPurge(options?: DailyPurgeOptions): { stop(): void };
  exportCsv(options: CsvExportOptions): Buffer;
  /** Records who exported which days (migration 0006); throws LogError when the log cannot take it. */
  recordExport(record: ExportRecord): void;
  /** The latest export records, newest first. */
  exportRecords(limit?: number): StoredExportRecord[];
  /** SQLite online backup into a new owner-only file; safe while the kiosk keeps writing. */
  backup(destination: string): Promise<void>;
  readonly db: Database.Database;
}

class SqliteConfirmationLog implements ConfirmationLogFile {
  private readonly retentionDays: number;
  private readonly clock: ClinicClock;
  private readonly numbers: ReceptionNumberIssuer;
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly getById: Database.Statement;
  private readonly commit: (entry: ConfirmationRecord, numbered: boolean) => StoredConfirmationRow;
  private readonly kept: KeptRows;
  private readonly key: Buffer | undefined;

  constructor(
    readonly db: Database.Database,
    settings: ConfirmationLogSettings,
  ) {
    this.retentionDays = checkedRetentionDays(settings.retentionDays ?? DEFAULT_RETENTION_DAYS);
    this.clock = settings.clock ?? createClinicClock();
    const range = checkedRange(settings.receptionNumbers ?? DEFAULT_RECEPTION_NUMBERS);
    this.kept = new KeptRows(
      settings.keptLimit ?? MAX_KEPT_RECORDS,
      settings.warn ?? ((line) => void process.stderr.write(`${line}\n`)),
    );
    this.numbers = receptionNumberIssuer(db, range);
    this.key = keyFor(db, settings.chainKey, this.clock);
    const key = this.key;
    const insertRow = db.prepare(
      `INSERT INTO confirmations (${CHAIN_COLUMNS_V1.join(', ')}, chain_format, hash)
       VALUES (${CHAIN_COLUMNS_V1.map(() => '?').join(', ')}, ${key ? KEYED_CHAIN_FORMAT : CHAIN_FORMAT}, ?)`,
    );
    const insertTerm = db.prepare('INSERT OR IGNORE INTO search_terms (term, confirmation_id) VALUES (?, ?)');
    const readHead = db.prepare('SELECT last_id, last_hash FROM chain_head WHERE singleton = 1');
    const writeHead = db.prepare('UPDATE chain_head SET last_id = ?, last_hash = ? WHERE singleton = 1');
    this.getById = db.prepare(`SELECT ${READ_SQL} FROM confirmations WHERE id = ?`).pluck();
    const tx = db.transaction((entry: ConfirmationRecord, numbered: boolean): StoredConfirmationRow => {
      const head = readHead.get() as { last_id: number; last_hash: Buffer };
      const id = head.last_id + 1;
      const now = this.clock.now();
      const recordedAt = now.toISOString();
      let row = entry;
      if (numbered) {
        // Issued from the clinic day of this commit, inside it: on disk before anyone sees it, and the
        // primary key of reception_numbers refuses a second use in the same day.
        const day = this.clock.dayOf(now);
        const number = this.numbers.next(day);
        this.numbers.issue(day, number, id);
        row = { ...entry, receptionNumber: number };
      }
      const values = confirmationRowValues(id, recordedAt, row, this.clock);
      const hash = key
        ? keyedConfirmationHash(key, head.last_hash, values)
        : confirmationHash(head.last_hash, values);
      insertRow.run(...values, hash);
      for (const term of searchTerms(row)) insertTerm.run(term, id);
      writeHead.run(id, hash);
      // Read back what was stored, so the caller sees exactly the committed row.
      return rowFromJson(this.getById.get(id) as string);
    });
    this.commit = (entry, numbered) => tx.immediate(entry, numbered);
  }

  record(entry: ConfirmationRecord): StoredConfirmationRow {
    const valid = validateRecord(entry);
    this.flushKept();
    return this.write(valid, 'record', false);
  }

  recordNumbered(entry: ConfirmationRecord): StoredConfirmationRow & NumberedConfirmation {
    const valid = validateRecord(entry);
    if (valid.receptionNumber !== undefined) {
      throw new LogError('log.invalid-record', '受付番号は記録のときに発行します（指定できません）。');
    }
    this.flushKept();
    const stored = this.write(valid, 'record', true);
    const { receptionNumber } = stored;
    if (receptionNumber === undefined) throw logError('log.corrupt', 'reception number not stored');
    return { ...stored, receptionNumber };
  }

  /**
   * One commit. The chain head is read inside the transaction from the file itself, so a refused write
   * leaves nothing behind: the next commit chains onto the last row actually stored.
   */
  private write(valid: ConfirmationRecord, action: string, numbered: boolean): StoredConfirmationRow {
    try {
      return this.commit(valid, numbered);
    } catch (error) {
      const refused = toLogError(error, action);
      this.kept.refused(refused.code);
      throw refused;
    }
  }

  get keptCount(): number {
    return this.kept.count;
  }

  keep(entry: ConfirmationRecord): void {
    this.kept.keep(entry);
  }

  flushKept(): number {
    return this.kept.flush((entry) => this.write(entry, 'flush kept', false));
  }

  peekReceptionNumber(): number {
    try {
      return this.numbers.next(this.clock.today());
    } catch (error) {
      throw toLogError(error, 'peekReceptionNumber');
    }
  }

  list(query: ConfirmationQuery): StoredConfirmationRow[] {
    const { sql, params } = buildListQuery(query);
    let statement = this.listStatements.get(sql);
    try {
      if (!statement) {
        statement = this.db.prepare(sql).pluck();
        this.listStatements.set(sql, statement);
      }
      return (statement.all(...params) as string[]).map(rowFromJson);
    } catch (error) {
      throw toLogError(error, 'list');
    }
  }

  get(id: number): StoredConfirmationRow | undefined {
    const json = this.getById.get(id) as string | undefined;
    return json === undefined ? undefined : rowFromJson(json);
  }

  verify(): ChainVerification {
    return verifyChain(this.db, {
      ...(this.key ? { key: this.key } : {}),
      retentionDays: this.retentionDays,
      utcOffsetMinutes: this.clock.utcOffsetMinutes,
    });
  }

  purgeExpired(): PurgeReport {
    return purgeAt(this.db, this.clock, this.retentionDays, this.key);
  }

  startDailyPurge(options: DailyPurgeOptions = {}): { stop(): void } {
    return startDailyPurge(() => this.purgeExpired(), options);
  }

  exportCsv(options: CsvExportOptions): Buffer {
    try {
      return exportCsv(this.db, options, this.clock.utcOffsetMinutes);
    } catch (error) {
      throw toLogError(error, 'export');
    }
  }

  recordExport(record: ExportRecord): void {
    try {
      writeExportRecord(this.db, record, this.clock.now());
    } catch (error) {
      throw toLogError(error, 'recordExport');
    }
  }

  exportRecords(limit = 50): StoredExportRecord[] {
    return readExportRecords(this.db, limit);
  }

  backup(destination: string): Promise<void> {
    return backupDatabase(this.db, destination);
  }

  close(): void {
    if (this.kept.count > 0 && this.db.open) {
      try {
        this.flushKept();
      } catch {
        // Reported below, by count only.
      }
    }
    this.kept.discard('at close');
    if (this.db.open) this.db.close();
  }
}

/**
 * The key rows are chained with: a keyed log needs its own key (`log.key-required`, `log.key-mismatch`);
 * a key given to a log never keyed writes the key start at the current heads, so what came before stays
 * verifiable as the unkeyed prefix. Without either, the log stays unkeyed (format 1).
 */
function keyFor(db: Database.Database, key: Buffer | undefined, clock: ClinicClock): Buffer | undefined {
  const start = readKeyStart(db);
  if (start) {
    if (!key) throw logError('log.key-required');
    if (start.keyId !== keyIdOf(key)) throw logError('log.key-mismatch', `key id ${keyIdOf(key)}`);
    return key;
  }
  if (!key) return undefined;
  db.transaction(() => {
    if (!readKeyStart(db)) writeKeyStart(db, key, clock.now().toISOString());
  }).immediate();
  return key;
}

/** A log on an already opened database (tests inject failures this way, e.g. PRAGMA max_page_count). */
export function confirmationLogOn(
  db: Database.Database,
  settings: ConfirmationLogSettings,
): ConfirmationLogFile {
  try {
    return new SqliteConfirmationLog(db, settings);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw toLogError(error, 'prepare');
  }
}

/** Opens (creating and migrating when needed) the log file and returns the log. */
export function createConfirmationLog(options: ConfirmationLogOptions): ConfirmationLogFile {
  const db = openLogDatabase(options.path, { busyTimeoutMs: options.busyTimeoutMs });
  try {
    return confirmationLogOn(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
}
