// The DER encoder of the test PKI, checked against known encodings (X.690).
import { describe, expect, it } from 'vitest';
import { integer, namedBits, octetString, oid, printableString, time } from '../../../../native/sim/der';

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('DER encoder', () => {
  it('encodes INTEGERs in their shortest form, with a leading zero when the top bit is set', () => {
    expect(hexOf(integer(0))).toBe('020100');
    expect(hexOf(integer(127))).toBe('02017f');
    expect(hexOf(integer(128))).toBe('02020080');
    expect(hexOf(integer(256))).toBe('02020100');
    expect(hexOf(integer(0x0a000001n))).toBe('02040a000001');
    expect(() => integer(-1)).toThrow(/negative/);
  });

  it('encodes OIDs with base-128 arcs', () => {
    expect(hexOf(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    expect(hexOf(oid('2.5.29.15'))).toBe('0603551d0f');
    expect(() => oid('1.x')).toThrow(/not an OID/);
  });

  it('uses the long length form from 128 bytes on', () => {
    expect(hexOf(octetString(new Uint8Array(127))).slice(0, 4)).toBe('047f');
    expect(hexOf(octetString(new Uint8Array(128))).slice(0, 6)).toBe('048180');
    expect(hexOf(octetString(new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
  });

  it('encodes KeyUsage bits without trailing zero bits', () => {
    expect(hexOf(namedBits([0]))).toBe('03020780');
    expect(hexOf(namedBits([0, 1]))).toBe('030206c0');
    expect(hexOf(namedBits([5, 6]))).toBe('03020106');
  });

  it('uses UTCTime before 2050 and GeneralizedTime after, and refuses non-printable text', () => {
    expect(
      Buffer.from(time(new Date('2049-12-31T23:59:59Z')))
        .toString('latin1')
        .slice(2),
    ).toBe('491231235959Z');
    expect(
      Buffer.from(time(new Date('2050-01-01T00:00:00Z')))
        .toString('latin1')
        .slice(2),
    ).toBe('20500101000000Z');
    expect(() => printableString('日本')).toThrow(/PrintableString/);
  });
});
