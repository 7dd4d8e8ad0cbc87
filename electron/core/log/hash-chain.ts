// The hash chain: canonical serialisation of a row, and SHA-256 / keyed HMAC-SHA-256 linking (verification: chain-verify.ts).
import { createHmac, hash as sha256Once } from 'node:crypto';

/** Hash of "no previous row": the anchor of a log that has never been purged. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** Chain format 1: the confirmation columns covered by a row hash, in this order (README.md, "Hash chain"). */
export const CHAIN_COLUMNS_V1 = [
  'id',
  'recorded_at',
  'started_at',
  'started_ms',
  'day',
  'ended_at',
  'terminal',
  'reader',
  'route',
  'outcome',
  'validity',
  'error_code',
  'system_code',
  'insurer_number',
  'symbol',
  'number',
  'branch',
  'name',
  'name_kana',
  'birthdate',
  'copay_tenths',
  'limit_class',
  'limit_consent',
  'limit_consent_at',
  'medication_consent',
  'medication_consent_at',
  'checkup_consent',
  'checkup_consent_at',
  'diagnosis_consent',
  'diagnosis_consent_at',
  'surgery_consent',
  'surgery_consent_at',
  'staff_id',
  'gateway',
  'gateway_request_id',
  'certificate_serial_hash',
  'reception_number',
  'card_ms',
  'gateway_ms',
  'total_ms',
] as const;

/** The purge columns covered by a purge-record hash, in this order. */
export const PURGE_COLUMNS_V1 = [
  'id',
  'purged_at',
  'cutoff_day',
  'removed_count',
  'first_removed_id',
  'last_removed_id',
  'anchor_id',
] as const;

/** Format 1: rows chained by plain SHA-256 (logs written before the chain was keyed). */
export const CHAIN_FORMAT = 1;
/** Format 2: rows chained by HMAC-SHA-256 under the terminal's log key (README.md, "Hash chain"). */
export const KEYED_CHAIN_FORMAT = 2;

export type SqlValue = string | number | null;

/** SHA-256 over "kiosk-confirmation-log/1\n" + previous hash (hex) + "\n" + JSON array of the row's values. */
export function confirmationHash(previous: Buffer, values: readonly SqlValue[]): Buffer {
  return confirmationHashOfJson(previous, JSON.stringify(values));
}

/** The same hash from the row's values already serialised as a JSON array. */
export function confirmationHashOfJson(previous: Buffer, json: string): Buffer {
  return sha256Once('sha256', `kiosk-confirmation-log/1\n${previous.toString('hex')}\n${json}`, 'buffer');
}

/** The same hash as lowercase hex, from the previous hash as lowercase hex. */
export function confirmationHexOfJson(previousHex: string, json: string): string {
  return sha256Once('sha256', `kiosk-confirmation-log/1\n${previousHex}\n${json}`, 'hex');
}

/** Format 2: HMAC-SHA-256 under `key` over "kiosk-confirmation-log/2\n" + previous (hex) + "\n" + JSON array. */
export function keyedConfirmationHash(key: Buffer, previous: Buffer, values: readonly SqlValue[]): Buffer {
  return Buffer.from(
    keyedConfirmationHexOfJson(key, previous.toString('hex'), JSON.stringify(values)),
    'hex',
  );
}

export function keyedConfirmationHexOfJson(key: Buffer, previousHex: string, json: string): string {
  return createHmac('sha256', key).update(`kiosk-confirmation-log/2\n${previousHex}\n${json}`).digest('hex');
}

/** SHA-256 over "kiosk-purge-log/1\n" + previous purge hash (hex) + "\n" + JSON array of values + anchor hash (hex). */
export function purgeHash(previous: Buffer, values: readonly SqlValue[], anchorHash: Buffer): Buffer {
  return sha256Once(
    'sha256',
    `kiosk-purge-log/1\n${previous.toString('hex')}\n${JSON.stringify([...values, anchorHash.toString('hex')])}`,
    'buffer',
  );
}

/** Format 2 purge record: HMAC-SHA-256 under `key` over "kiosk-purge-log/2\n" and the same text. */
export function keyedPurgeHash(
  key: Buffer,
  previous: Buffer,
  values: readonly SqlValue[],
  anchorHash: Buffer,
): Buffer {
  return createHmac('sha256', key)
    .update(
      `kiosk-purge-log/2\n${previous.toString('hex')}\n${JSON.stringify([...values, anchorHash.toString('hex')])}`,
    )
    .digest();
}
