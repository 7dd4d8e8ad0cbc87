// Row encoding: values line up with the chained columns, and a stored row reads back as the record.
import { describe, expect, it } from 'vitest';
import { consentItems } from '../../../../../electron/common/vocabulary';
import { CHAIN_COLUMNS_V1 } from '../../../../../electron/core/log/hash-chain';
import { confirmationRowValues, rowFromJson } from '../../../../../electron/core/log/row-codec';
import { fixedClock, sampleRecord } from './log-fixtures';

const clock = fixedClock('2026-11-27T01:01:00.000Z');

describe('confirmationRowValues', () => {
  it('gives one value per chained column, in CHAIN_COLUMNS_V1 order', () => {
    const record = sampleRecord({ consents: { surgery: { agreed: true, at: '2026-11-27T01:00:30.000Z' } } });
    const values = confirmationRowValues(7, '2026-11-27T01:01:00.000Z', record, clock);
    expect(values).toHaveLength(CHAIN_COLUMNS_V1.length);
    const byColumn = Object.fromEntries(CHAIN_COLUMNS_V1.map((c, i) => [c, values[i]]));
    expect(byColumn).toMatchObject({
      id: 7,
      day: '2026-11-27',
      started_ms: Date.parse(record.startedAt),
      surgery_consent: 1,
      surgery_consent_at: '2026-11-27T01:00:30.000Z',
      medication_consent: null,
      total_ms: 42000,
    });
  });

  it('stores each consent item of the vocabulary in its own chained columns', () => {
    for (const item of consentItems) {
      expect(CHAIN_COLUMNS_V1).toContain(`${item}_consent`);
      expect(CHAIN_COLUMNS_V1).toContain(`${item}_consent_at`);
    }
  });
});

describe('rowFromJson', () => {
  it('reads the stored values back as the record, with id, hash and commit time', () => {
    const record = sampleRecord();
    const values = confirmationRowValues(3, '2026-11-27T01:01:00.000Z', record, clock);
    const stored = rowFromJson(JSON.stringify([...values, 'ab'.repeat(32)]));
    const { id, hash, recordedAt, ...rest } = stored;
    expect({ id, hash, recordedAt }).toEqual({
      id: 3,
      hash: 'ab'.repeat(32),
      recordedAt: '2026-11-27T01:01:00.000Z',
    });
    expect(JSON.parse(JSON.stringify(rest))).toEqual(record);
  });
});
