import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../../native/card/bytes';
import { readDerHeader } from '../../../../native/card/der-length';
import { fixtureCertificate } from './replay-transmit';

const codeOf = (bytes: string): string | undefined => {
  try {
    readDerHeader(fromHex(bytes));
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('readDerHeader', () => {
  it('reads every definite length form of §4', () => {
    expect(readDerHeader(fromHex('3005'))).toEqual({ headerLength: 2, contentLength: 5, totalLength: 7 });
    expect(readDerHeader(fromHex('3081C8'))).toEqual({
      headerLength: 3,
      contentLength: 200,
      totalLength: 203,
    });
    expect(readDerHeader(fromHex('308205C4'))).toEqual({
      headerLength: 4,
      contentLength: 1476,
      totalLength: 1480,
    });
    expect(readDerHeader(fromHex('3083010000'))).toEqual({
      headerLength: 5,
      contentLength: 65536,
      totalLength: 65541,
    });
  });

  it('sizes the fixture certificate from its first bytes', () => {
    const der = fixtureCertificate();
    expect(readDerHeader(der.subarray(0, 4)).totalLength).toBe(der.length);
  });

  it('rejects what is not a DER SEQUENCE header', () => {
    expect(codeOf('')).toBe('card.certificate-invalid');
    expect(codeOf('30')).toBe('card.certificate-invalid');
    expect(codeOf('FFFF')).toBe('card.certificate-invalid');
    expect(codeOf('0482')).toBe('card.certificate-invalid');
    expect(codeOf('3080')).toBe('card.certificate-invalid');
    expect(codeOf('308401000000')).toBe('card.certificate-invalid');
    expect(codeOf('308205')).toBe('card.certificate-invalid');
    expect(codeOf('308105')).toBe('card.certificate-invalid');
    expect(codeOf('30820080')).toBe('card.certificate-invalid');
  });
});
