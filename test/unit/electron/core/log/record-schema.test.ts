// Record validation: the vocabulary's enums, and the My Number guard over every text field but a certificate hash.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consentItems } from '../../../../../electron/common/vocabulary';
import { containsMyNumber } from '../../../../../electron/core/log/my-number-guard';
import { validateRecord } from '../../../../../electron/core/log/record-schema';
import { sampleRecord } from './log-fixtures';

/** The first SHA-256 (of "0", "1", …) that holds twelve digits with a valid 個人番号 check digit. */
function hashThatLooksLikeMyNumber(): string {
  for (let i = 0; ; i++) {
    const hex = createHash('sha256').update(String(i)).digest('hex');
    if (containsMyNumber(hex)) return hex;
  }
}

describe('validateRecord', () => {
  it('accepts a certificate serial hash that happens to hold a My Number-like digit run', () => {
    const hash = hashThatLooksLikeMyNumber();
    expect(validateRecord(sampleRecord({ certificateSerialHash: hash })).certificateSerialHash).toBe(hash);
  });

  it('still refuses the same digits anywhere else, and a "hash" that is not one', () => {
    const hash = hashThatLooksLikeMyNumber();
    const digits = /(?<!\d)\d{12}(?!\d)/.exec(hash)?.[0] ?? '';
    expect(containsMyNumber(digits)).toBe(true);
    expect(() => validateRecord(sampleRecord({ name: `山田 ${digits}` }))).toThrow(/個人番号/);
    expect(() => validateRecord(sampleRecord({ gatewayRequestId: hash }))).toThrow(/個人番号/);
    expect(() => validateRecord(sampleRecord({ certificateSerialHash: `${digits}` }))).toThrow(/個人番号/);
  });

  it('takes the vocabulary’s routes, outcomes and consent items, and nothing else', () => {
    const at = '2026-11-27T01:00:10.000Z';
    const consents = Object.fromEntries(consentItems.map((item) => [item, { agreed: true, at }]));
    expect(Object.keys(validateRecord(sampleRecord({ consents })).consents)).toEqual([...consentItems]);
    const unknownItem = { ...consents, genome: { agreed: true, at } };
    expect(() => validateRecord({ ...sampleRecord(), consents: unknownItem })).toThrow(/consents/);
    expect(() => validateRecord({ ...sampleRecord(), route: 'phone' })).toThrow(/route/);
    expect(() => validateRecord({ ...sampleRecord(), outcome: 'timeout' })).toThrow(/outcome/);
  });
});
