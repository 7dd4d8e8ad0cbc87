// Builds the ConfirmationRecord of one check-in attempt; never the PIN, challenge, signature or certificate.
import { createHash } from 'node:crypto';
import type { CheckinOutcome, CheckinRoute, ConsentItem } from '../../common/contract';
import type { QualificationResult } from '../gateway/qualification-gateway';
import type { ConfirmationRecord, ConsentRecord } from '../log/confirmation-log';

/** What an attempt has gathered by the time it ends. */
export interface Attempt {
  startedAt: Date;
  terminal: string;
  reader?: string;
  route: CheckinRoute;
  /** Milliseconds from the card being identified to the holder being proven. */
  cardMs?: number;
  gatewayMs?: number;
  certificateSerialHash?: string;
  consents: Partial<Record<ConsentItem, ConsentRecord>>;
  limitConsent?: ConsentRecord;
  staffId?: string;
}

export interface AttemptEnd {
  outcome: CheckinOutcome;
  endedAt: Date;
  errorCode?: string;
  systemCode?: string;
  result?: QualificationResult;
  /** Keyed route: the numbers staff typed, when the system found nobody. */
  keyed?: { insurerNumber: string; symbol?: string; number: string; branch?: string; birthdate: string };
  /** The copay the result view derived for the person (rules/copay.ts), not the file's raw ratio. */
  copayTenths?: 1 | 2 | 3;
}

/** SHA-256 (hex) of the certificate serial, so attempts by one card can be grouped without storing it. */
export function hashSerial(serialHex: string): string {
  return createHash('sha256').update(serialHex.trim().toLowerCase(), 'utf8').digest('hex');
}

export function buildRecord(attempt: Attempt, end: AttemptEnd): ConfirmationRecord {
  const person = end.result?.persons.length === 1 ? end.result.persons[0] : undefined;
  const numbers = person ?? end.keyed;
  const record: ConfirmationRecord = {
    startedAt: attempt.startedAt.toISOString(),
    endedAt: end.endedAt.toISOString(),
    terminal: attempt.terminal,
    route: attempt.route,
    outcome: end.outcome,
    consents: { ...attempt.consents },
    durations: {
      ...(attempt.cardMs !== undefined ? { card: attempt.cardMs } : {}),
      ...(attempt.gatewayMs !== undefined ? { gateway: attempt.gatewayMs } : {}),
      total: Math.max(0, end.endedAt.getTime() - attempt.startedAt.getTime()),
    },
  };
  if (attempt.reader) record.reader = attempt.reader;
  if (attempt.limitConsent) record.limitConsent = attempt.limitConsent;
  if (attempt.staffId) record.staffId = attempt.staffId;
  if (attempt.certificateSerialHash) record.certificateSerialHash = attempt.certificateSerialHash;
  if (end.errorCode) record.errorCode = end.errorCode;
  if (end.systemCode) record.systemCode = end.systemCode;
  if (end.result) {
    record.validity = end.result.validity;
    record.gateway = end.result.gateway;
    record.gatewayRequestId = end.result.requestId;
  }
  if (numbers) {
    // 医療扶助 and some public-expense answers carry no insurer and no number: absent, not empty.
    if (numbers.insurerNumber) record.insurerNumber = numbers.insurerNumber;
    if (numbers.symbol) record.symbol = numbers.symbol;
    if (numbers.number) record.number = numbers.number;
    if (numbers.branch) record.branch = numbers.branch;
    record.birthdate = numbers.birthdate;
  }
  if (person) {
    record.name = person.name;
    if (person.nameKana) record.nameKana = person.nameKana;
    if (end.copayTenths) record.copayTenths = end.copayTenths;
    if (person.limit) record.limitClass = person.limit.classFlag;
  }
  return record;
}
