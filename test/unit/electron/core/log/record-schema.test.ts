// Record validation: the My Number guard scans every text field, but a certificate hash is not text.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
});
