// The SQLite ConfirmationLog: durable chained writes, indexed listing, reception numbers, retention, export.
import type Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { createClinicClock, type ClinicClock } from '../clock/clinic-clock';
import {
  DEFAULT_RECEPTION_NUMBERS,
  LogError,
  MAX_KEPT_RECORDS,
  MAX_RECEPTION_NUMBER,
  type NumberedConfirmation,
  type ReceptionNumberRange,
  type CheckinOutcome,
  type CheckinRoute,
  type ConfirmationLog,
  type ConfirmationQuery,
  type ConfirmationRecord,
  type ConsentRecord,
  type StoredConfirmation,
} from './confirmation-log';
import { exportCsv, type CsvExportOptions } from './csv-export';
import {
  CHAIN_COLUMNS_V1,
  CHAIN_FORMAT,
  confirmationHash,
  verifyChain,
  type ChainVerification,
} from './hash-chain';
import { isDay, parseInstant } from './local-time';
import { openLogDatabase } from './open-database';
import { validateRecord } from './record-schema';
import { purgeExpired, type PurgeReport } from './retention';
import { normalizeSearchText, prefixUpperBound, searchTerms } from './search-text';
import { logError, toLogError } from './sqlite-errors';

/**
 * Default retention when the settings give none: five years. A product default, not a legal statement;
 * each clinic sets the period its own rules require.
 */
export const DEFAULT_RETENTION_DAYS = 5 * 365;
export const DEFAULT_LIST_LIMIT = 1000;
export const MAX_LIST_LIMIT = 100_000;
export const DAILY_MS = 86_400_000;

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
}

export interface ConfirmationLogOptions extends ConfirmationLogSettings {
  /** The log file; created owner-only when missing. */
  path: string;
  busyTimeoutMs?: number;
}

export interface StoredConfirmationRow extends StoredConfirmation {
  /** ISO 8601 time the row was committed (the log's clock). */
  recordedAt: string;
}

export interface DailyPurgeOptions {
  intervalMs?: number;
  onPurged?: (report: PurgeReport) => void;
  onError?: (error: LogError) => void;
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
  /** SQLite online backup into a new owner-only file; safe while the kiosk keeps writing. */
  backup(destination: string): Promise<void>;
  readonly db: Database.Database;
}

const consentKinds = ['medication', 'checkup', 'diagnosis', 'surgery'] as const;

const bool = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
const ms = (value: number | undefined): number | null => (value === undefined ? null : Math.round(value));

/** The row values of a record in CHAIN_COLUMNS_V1 order, as stored and hashed. */
export function confirmationRowValues(
  id: number,
  recordedAt: string,
  r: ConfirmationRecord,
  clock: Pick<ClinicClock, 'dayOf'>,
): Array<string | number | null> {
  const startedMs = parseInstant(r.startedAt) ?? 0;
  const consent = (c: ConsentRecord | undefined): Array<number | string | null> => [
    bool(c?.agreed),
    c?.at ?? null,
  ];
  return [
    id,
    recordedAt,
    r.startedAt,
    startedMs,
    clock.dayOf(startedMs),
    r.endedAt,
    r.terminal,
    r.reader ?? null,
    r.route,
    r.outcome,
    r.validity ?? null,
    r.errorCode ?? null,
    r.systemCode ?? null,
    r.insurerNumber ?? null,
    r.symbol ?? null,
    r.number ?? null,
    r.branch ?? null,
    r.name ?? null,
    r.nameKana ?? null,
    r.birthdate ?? null,
    r.copayTenths ?? null,
    r.limitClass ?? null,
    ...consent(r.limitConsent),
    ...consentKinds.flatMap((kind) => consent(r.consents[kind])),
    r.staffId ?? null,
    r.gateway ?? null,
    r.gatewayRequestId ?? null,
    r.certificateSerialHash ?? null,
    r.receptionNumber ?? null,
    ms(r.durations.card),
    ms(r.durations.gateway),
    Math.round(r.durations.total),
  ];
}

/** Columns read back for a stored row, in this order (raw rows: arrays are much cheaper than objects). */
const READ_COLUMNS = [...CHAIN_COLUMNS_V1, 'hash'] as const;
type ReadColumn = (typeof READ_COLUMNS)[number];
const at = Object.fromEntries(READ_COLUMNS.map((c, i) => [c, i])) as Record<ReadColumn, number>;
type RawRow = Array<string | number | Buffer | null>;
/**
 * READ_COLUMNS as one JSON array per row (the hash as hex text): SQLite builds it in C, and one string plus
 * JSON.parse costs far less than handing forty separate values to JavaScript. The log stores only integers
 * and text, which JSON carries exactly.
 */
