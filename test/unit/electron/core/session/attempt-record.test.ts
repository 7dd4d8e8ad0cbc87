// The log record of an attempt: what it holds, what it never holds, and the clinic's day.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../../../../electron/core/log/record-schema';
import { buildRecord, hashSerial } from '../../../../../electron/core/session/attempt-record';
import { person, result } from './fakes';

describe('attempt record', () => {
  it('hashes the certificate serial, normalised', () => {
    const expected = createHash('sha256').update('0a000001').digest('hex');
    expect(hashSerial('0A000001')).toBe(expected);
    expect(hashSerial(' 0a000001 ')).toBe(expected);
  });

  it('takes the person from a single result and the durations from the attempt', () => {
    const record = buildRecord(
      {
        startedAt: new Date('2026-06-15T01:00:00Z'),
        terminal: '受付1',
        reader: 'R1',
        route: 'card-pin',
        cardMs: 800,
        gatewayMs: 1200,
        consents: { medication: { agreed: true, at: '2026-06-15T01:00:05.000Z' } },
        certificateSerialHash: 'ab',
      },
      {
        outcome: 'confirmed',
        endedAt: new Date('2026-06-15T01:00:10Z'),
        result: result(),
        copayTenths: 3,
      },
    );
    expect(record).toMatchObject({
      durations: { card: 800, gateway: 1200, total: 10_000 },
      name: '山田 太郎',
      insurerNumber: '06139994',
      copayTenths: 3,
      limitClass: 'A03',
      validity: 1,
      gatewayRequestId: 'req-1',
      certificateSerialHash: 'ab',
    });
    // The log issues the reception number when it commits the row, never the attempt.
    expect(record).not.toHaveProperty('receptionNumber');
  });

  it('records the copay the result view derived, not the ratio the file carried', () => {
    const base = {
      startedAt: new Date('2026-06-15T01:00:00Z'),
      terminal: '受付1',
      route: 'card-pin' as const,
      consents: {},
    };
    const endedAt = new Date('2026-06-15T01:00:01Z');
    // A 国保 answer without a ratio: the view derived 3割 by age.
    const derived = buildRecord(base, {
      outcome: 'confirmed',
      endedAt,
      result: result({ persons: [person({ copayTenths: undefined })] }),
      copayTenths: 3,
    });
    expect(derived.copayTenths).toBe(3);
    // The file's reading alone is not recorded: the view found nothing it could stand by.
    const raw = buildRecord(base, {
      outcome: 'needs-attention',
      endedAt,
      result: result({ persons: [person({ copayTenths: 2 })] }),
    });
    expect(raw).not.toHaveProperty('copayTenths');
  });

  it('records no person when several matched, and the keyed numbers when nobody did', () => {
    const base = {
      startedAt: new Date('2026-06-15T01:00:00Z'),
      terminal: '受付1',
      route: 'keyed' as const,
      consents: {},
    };
    const several = buildRecord(base, {
      outcome: 'needs-attention',
      endedAt: new Date('2026-06-15T01:00:01Z'),
      result: result({ validity: 5, persons: [person(), person({ name: '山田 花子' })] }),
    });
    expect(several.name).toBeUndefined();
    const keyed = buildRecord(base, {
      outcome: 'not-insured',
      endedAt: new Date('2026-06-15T01:00:01Z'),
      result: result({ validity: 4, persons: [] }),
      keyed: { insurerNumber: '138057', number: '99', birthdate: '19700101' },
    });
    expect(keyed).toMatchObject({ insurerNumber: '138057', number: '99', birthdate: '19700101' });
    expect(keyed.name).toBeUndefined();
  });

  it('leaves out the insurer and number of a person who has none (医療扶助), so the log takes the row', () => {
    const record = buildRecord(
      { startedAt: new Date('2026-06-15T01:00:00Z'), terminal: '受付1', route: 'card-pin', consents: {} },
      {
        outcome: 'needs-attention',
        endedAt: new Date('2026-06-15T01:00:02Z'),
        result: result({ validity: 6, persons: [person({ insurerNumber: '', number: '', symbol: '' })] }),
      },
    );
    expect(record).not.toHaveProperty('insurerNumber');
    expect(record).not.toHaveProperty('number');
    expect(record).toMatchObject({ name: '山田 太郎', birthdate: expect.stringMatching(/^\d{8}$/) });
    expect(validateRecord(record)).toMatchObject({ validity: 6 });
  });
});
