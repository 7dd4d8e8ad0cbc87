// Row encoding of the confirmations table: a record as its chained column values, and a stored row read back.
import { consentItems } from '../../common/vocabulary';
import type { ClinicClock } from '../clock/clinic-clock';
import type {
  CheckinOutcome,
  CheckinRoute,
  ConfirmationRecord,
  ConsentRecord,
  StoredConfirmation,
} from './confirmation-log';
import { CHAIN_COLUMNS_V1 } from './hash-chain';
import { parseInstant } from './local-time';

export interface StoredConfirmationRow extends StoredConfirmation {
  /** ISO 8601 time the row was committed (the log's clock). */
  recordedAt: string;
}

const bool = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
const ms = (value: number | undefined): number | null => (value === undefined ? null : Math.round(value));

/**
 * The row values of a record in CHAIN_COLUMNS_V1 order, as stored and hashed. The consent columns follow
 * the order of `consentItems`, which the chain format fixes (electron/core/log/README.md, Hash chain).
 */
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
    ...consentItems.flatMap((kind) => consent(r.consents[kind])),
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
 * and text, which JSON carries exactly. Every statement that reads rows selects this expression.
 */
export const READ_SQL = `json_array(${[...CHAIN_COLUMNS_V1, 'lower(hex(hash))'].join(', ')})`;

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
 * A stored row (one READ_SQL value) as the port's record. One object literal of fixed shape (fields the
 * row lacks are undefined): listing thousands of rows stays cheap.
 */
export function rowFromJson(json: string): StoredConfirmationRow {
  const row = JSON.parse(json) as RawRow;
  const consents: StoredConfirmationRow['consents'] = {};
  for (const kind of consentItems) {
    const consent = consentAt(row, at[`${kind}_consent`], at[`${kind}_consent_at`]);
    if (consent) consents[kind] = consent;
  }
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