const READ_SQL = `json_array(${[...CHAIN_COLUMNS_V1, 'lower(hex(hash))'].join(', ')})`;
const parseRow = (json: string): RawRow => JSON.parse(json) as RawRow;

const text = (value: string | number | Buffer | null | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;
const integer = (value: string | number | Buffer | null | undefined): number | undefined =>
  typeof value === 'number' ? value : undefined;
function consentAt(row: RawRow, flag: number, time: number): ConsentRecord | undefined {
  const agreed = row[flag];
  const when = row[time];
  return typeof agreed === 'number' && typeof when === 'string'
    ? { agreed: agreed === 1, at: when }
    : undefined;
}

/**
 * A stored row as the port's record. One object literal of fixed shape (fields the row lacks are
 * undefined): listing thousands of rows stays cheap.
 */
function fromRaw(row: RawRow): StoredConfirmationRow {
  const consents: StoredConfirmationRow['consents'] = {};
  const medication = consentAt(row, at.medication_consent, at.medication_consent_at);
  const checkup = consentAt(row, at.checkup_consent, at.checkup_consent_at);
  const diagnosis = consentAt(row, at.diagnosis_consent, at.diagnosis_consent_at);
  const surgery = consentAt(row, at.surgery_consent, at.surgery_consent_at);
  if (medication) consents.medication = medication;
  if (checkup) consents.checkup = checkup;
  if (diagnosis) consents.diagnosis = diagnosis;
  if (surgery) consents.surgery = surgery;
  const card = integer(row[at.card_ms]);
  const gateway = integer(row[at.gateway_ms]);
  const durations: StoredConfirmationRow['durations'] = { total: row[at.total_ms] as number };
  if (card !== undefined) durations.card = card;
  if (gateway !== undefined) durations.gateway = gateway;
  return {
    id: row[at.id] as number,
    hash: row[at.hash] as string,
    recordedAt: row[at.recorded_at] as string,
    startedAt: row[at.started_at] as string,
    endedAt: row[at.ended_at] as string,
    terminal: row[at.terminal] as string,
    reader: text(row[at.reader]),
    route: row[at.route] as CheckinRoute,
    outcome: row[at.outcome] as CheckinOutcome,
    validity: integer(row[at.validity]),
    errorCode: text(row[at.error_code]),
    systemCode: text(row[at.system_code]),
    insurerNumber: text(row[at.insurer_number]),
    symbol: text(row[at.symbol]),
    number: text(row[at.number]),
    branch: text(row[at.branch]),
    name: text(row[at.name]),
    nameKana: text(row[at.name_kana]),
    birthdate: text(row[at.birthdate]),
    copayTenths: integer(row[at.copay_tenths]),
    limitClass: text(row[at.limit_class]),
    limitConsent: consentAt(row, at.limit_consent, at.limit_consent_at),
    consents,
    staffId: text(row[at.staff_id]),
    gateway: text(row[at.gateway]),
    gatewayRequestId: text(row[at.gateway_request_id]),
    certificateSerialHash: text(row[at.certificate_serial_hash]),
    receptionNumber: integer(row[at.reception_number]),
    durations,
  };
}

/** A valid range of reception numbers, or a RangeError naming the setting. */
function checkedRange(range: ReceptionNumberRange): ReceptionNumberRange {
  const ok = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= MAX_RECEPTION_NUMBER;
  if (!ok(range.first) || !ok(range.last) || range.first > range.last) {
    throw new RangeError(
      `receptionNumbers must be whole numbers with 1 ≤ first ≤ last ≤ ${MAX_RECEPTION_NUMBER}, got ${range.first}–${range.last}`,
    );
  }
  return range;
}

class SqliteConfirmationLog implements ConfirmationLogFile {
  private readonly retentionDays: number;
  private readonly clock: ClinicClock;
  private readonly numbers: ReceptionNumberRange;
  private readonly listStatements = new Map<string, Database.Statement>();
  private readonly insertRow: Database.Statement;
  private readonly insertTerm: Database.Statement;
  private readonly readHead: Database.Statement;
  private readonly writeHead: Database.Statement;
  private readonly lastIssued: Database.Statement;
  private readonly issueNumber: Database.Statement;
  private readonly getById: Database.Statement;
  private readonly commit: (entry: ConfirmationRecord, numbered: boolean) => StoredConfirmationRow;
  /** Validated entries the log refused, oldest first; written before anything newer. */
  private readonly kept: ConfirmationRecord[] = [];
  private readonly keptLimit: number;
  private readonly warn: (line: string) => void;
  /** Code of the last refused write, for reports that must not name the patient. */
  private lastRefusal: string = 'log.unwritable';

  constructor(
    readonly db: Database.Database,
    settings: ConfirmationLogSettings,
  ) {
    this.retentionDays = settings.retentionDays ?? DEFAULT_RETENTION_DAYS;
    if (!Number.isInteger(this.retentionDays) || this.retentionDays < 1) {
      throw new RangeError(`retentionDays must be a positive integer, got ${this.retentionDays}`);
    }
    this.clock = settings.clock ?? createClinicClock();
    this.numbers = checkedRange(settings.receptionNumbers ?? DEFAULT_RECEPTION_NUMBERS);
    this.keptLimit = settings.keptLimit ?? MAX_KEPT_RECORDS;
    if (!Number.isInteger(this.keptLimit) || this.keptLimit < 0) {
      throw new RangeError(`keptLimit must be a non-negative integer, got ${this.keptLimit}`);
    }
    this.warn = settings.warn ?? ((line) => void process.stderr.write(`${line}\n`));
    this.insertRow = db.prepare(
      `INSERT INTO confirmations (${CHAIN_COLUMNS_V1.join(', ')}, chain_format, hash)
       VALUES (${CHAIN_COLUMNS_V1.map(() => '?').join(', ')}, ${CHAIN_FORMAT}, ?)`,
    );
    this.insertTerm = db.prepare('INSERT OR IGNORE INTO search_terms (term, confirmation_id) VALUES (?, ?)');
    this.readHead = db.prepare('SELECT last_id, last_hash FROM chain_head WHERE singleton = 1');
    this.writeHead = db.prepare('UPDATE chain_head SET last_id = ?, last_hash = ? WHERE singleton = 1');
    this.lastIssued = db
      .prepare('SELECT max(number) FROM reception_numbers WHERE day = ? AND number BETWEEN ? AND ?')
      .pluck();
    this.issueNumber = db.prepare(
      'INSERT INTO reception_numbers (day, number, confirmation_id) VALUES (?, ?, ?)',
    );
    this.getById = db.prepare(`SELECT ${READ_SQL} FROM confirmations WHERE id = ?`).pluck();
    const tx = db.transaction((entry: ConfirmationRecord, numbered: boolean): StoredConfirmationRow => {
      const head = this.readHead.get() as { last_id: number; last_hash: Buffer };
      const id = head.last_id + 1;
      const now = this.clock.now();
      const recordedAt = now.toISOString();
      let row = entry;
      if (numbered) {
        // Issued from the clinic day of this commit, inside it: on disk before anyone sees it, and the
        // primary key of reception_numbers refuses a second use in the same day.
        const day = this.clock.dayOf(now);
        const number = this.nextNumber(day);
        this.issueNumber.run(day, number, id);
        row = { ...entry, receptionNumber: number };
      }
      const values = confirmationRowValues(id, recordedAt, row, this.clock);
      const hash = confirmationHash(head.last_hash, values);
      this.insertRow.run(...values, hash);
      for (const term of searchTerms(row)) this.insertTerm.run(term, id);
      this.writeHead.run(id, hash);
      // Read back what was stored, so the caller sees exactly the committed row.
      return fromRaw(parseRow(this.getById.get(id) as string));
    });
    this.commit = (entry, numbered) => tx.immediate(entry, numbered);
  }

  /** The next number of `day` in this terminal's range; LogError when the range is used up. */
  private nextNumber(day: string): number {
    const last = this.lastIssued.get(day, this.numbers.first, this.numbers.last) as number | null;
    const next = last === null ? this.numbers.first : last + 1;
    if (next > this.numbers.last) {
      throw logError('log.numbers-exhausted', `${day}: ${this.numbers.first}〜${this.numbers.last}`);
    }
    return next;
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
      this.lastRefusal = refused.code;
      throw refused;
    }
  }

  get keptCount(): number {
    return this.kept.length;
  }

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
    if (this.kept.length >= this.keptLimit) {
      this.warn(`confirmation log: 1 record lost, ${this.kept.length} already kept (${this.lastRefusal})`);
      return;
    }
    this.kept.push(valid);
  }

  flushKept(): number {
    let written = 0;
    while (this.kept.length > 0) {
      this.write(this.kept[0] as ConfirmationRecord, 'flush kept', false);
      this.kept.shift();
      written += 1;
    }
    return written;
  }

  peekReceptionNumber(): number {
    try {
      return this.nextNumber(this.clock.today());
    } catch (error) {
      throw toLogError(error, 'peekReceptionNumber');
    }
  }

  list(query: ConfirmationQuery): StoredConfirmationRow[] {
    for (const day of [query.from, query.to]) {
      if (day !== undefined && !isDay(day)) {
        throw new LogError('log.invalid-record', `日付は yyyy-MM-dd で指定してください（${day}）。`);
      }
    }
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIST_LIMIT), 1), MAX_LIST_LIMIT);
    const where = ['day BETWEEN ? AND ?'];
    const params: Array<string | number> = [query.from ?? '0000-00-00', query.to ?? '9999-99-99'];
    if (query.outcome) {
      where.push('outcome = ?');
      params.push(query.outcome);
    }
    if (query.route) {
      where.push('route = ?');
      params.push(query.route);
    }
    const text = query.text === undefined ? '' : normalizeSearchText(query.text);
    if (text) {
      // Within a date range, probe each row's terms (few rows); over the whole log, start from the term index.
      where.push(
        query.from !== undefined || query.to !== undefined
          ? 'EXISTS (SELECT 1 FROM search_terms s WHERE s.confirmation_id = confirmations.id AND s.term >= ? AND s.term < ?)'
          : 'id IN (SELECT confirmation_id FROM search_terms WHERE term >= ? AND term < ?)',
      );
      params.push(text, prefixUpperBound(text));
    }
    const sql = `SELECT ${READ_SQL} FROM confirmations WHERE ${where.join(' AND ')} ORDER BY day DESC, started_ms DESC, id DESC LIMIT ?`;
    let statement = this.listStatements.get(sql);
    try {
      if (!statement) {
        statement = this.db.prepare(sql).pluck();
        this.listStatements.set(sql, statement);
      }
      return (statement.all(...params, limit) as string[]).map((json) => fromRaw(parseRow(json)));
    } catch (error) {
      throw toLogError(error, 'list');
    }
  }

  get(id: number): StoredConfirmationRow | undefined {
    const json = this.getById.get(id) as string | undefined;
    return json === undefined ? undefined : fromRaw(parseRow(json));
  }

  verify(): ChainVerification {
    return verifyChain(this.db);
  }

  purgeExpired(): PurgeReport {
    const now = this.clock.now();
    try {
      return purgeExpired(this.db, {
        now,
        today: this.clock.dayOf(now),
        retentionDays: this.retentionDays,
      });
    } catch (error) {
      throw toLogError(error, 'purge');
    }
  }

  startDailyPurge(options: DailyPurgeOptions = {}): { stop(): void } {
    const run = (): void => {
      try {
        const report = this.purgeExpired();
        options.onPurged?.(report);
      } catch (error) {
        options.onError?.(toLogError(error, 'purge'));
      }
    };
    run();
    const timer = setInterval(run, options.intervalMs ?? DAILY_MS);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  exportCsv(options: CsvExportOptions): Buffer {
    try {
      return exportCsv(this.db, options, this.clock.utcOffsetMinutes);
    } catch (error) {
      throw toLogError(error, 'export');
    }
  }

  backup(destination: string): Promise<void> {
    return backupDatabase(this.db, destination);
  }

  close(): void {
    if (this.kept.length > 0 && this.db.open) {
      try {
        this.flushKept();
      } catch {
        // Reported below, by count only.
      }
    }
    if (this.kept.length > 0) {
      this.warn(`confirmation log: ${this.kept.length} kept records lost at close (${this.lastRefusal})`);
      this.kept.length = 0;
    }
    if (this.db.open) this.db.close();
  }
}

/** Online backup of an open log into `destination`, which must not exist yet; the copy is owner-only. */
export async function backupDatabase(db: Database.Database, destination: string): Promise<void> {
  if (existsSync(destination)) throw logError('log.unwritable', `${destination} は既に存在します`);
  try {
    closeSync(openSync(destination, 'wx', 0o600));
    if (process.platform !== 'win32') chmodSync(destination, 0o600);
    await db.backup(destination);
  } catch (error) {
    throw toLogError(error, `backup to ${destination}`);
  }
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
